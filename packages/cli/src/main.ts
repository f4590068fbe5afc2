// The `annoconv` program: builds the commander tree, runs one command and returns its exit code. Never calls
// process.exit, so it runs in-process in tests and the bin decides how to exit.
import { Command, CommanderError } from 'commander';
import { processEnv, type CliEnv } from './cli-env.js';
import { commands } from './commands/index.js';
import { EXIT } from './exit-codes.js';
import { describeError, printError } from './report-error.js';

export const VERSION = '0.1.0';

const exitCodesHelp = `
Exit codes:
  0    success
  2    bad usage (unknown command or option, missing argument, bad option value)
  3    unknown format, a format that cannot import / export, or no format recognised the input
  4    invalid input (cannot be parsed, or breaks the model's rules)
  5    --strict and warnings were raised (nothing written)
  6    I/O failure, archive bound exceeded, unsafe path in an archive, or output already exists
  70   internal error (a bug: please report it with the stack trace)
  130  interrupted
`;

export function buildProgram(env: CliEnv, setExitCode: (code: number) => void): Command {
  const program = new Command('annoconv')
    .description('Convert computer-vision annotation datasets between formats (CVAT annotation model as the canonical form).')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: (text) => env.stdout.write(text), writeErr: (text) => env.stderr.write(text) })
    .showHelpAfterError('(add --help for usage)')
    .showSuggestionAfterError(true)
    .addHelpText('after', exitCodesHelp);
  for (const register of commands) register(program, env, setExitCode);
  return program;
}

/** Runs `annoconv` with the given arguments (without `node` and the script) and returns the exit code. */
export async function main(argv: readonly string[], env?: CliEnv): Promise<number> {
  const controller = new AbortController();
  const onInterrupt = () => controller.abort();
  if (!env) process.once('SIGINT', onInterrupt);
  const runEnv = env ?? processEnv(controller.signal);
  let exitCode: number = EXIT.ok;
  try {
    const program = buildProgram(runEnv, (code) => (exitCode = code));
    if (argv.length === 0) {
      program.outputHelp({ error: true });
      return EXIT.usage;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are successes; every other commander error is bad usage (commander already printed it).
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    const report = describeError(error);
    printError(runEnv, report, error);
    return report.exitCode;
  } finally {
    if (!env) process.removeListener('SIGINT', onInterrupt);
  }
}
