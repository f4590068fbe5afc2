// `annoconv serve`: CVAT's annotation API over HTTP on this machine, state in an SQLite database under --data.
// Runs until interrupted (Ctrl-C / SIGTERM); the first start on an empty database prints an API token.
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import type { CliEnv } from '../cli-env.js';
import { EXIT } from '../exit-codes.js';
import { addLimitOptions, examples, limitsFrom, type LimitFlags } from '../input-options.js';

interface ServeFlags extends LimitFlags {
  host: string;
  port: number;
  data: string;
  maxBodyBytes?: number;
  maxUploadBytes?: number;
  concurrency?: number;
  workers: boolean;
  logLevel: string;
}

function port(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) throw new InvalidArgumentError('expects a port number (0 = any free port).');
  return parsed;
}

function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new InvalidArgumentError('expects a positive integer.');
  return parsed;
}

export function registerServeCommand(program: Command, env: CliEnv, setExitCode: (code: number) => void): void {
  const command = program
    .command('serve')
    .description("serve CVAT's annotation API (tasks, jobs, annotations, import / export) over HTTP")
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0 = any free port)', port, 8080)
    .option('--data <dir>', 'folder of the database, uploads and exports', './annoconv-data')
    .option('--max-body-bytes <n>', 'largest JSON request body (default 256 MiB)', positiveInteger)
    .option('--max-upload-bytes <n>', 'largest uploaded annotation or dataset file (default 2 GiB)', positiveInteger)
    .option('--concurrency <n>', 'imports / exports running at once (default 2)', positiveInteger)
    .option('--no-workers', 'run imports and exports on the main thread')
    .option('--log-level <level>', 'pino log level on stderr (fatal, error, warn, info, debug, silent)', 'info');
  addLimitOptions(command)
    .addHelpText('after', examples(['annoconv serve', 'annoconv serve --port 9000 --data /srv/annoconv', 'annoconv token create --data /srv/annoconv']))
    .action(async (flags: ServeFlags) => {
      const { startServer, createLogger } = await import('@annoconv/server');
      const limits = limitsFrom(flags);
      const server = await startServer({
        dataDir: flags.data,
        host: flags.host,
        port: flags.port,
        useWorkers: flags.workers,
        logger: createLogger(flags.logLevel),
        ...(flags.maxBodyBytes !== undefined ? { maxBodyBytes: flags.maxBodyBytes } : {}),
        ...(flags.maxUploadBytes !== undefined ? { maxUploadBytes: flags.maxUploadBytes } : {}),
        ...(flags.concurrency !== undefined ? { concurrency: flags.concurrency } : {}),
        ...(limits ? { archiveLimits: limits } : {}),
      });
      env.stdout.write(`annoconv serving on ${server.url} (data in ${flags.data})\n`);
      if (server.initialToken) env.stdout.write(`API token (shown once; send it as "Authorization: Token <key>"):\n${server.initialToken}\n`);
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          env.signal?.removeEventListener('abort', stop);
          process.removeListener('SIGTERM', stop);
          resolve();
        };
        if (env.signal?.aborted) return stop();
        env.signal?.addEventListener('abort', stop, { once: true });
        process.once('SIGTERM', stop);
      });
      await server.close();
      setExitCode(EXIT.ok);
    });
}
