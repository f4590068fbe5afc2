// The import / export requests in SQLite, so that they outlive the process as CVAT's live in Redis: one row per
// request with its owner, status, result file and expiry in columns and the whole state as JSON. It is the
// engine's RequestStore; the request manager decides what is saved and when.
import { basename, join } from 'node:path';
import { z } from 'zod';
import { AnnoconvError } from '@annoconv/core';
import type { RequestStore, StoredRequest } from '@annoconv/engine';
import type { Db } from './database.js';
import type { Logger } from './logger.js';

const storedRequestSchema = z.object({
  id: z.string().min(1),
  status: z.enum(['queued', 'started', 'finished', 'failed']),
  message: z.string(),
  progress: z.number(),
  reportsProgress: z.boolean(),
  operation: z.object({
    type: z.string(),
    target: z.string(),
    project_id: z.number().nullable(),
    task_id: z.number().nullable(),
    job_id: z.number().nullable(),
    org_id: z.number().nullable(),
    format: z.string().nullable(),
    lightweight: z.boolean().nullable(),
    function_id: z.union([z.number(), z.string()]).nullable(),
  }),
  owner: z.object({ id: z.number(), username: z.string() }),
  created: z.string(),
  started: z.string().nullable(),
  finished: z.string().nullable(),
  expiry: z.string().nullable(),
  location: z.string().nullable(),
  resultId: z.number().nullable(),
});

/** A result file's name as stored: one plain name inside the exports folder (what the server itself writes). */
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

interface RequestRow {
  id: string;
  location: string | null;
  state: string;
}

export class SqliteRequestStore implements RequestStore {
  private readonly upsert;
  private readonly remove;

  /**
   * `exportsDir`: where result files are. A location is stored as its file name in that folder and read back
   * joined to the folder of this run, so the data folder may move; a location outside it is never stored.
   */
  constructor(
    private readonly db: Db,
    private readonly exportsDir: string,
    private readonly logger: Logger,
  ) {
    this.upsert = db.prepare(
      `INSERT INTO requests (id, owner_id, status, location, expiry_date, state) VALUES (@id, @owner_id, @status, @location, @expiry_date, @state)
       ON CONFLICT (id) DO UPDATE SET owner_id = excluded.owner_id, status = excluded.status, location = excluded.location,
       expiry_date = excluded.expiry_date, state = excluded.state`,
    );
    this.remove = db.prepare('DELETE FROM requests WHERE id = ?');
  }

  /** Every stored request that reads back; a row that does not is logged and deleted (it could never be served). */
  load(): StoredRequest[] {
    const rows = this.db.prepare('SELECT id, location, state FROM requests').all() as RequestRow[];
    const requests: StoredRequest[] = [];
    for (const row of rows) {
      const request = this.parse(row);
      if (request) requests.push(request);
      else this.remove.run(row.id);
    }
    return requests;
  }

  save(request: StoredRequest): void {
    const location = request.location === null ? null : this.fileName(request.location);
    if (location === undefined) throw new AnnoconvError('unsafe-path', `request '${request.id}': result ${request.location} is not a file of the exports folder`);
    const state: StoredRequest = { ...request, location: null };
    this.upsert.run({ id: request.id, owner_id: request.owner.id, status: request.status, location, expiry_date: request.expiry, state: JSON.stringify(state) });
  }

  delete(id: string): void {
    this.remove.run(id);
  }

  private parse(row: RequestRow): StoredRequest | undefined {
    let json: unknown;
    try {
      json = JSON.parse(row.state);
    } catch (error) {
      this.logger.warn({ rqId: row.id, err: error }, 'stored request dropped: its state is not JSON');
      return undefined;
    }
    const parsed = storedRequestSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      this.logger.warn({ rqId: row.id, path: issue.path.map(String).join('.'), message: issue.message }, 'stored request dropped: its state does not read');
      return undefined;
    }
    if (parsed.data.id !== row.id) {
      this.logger.warn({ rqId: row.id, stateId: parsed.data.id }, 'stored request dropped: its state names another id');
      return undefined;
    }
    if (row.location !== null && !FILE_NAME.test(row.location)) {
      // Only a plain name is ever written; anything else would point the download outside the exports folder.
      this.logger.warn({ rqId: row.id, location: row.location }, 'stored request dropped: its result is not a file name');
      return undefined;
    }
    return { ...parsed.data, location: row.location === null ? null : join(this.exportsDir, row.location) };
  }

  /** The file name of a location directly inside the exports folder, else undefined. */
  private fileName(location: string): string | undefined {
    const name = basename(location);
    return FILE_NAME.test(name) && join(this.exportsDir, name) === location ? name : undefined;
  }
}
