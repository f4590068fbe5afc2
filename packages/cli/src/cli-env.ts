// What a command may touch of the outside world: output streams, whether stderr is a terminal, and an abort
// signal. Passed in so the whole CLI runs in-process in tests with captured output.

export interface OutputStream {
  write(text: string): unknown;
}

export interface CliEnv {
  stdout: OutputStream;
  stderr: OutputStream & { isTTY?: boolean; columns?: number };
  /** Fires on Ctrl-C; long work stops at the next check. */
  signal?: AbortSignal;
}

export function processEnv(signal?: AbortSignal): CliEnv {
  return { stdout: process.stdout, stderr: process.stderr, ...(signal ? { signal } : {}) };
}
