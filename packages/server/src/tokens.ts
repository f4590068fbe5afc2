// API tokens as CVAT clients send them (`Authorization: Token <key>`): random keys, stored only as SHA-256
// hashes, each belonging to a user (the owner of the tasks created with it).
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from './database.js';

export interface User {
  id: number;
  username: string;
}

export const DEFAULT_USERNAME = 'admin';

function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Creates a token for `username` (creating the user when new) and returns the key; only its hash is stored. */
export function createToken(db: Db, username: string = DEFAULT_USERNAME): { key: string; user: User } {
  const key = randomBytes(20).toString('hex');
  const user = db.transaction(() => {
    db.prepare('INSERT OR IGNORE INTO users (username) VALUES (?)').run(username);
    const row = db.prepare('SELECT id, username FROM users WHERE username = ?').get(username) as User;
    db.prepare('INSERT INTO tokens (key_hash, user_id, created_date) VALUES (?, ?, ?)').run(hashKey(key), row.id, new Date().toISOString());
    return row;
  })();
  return { key, user };
}

export function hasTokens(db: Db): boolean {
  return db.prepare('SELECT 1 FROM tokens LIMIT 1').get() !== undefined;
}

/** The user a key belongs to, or undefined. */
export function userForToken(db: Db, key: string): User | undefined {
  return db.prepare('SELECT users.id AS id, users.username AS username FROM tokens JOIN users ON users.id = tokens.user_id WHERE key_hash = ?').get(hashKey(key)) as
    | User
    | undefined;
}
