// The server's settings and their defaults: where the data lives, what it listens on, and the size bounds.
import type { ArchiveLimits } from '@annoconv/io';

export interface ServerConfig {
  /** Folder of the database, uploads and export results; created when missing. */
  dataDir: string;
  host: string;
  /** 0 = any free port. */
  port: number;
  /** Largest JSON request body, in bytes. */
  maxBodyBytes: number;
  /** Largest multipart upload (annotation or dataset file), in bytes. */
  maxUploadBytes: number;
  /** Archive bounds applied when an uploaded zip is read (defaults: @annoconv/io's). */
  archiveLimits: Partial<ArchiveLimits>;
  /** Import / export requests running at once. */
  concurrency: number;
  /** Run imports and exports in worker threads when the compiled worker is present (default true). */
  useWorkers: boolean;
  /** How long finished requests and their export files are kept, in ms. */
  resultTtlMs: number;
}

export const DEFAULT_CONFIG: Readonly<Omit<ServerConfig, 'dataDir'>> = Object.freeze({
  host: '127.0.0.1',
  port: 8080,
  maxBodyBytes: 256 * 1024 ** 2,
  maxUploadBytes: 2 * 1024 ** 3,
  archiveLimits: {},
  concurrency: 2,
  useWorkers: true,
  resultTtlMs: 24 * 60 * 60 * 1000,
});

export function resolveConfig(config: Partial<ServerConfig> & { dataDir: string }): ServerConfig {
  return { ...DEFAULT_CONFIG, ...config };
}
