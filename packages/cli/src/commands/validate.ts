// `annoconv validate <input>`: reads an input and checks the result against the model's schema and references.
import type { Command } from 'commander';
import { SchemaError } from '@annoconv/core';
import type { CliEnv } from '../cli-env.js';
import { formatDiagnostics } from '../diagnostics-report.js';
import { EXIT } from '../exit-codes.js';
import { addLimitOptions, collectOption, examples, limitsFrom, type LimitFlags } from '../input-options.js';
import { createProgressReporter } from '../progress-reporter.js';
import { runReported } from '../run-reported.js';

interface ValidateFlags extends LimitFlags {
  from?: string;
  verbose?: boolean;
  progress: boolean;
  option?: Record<string, string>;
}

export function registerValidateCommand(program: Command, env: CliEnv, setExitCode: (code: number) => void): void {
  const command = program
    .command('validate')
    .description('read an input and check it: parse errors and model violations exit 4, warnings are listed')
    .argument('<input>', 'dataset folder, .zip archive, or single annotation file')
    .option('-f, --from <format>', 'format id or CVAT name (detected when omitted)')
    .option('-o, --option <name=value>', 'reader option, repeatable', collectOption)
    .option('-v, --verbose', 'list every diagnostic instead of the first few per kind')
    .option('--no-progress', 'do not report progress on stderr');
  addLimitOptions(command).addHelpText('after', examples(['annoconv validate dataset.zip', 'annoconv validate instances.json --from coco']));
  command.action(async (input: string, flags: ValidateFlags) => {
    // Loaded on use, so `--help` and usage errors do not pay for loading every format.
    const { readDataset, validateDataset } = await import('@annoconv/engine');
    const progress = createProgressReporter(env, flags.progress);
    const code = await runReported(env, { json: false, subject: input }, async () => {
      try {
        const limits = limitsFrom(flags);
        const result = await readDataset(input, {
          ...(flags.from !== undefined ? { from: flags.from } : {}),
          options: flags.option ?? {},
          onProgress: (event) => progress.update(event),
          ...(env.signal ? { signal: env.signal } : {}),
          ...(limits ? { limits } : {}),
        });
        progress.stop();
        env.stderr.write(formatDiagnostics(result.diagnostics, { verbose: flags.verbose ?? false }));
        const issues = validateDataset(result.dataset);
        if (issues.length > 0) throw new SchemaError(issues, { subject: `${input} read as ${result.format}` });
        env.stdout.write(`valid: ${input} (${result.format}), ${result.dataset.frames.length} frames, ${result.dataset.labels.length} labels\n`);
        return EXIT.ok;
      } finally {
        progress.stop();
      }
    }, flags.verbose ?? false);
    setExitCode(code);
  });
}
