// The documented exit codes of `annoconv` (see the package README) and how each error maps to one.
import { AnnoconvError } from '@annoconv/core';

export const EXIT = {
  ok: 0,
  /** Bad command line: unknown command or option, missing argument, bad option value. */
  usage: 2,
  /** The named format does not exist or cannot do this (import / export), or no format recognised the input. */
  format: 3,
  /** The input cannot be parsed or breaks the model's rules. */
  invalidInput: 4,
  /** `--strict` and the conversion raised warnings; nothing was written. */
  strict: 5,
  /** Reading or writing files failed, an archive bound was exceeded, or an entry path was unsafe. */
  io: 6,
  /** A bug in annoconv (an error it did not expect). */
  internal: 70,
  /** Interrupted (Ctrl-C); nothing was written. */
  aborted: 130,
} as const;

export function exitCodeFor(error: unknown): number {
  if (AnnoconvError.isInstance(error)) {
    switch (error.code) {
      case 'invalid-request':
        return EXIT.usage;
      case 'unknown-format':
      case 'format-not-detected':
      case 'unsupported':
        return EXIT.format;
      case 'parse':
      case 'schema':
        return EXIT.invalidInput;
      case 'strict':
        return EXIT.strict;
      case 'io':
      case 'limit-exceeded':
      case 'unsafe-path':
      case 'not-found':
      case 'conflict':
        return EXIT.io;
      case 'aborted':
        return EXIT.aborted;
    }
  }
  // A file-system error that escaped without being wrapped is still an I/O failure, not a bug of ours.
  if (isSystemError(error)) return EXIT.io;
  return EXIT.internal;
}

export function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}
