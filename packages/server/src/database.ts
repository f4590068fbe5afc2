// The embedded database: one SQLite file under the data folder, in WAL mode with full synchronous commits, so
// every answered write survives a crash and a killed process never leaves half a transaction behind.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export type Db = Database.Database;

export const DATABASE_FILE = 'annoconv.sqlite3';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  username TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS tokens (
  key_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_date TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS tasks (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  owner_id INTEGER NOT NULL REFERENCES users(id),
  name TEXT NOT NULL,
  mode TEXT NOT NULL,
  size INTEGER NOT NULL,
  segment_size INTEGER NOT NULL,
  overlap INTEGER,
  subset TEXT NOT NULL DEFAULT '',
  meta TEXT NOT NULL,
  sequences TEXT NOT NULL,
  created_date TEXT NOT NULL,
  updated_date TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS labels (
  task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  id INTEGER NOT NULL,
  position INTEGER NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (task_id, id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS frames (
  task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  name TEXT NOT NULL,
  width INTEGER,
  height INTEGER,
  subset TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (task_id, idx)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS jobs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  start_frame INTEGER NOT NULL,
  stop_frame INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS jobs_task ON jobs(task_id);
CREATE TABLE IF NOT EXISTS annotations (
  task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  id INTEGER NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (task_id, kind, id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS requests (
  id TEXT PRIMARY KEY,
  owner_id INTEGER NOT NULL,
  status TEXT NOT NULL,
  location TEXT,
  expiry_date TEXT,
  state TEXT NOT NULL
) WITHOUT ROWID;
`;

/** Opens (creating when needed) the database under `dataDir`. */
export function openDatabase(dataDir: string): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, DATABASE_FILE));
  db.pragma('journal_mode = WAL');
  // FULL: a commit is on disk before the answer goes out (NORMAL could lose the last commits on power loss).
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  return db;
}
