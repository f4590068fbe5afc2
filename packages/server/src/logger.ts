// The server's logger: pino writing JSON lines to stderr (stdout stays free for what the CLI prints).
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string = 'info'): Logger {
  return pino({ level, base: undefined }, pino.destination({ fd: 2, sync: false }));
}

/** A logger that drops everything (tests, embedding). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
