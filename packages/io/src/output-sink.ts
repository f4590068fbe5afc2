// The sink an output is written through: a FileSink that becomes visible only on `commit()`.
import type { FileSink } from '@annoconv/core';

export interface OutputSink extends FileSink {
  readonly kind: 'folder' | 'zip';
  /** The final output path. */
  readonly path: string;
  /** Moves the finished output into place (replacing an existing one only if the sink was opened with overwrite). */
  commit(): Promise<void>;
  /** Discards everything written; safe to call after a failure, and a no-op after `commit()`. */
  abort(): Promise<void>;
}
