// `annoconv stats <input>`: the canonical dataset's counts after import; `--json` is what other checks compare.
import type { Command } from 'commander';
import type { CliEnv } from '../cli-env.js';
import { EXIT } from '../exit-codes.js';
import { addLimitOptions, collectOption, examples, limitsFrom, type LimitFlags } from '../input-options.js';
import { runReported } from '../run-reported.js';

interface StatsFlags extends LimitFlags {
  from?: string;
  json?: boolean;
  option?: Record<string, string>;
}

export function registerStatsCommand(program: Command, env: CliEnv, setExitCode: (code: number) => void): void {
  const command = program
    .command('stats')
    .description('count frames, subsets, labels, tags, shapes and tracks of an input after import')
    .argument('<input>', 'dataset folder, .zip archive, or single annotation file')
    .option('-f, --from <format>', 'format id or CVAT name (detected when omitted)')
    .option('-o, --option <name=value>', 'reader option, repeatable', collectOption)
    .option('--json', 'print {format, frames, subsets, labels, tags, shapes, tracks, trackedShapes} as JSON');
  addLimitOptions(command).addHelpText('after', examples(['annoconv stats dataset.zip --json', 'annoconv stats annotations.xml --from cvat --json']));
  command.action(async (input: string, flags: StatsFlags) => {
    // Loaded on use, so `--help` and usage errors do not pay for loading every format.
    const { datasetStats, readDataset } = await import('@annoconv/engine');
    const code = await runReported(env, { json: flags.json ?? false, subject: input }, async () => {
      const limits = limitsFrom(flags);
      const result = await readDataset(input, {
        ...(flags.from !== undefined ? { from: flags.from } : {}),
        options: flags.option ?? {},
        ...(env.signal ? { signal: env.signal } : {}),
        ...(limits ? { limits } : {}),
      });
      const stats = { format: result.format, ...datasetStats(result.dataset) };
      if (flags.json) {
        env.stdout.write(`${JSON.stringify(stats, null, 2)}\n`);
      } else {
        const counts = (record: Record<string, number>) => Object.entries(record).map(([key, value]) => `${key} ${value}`).join(', ') || 'none';
        env.stdout.write(
          [
            `format:         ${stats.format}`,
            `frames:         ${stats.frames}`,
            `subsets:        ${counts(stats.subsets)}`,
            `labels:         ${stats.labels.join(', ') || 'none'}`,
            `tags:           ${stats.tags}`,
            `shapes:         ${counts(stats.shapes)}`,
            `tracks:         ${counts(stats.tracks)}`,
            `tracked shapes: ${stats.trackedShapes}`,
          ].join('\n') + '\n',
        );
      }
      return EXIT.ok;
    });
    setExitCode(code);
  });
}
