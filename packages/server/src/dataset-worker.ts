// Worker-thread entry: runs one dataset job posted by off-thread.ts and posts back its result or its error.
import { parentPort, workerData } from 'node:worker_threads';
import { runDatasetJob, type DatasetJob } from './dataset-jobs.js';

if (parentPort) {
  const port = parentPort;
  runDatasetJob(workerData as DatasetJob).then(
    (result) => port.postMessage({ ok: true, result }),
    (error: unknown) =>
      port.postMessage({
        ok: false,
        error: { name: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error), code: (error as { code?: unknown })?.code },
      }),
  );
}
