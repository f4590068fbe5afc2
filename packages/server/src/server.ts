// Starting and stopping the server: opens the database under the data folder, creates the first token when the
// database has none, and serves the API with hono on Node's HTTP server.
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { resolveConfig, type ServerConfig } from './config.js';
import { openDatabase } from './database.js';
import { createApp } from './app.js';
import { createLogger, type Logger } from './logger.js';
import { ServerContext } from './server-context.js';
import { createToken, hasTokens } from './tokens.js';

export interface StartOptions extends Partial<ServerConfig> {
  dataDir: string;
  logger?: Logger;
  /** The clock of request dates and expiry; default the system's. */
  now?: () => Date;
}

export interface RunningServer {
  /** `http://host:port`, with the port actually bound. */
  url: string;
  port: number;
  /** The key created because the database had no token yet (print it once), else undefined. */
  initialToken: string | undefined;
  context: ServerContext;
  close(): Promise<void>;
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { logger: givenLogger, now, ...rest } = options;
  const config = resolveConfig(rest);
  const logger = givenLogger ?? createLogger();
  const db = openDatabase(config.dataDir);
  const initialToken = hasTokens(db) ? undefined : createToken(db).key;
  const context = new ServerContext(db, config, logger, now ? { now } : {});
  const app = createApp(context);
  const server: ServerType = await new Promise((resolve, reject) => {
    const started = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, () => resolve(started));
    started.once('error', reject);
  });
  // A slow client must not hold a connection forever.
  const http = server as unknown as { requestTimeout?: number; headersTimeout?: number };
  http.requestTimeout = 10 * 60 * 1000;
  http.headersTimeout = 60 * 1000;
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  logger.info({ url, dataDir: config.dataDir, workers: context.runner.threaded }, 'annoconv server listening');
  return {
    url,
    port: address.port,
    initialToken,
    context,
    close: async () => {
      context.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      db.close();
    },
  };
}
