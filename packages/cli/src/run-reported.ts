// Runs a command's work and turns any failure into its exit code and a message naming the input, the file and
// the place; strict-mode failures also list the warnings that caused them.
import { AnnoconvError, type StrictModeError } from '@annoconv/core';
import type { CliEnv } from './cli-env.js';
import { formatDiagnostics } from './diagnostics-report.js';
import { describeError, printError } from './report-error.js';

export async function runReported(
  env: CliEnv,
  options: { json: boolean; subject?: string },
  work: () => Promise<number>,
  verbose = false,
): Promise<number> {
  try {
    return await work();
  } catch (error) {
    const report = describeError(error, options.subject);
    const strict = AnnoconvError.isInstance(error) && error.code === 'strict' ? (error as StrictModeError) : undefined;
    if (options.json) {
      const diagnostics = strict ? { diagnostics: strict.diagnostics } : {};
      env.stdout.write(`${JSON.stringify({ error: report, ...diagnostics }, null, 2)}\n`);
    }
    if (strict && !options.json) env.stderr.write(formatDiagnostics(strict.diagnostics, { verbose }));
    printError(env, report, error);
    return report.exitCode;
  }
}
