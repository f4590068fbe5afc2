// Entry of a server run as a child process by the restart test: starts on a random loopback port over the data
// folder named in argv and prints one JSON line `{url, token}` on stdout.
import { startServer } from '../server.js';
import { silentLogger } from '../logger.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: serve-child <data dir>');
const server = await startServer({ dataDir, host: '127.0.0.1', port: 0, logger: silentLogger() });
process.stdout.write(`${JSON.stringify({ url: server.url, token: server.initialToken ?? null })}\n`);
