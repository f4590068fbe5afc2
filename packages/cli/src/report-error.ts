// Turns a failure into the lines the user sees: the error kind, the input it concerns, the file and place in
// it, and for internal errors the stack (they are our bugs, and the stack is what a bug report needs).
import { AnnoconvError, type Where } from '@annoconv/core';
import type { CliEnv } from './cli-env.js';
import { EXIT, exitCodeFor, isSystemError } from './exit-codes.js';

export interface ErrorReport {
  exitCode: number;
  code: string;
  message: string;
  where?: Where;
}

// Errors about the command's arguments (a format name, an option) rather than the input's content.
const argumentCodes = new Set(['unknown-format', 'unsupported', 'invalid-request']);

/** The error as data (for `--json`) with its exit code. */
export function describeError(error: unknown, subject?: string): ErrorReport {
  const exitCode = exitCodeFor(error);
  if (AnnoconvError.isInstance(error)) {
    // Messages already start with the file and place when the error has one; name the input when they do not
    // say which file they concern, so every error points somewhere.
    const aboutInput = !argumentCodes.has(error.code);
    const message = !aboutInput || error.where?.file || !subject || error.message.includes(subject) ? error.message : `${subject}: ${error.message}`;
    return { exitCode, code: error.code, message, ...(error.where ? { where: error.where } : {}) };
  }
  if (isSystemError(error)) {
    return { exitCode, code: 'io', message: error.path ? error.message : `${subject ?? ''}${subject ? ': ' : ''}${error.message}` };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { exitCode: EXIT.internal, code: 'internal', message: subject ? `${subject}: ${message}` : message };
}

export function printError(env: CliEnv, report: ErrorReport, error: unknown): void {
  env.stderr.write(`annoconv: error [${report.code}]: ${report.message}\n`);
  if (report.exitCode === EXIT.internal && error instanceof Error && error.stack) env.stderr.write(`${error.stack}\n`);
}
