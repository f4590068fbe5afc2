// The two pieces of heavy work behind the import and export requests: reading an uploaded file into a Dataset and
// writing a Dataset into an export archive. Plain async functions; off-thread.ts runs them in a worker thread.
import type { Dataset, Diagnostic } from '@annoconv/core';
import { createContext } from '@annoconv/core';
import { readDataset, writerFor } from '@annoconv/engine';
import { openSink, type ArchiveLimits } from '@annoconv/io';

export interface ReadJob {
  kind: 'read';
  path: string;
  /** Format display name or id; detected when absent. */
  format?: string;
  options: Record<string, unknown>;
  limits: Partial<ArchiveLimits>;
}

export interface WriteJob {
  kind: 'write';
  dataset: Dataset;
  format: string;
  /** A `.zip` path inside the server's data folder. */
  outPath: string;
  saveImages: boolean;
}

export type DatasetJob = ReadJob | WriteJob;

export interface ReadJobResult {
  format: string;
  dataset: Dataset;
  diagnostics: Diagnostic[];
}

/** Frames may carry an image reader (functions do not cross threads and are not needed by the server). */
function plainDataset(dataset: Dataset): Dataset {
  return { ...dataset, frames: dataset.frames.map(({ image: _image, ...frame }) => frame) };
}

export async function runDatasetJob(job: DatasetJob, signal?: AbortSignal): Promise<ReadJobResult | null> {
  if (job.kind === 'read') {
    const result = await readDataset(job.path, {
      ...(job.format !== undefined ? { from: job.format } : {}),
      options: job.options,
      limits: job.limits,
      ...(signal ? { signal } : {}),
    });
    return { format: result.format, dataset: plainDataset(result.dataset), diagnostics: result.diagnostics };
  }
  const writer = writerFor(job.format);
  const sink = await openSink(job.outPath, { overwrite: true });
  try {
    const context = createContext(signal ? { signal } : {});
    await writer.write!(job.dataset, sink, { saveImages: job.saveImages }, context);
    await sink.commit?.();
  } catch (error) {
    await sink.abort?.().catch(() => undefined);
    throw error;
  }
  return null;
}
