// Every subcommand of `annoconv`, one file each; a new command (e.g. `serve`) is one more file and one more line.
import type { Command } from 'commander';
import type { CliEnv } from '../cli-env.js';
import { registerConvertCommand } from './convert.js';
import { registerDetectCommand } from './detect.js';
import { registerFormatsCommand } from './formats.js';
import { registerServeCommand } from './serve.js';
import { registerStatsCommand } from './stats.js';
import { registerTokenCommand } from './token.js';
import { registerValidateCommand } from './validate.js';

/** Adds a subcommand to the program; its action reports its exit code through `setExitCode`. */
export type RegisterCommand = (program: Command, env: CliEnv, setExitCode: (code: number) => void) => void;

export const commands: readonly RegisterCommand[] = [
  registerConvertCommand,
  registerDetectCommand,
  registerFormatsCommand,
  registerValidateCommand,
  registerStatsCommand,
  registerServeCommand,
  registerTokenCommand,
];
