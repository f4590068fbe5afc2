// `annoconv formats`: the formats annoconv knows; with --json, exactly CVAT's `GET /api/server/annotation/formats`.
import type { Command } from 'commander';
import type { CliEnv } from '../cli-env.js';
import { EXIT } from '../exit-codes.js';
import { examples } from '../input-options.js';

export function registerFormatsCommand(program: Command, env: CliEnv, setExitCode: (code: number) => void): void {
  program
    .command('formats')
    .description('list the formats: id, CVAT names, import / export, options')
    .option('--json', "print CVAT's formats listing ({importers, exporters}) as JSON")
    .option('-v, --verbose', 'describe each format and its options')
    .addHelpText('after', examples(['annoconv formats', 'annoconv formats --verbose', 'annoconv formats --json']))
    .action(async (flags: { json?: boolean; verbose?: boolean }) => {
      const { formats, formatsListing } = await import('@annoconv/engine');
      if (flags.json) {
        env.stdout.write(`${JSON.stringify(formatsListing(), null, 2)}\n`);
      } else if (formats.length === 0) {
        env.stdout.write('no formats are available in this build\n');
      } else {
        for (const plugin of formats) {
          const can = [plugin.read ? 'import' : '', plugin.write ? 'export' : ''].filter(Boolean).join(' + ');
          env.stdout.write(`${plugin.id.padEnd(28)} ${can.padEnd(15)} ${plugin.names.join(', ')}\n`);
          const own = plugin.options ?? [];
          if (flags.verbose) {
            if (plugin.description) env.stdout.write(`${''.padEnd(29)}${plugin.description}\n`);
            for (const spec of own) env.stdout.write(`${''.padEnd(29)}--option ${spec.name}=<${spec.type}>  ${spec.description}\n`);
          } else if (own.length > 0) {
            env.stdout.write(`${''.padEnd(29)}options: ${own.map((spec) => spec.name).join(', ')}\n`);
          }
        }
      }
      setExitCode(EXIT.ok);
    });
}
