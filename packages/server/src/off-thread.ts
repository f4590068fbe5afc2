// Runs dataset jobs in a worker thread, so reading a big upload or writing a big export never stalls the
// requests the server is answering. When the compiled worker is not next to this module (running from the
// TypeScript sources, as the tests do) the job runs in-process instead; it is still asynchronous.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AnnoconvError, type ErrorCode } from '@annoconv/core';
import { runDatasetJob, type DatasetJob, type ReadJob, type ReadJobResult, type WriteJob } from './dataset-jobs.js';

const workerUrl = new URL('./dataset-worker.js', import.meta.url);

export function workerAvailable(): boolean {
  return workerUrl.protocol === 'file:' && existsSync(fileURLToPath(workerUrl));
}

export class OffThreadRunner {
  constructor(private readonly useWorkers: boolean) {}

  get threaded(): boolean {
    return this.useWorkers && workerAvailable();
  }

  read(job: ReadJob, signal?: AbortSignal): Promise<ReadJobResult> {
    return this.run(job, signal) as Promise<ReadJobResult>;
  }

  async write(job: WriteJob, signal?: AbortSignal): Promise<void> {
    await this.run(job, signal);
  }

  private run(job: DatasetJob, signal?: AbortSignal): Promise<ReadJobResult | null> {
    if (!this.threaded) return runDatasetJob(job, signal);
    return new Promise((resolve, reject) => {
      const worker = new Worker(workerUrl, { workerData: job });
      let settled = false;
      const onAbort = (): void => {
        void worker.terminate();
        finish(() => reject(new AnnoconvError('aborted', 'the request was cancelled')));
      };
      const finish = (action: () => void): void => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        action();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      worker.once('message', (message: { ok: boolean; result?: ReadJobResult | null; error?: { name: string; message: string; code?: unknown } }) => {
        finish(() => {
          if (message.ok) resolve(message.result ?? null);
          else {
            const error = new AnnoconvError((typeof message.error?.code === 'string' ? message.error.code : 'io') as ErrorCode, message.error?.message ?? 'worker failed');
            if (message.error?.name) error.name = message.error.name;
            reject(error);
          }
        });
        void worker.terminate();
      });
      worker.once('error', (error) => finish(() => reject(error)));
      worker.once('exit', (code) => finish(() => reject(new AnnoconvError('io', `the worker stopped (exit code ${code})`))));
    });
  }
}
