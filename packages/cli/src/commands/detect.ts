// `annoconv detect <input>`: which formats recognise an input, ranked, and why the others do not.
import type { Command } from 'commander';
import { FormatNotDetectedError } from '@annoconv/core';
import type { CliEnv } from '../cli-env.js';
import { EXIT } from '../exit-codes.js';
import { addLimitOptions, examples, limitsFrom, type LimitFlags } from '../input-options.js';
import { runReported } from '../run-reported.js';

interface DetectFlags extends LimitFlags {
  json?: boolean;
  verbose?: boolean;
}

export function registerDetectCommand(program: Command, env: CliEnv, setExitCode: (code: number) => void): void {
  const command = program
    .command('detect')
    .description('show which formats recognise an input (best first) and why the others do not')
    .argument('<input>', 'dataset folder, .zip archive, or single annotation file')
    .option('--json', 'print candidates and rejections as JSON')
    .option('-v, --verbose', 'also list the formats that do not match, with their reasons');
  addLimitOptions(command).addHelpText('after', examples(['annoconv detect dataset.zip', 'annoconv detect dataset.zip --verbose', 'annoconv detect annotations/ --json']));
  command.action(async (input: string, flags: DetectFlags) => {
    const code = await runReported(env, { json: flags.json ?? false, subject: input }, async () => {
      const [{ detect }, { openTree }] = await Promise.all([import('@annoconv/engine'), import('@annoconv/io')]);
      const limits = limitsFrom(flags);
      const tree = await openTree(input, limits ? { limits } : {});
      try {
        const result = await detect(tree, env.signal ? { signal: env.signal } : {});
        const describe = (report: (typeof result.candidates)[number]) => ({ format: report.format, name: report.plugin.names[0] ?? report.format, confidence: report.confidence, reasons: report.reasons });
        if (flags.json) {
          env.stdout.write(`${JSON.stringify({ input, format: result.candidates[0]?.format ?? null, candidates: result.candidates.map(describe), rejected: result.rejected.map(describe) }, null, 2)}\n`);
        } else if (result.candidates.length > 0) {
          for (const candidate of result.candidates) env.stdout.write(`${candidate.confidence.toFixed(2)}  ${candidate.format}  (${candidate.plugin.names[0] ?? ''})\n`);
          if (flags.verbose) for (const report of result.rejected) env.stdout.write(`0.00  ${report.format}: ${report.reasons.join('; ') || 'no match'}\n`);
        }
        if (result.candidates.length === 0) {
          // Same message and exit code as convert gets when detection fails.
          throw new FormatNotDetectedError(input, result.rejected.map(({ format, confidence, reasons }) => ({ format, confidence, reasons })));
        }
        return EXIT.ok;
      } finally {
        await tree.close();
      }
    });
    setExitCode(code);
  });
}
