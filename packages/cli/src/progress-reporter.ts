// Progress for long work: a cli-progress bar when stderr is a terminal, plain lines otherwise (logs, pipes,
// CI), throttled so a big dataset does not print a line per item.
import type { Progress } from '@annoconv/core';
import cliProgress from 'cli-progress';
import type { CliEnv } from './cli-env.js';

export interface ProgressReporter {
  update(progress: Progress): void;
  stop(): void;
}

const PLAIN_INTERVAL_MS = 2000;

export function createProgressReporter(env: CliEnv, enabled: boolean): ProgressReporter {
  if (!enabled) return { update() {}, stop() {} };
  return env.stderr.isTTY ? barReporter(env) : plainReporter(env);
}

function barReporter(env: CliEnv): ProgressReporter {
  const bar = new cliProgress.SingleBar(
    {
      format: '{stage} [{bar}] {value}/{total}',
      stream: env.stderr as NodeJS.WritableStream,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(progress) {
      const total = progress.total ?? 0;
      if (!started) {
        bar.start(total, progress.done, { stage: progress.stage });
        started = true;
        return;
      }
      if (bar.getTotal() !== total) bar.setTotal(total);
      bar.update(progress.done, { stage: progress.stage });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

function plainReporter(env: CliEnv): ProgressReporter {
  let stage = '';
  let lastLine = 0;
  return {
    update(progress) {
      const now = Date.now();
      if (progress.stage !== stage) {
        stage = progress.stage;
        lastLine = now;
        env.stderr.write(`${stage}…\n`);
        return;
      }
      if (now - lastLine < PLAIN_INTERVAL_MS) return;
      lastLine = now;
      const share = progress.total ? ` (${Math.floor((100 * progress.done) / progress.total)}%)` : '';
      env.stderr.write(`${stage}: ${progress.done}${progress.total ? `/${progress.total}` : ''}${share}\n`);
    },
    stop() {},
  };
}
