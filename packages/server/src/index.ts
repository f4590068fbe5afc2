// @annoconv/server: CVAT's annotation API over HTTP, offline, over an embedded SQLite database.
export { startServer, type RunningServer, type StartOptions } from './server.js';
export { createApp } from './app.js';
export { DEFAULT_CONFIG, resolveConfig, type ServerConfig } from './config.js';
export { openDatabase, DATABASE_FILE, type Db } from './database.js';
export { createToken, hasTokens, userForToken, DEFAULT_USERNAME, type User } from './tokens.js';
export { createLogger, silentLogger, type Logger } from './logger.js';
export { ServerContext } from './server-context.js';
