// Requests kept in SQLite: the row a request becomes, what a server started on an existing data folder does
// with the stored requests and the files under exports / uploads (finished ones and their files stay until they
// expire, interrupted ones fail, expired ones and orphan files go, nothing outside those folders is touched),
// and, in-process, an export that is still downloadable after a restart and removed once its short TTL is over.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportRequestId, importRequestId, interruptedRequestMessage, type StoredRequest } from '@annoconv/engine';
import { resolveConfig } from './config.js';
import { openDatabase, type Db } from './database.js';
import { silentLogger } from './logger.js';
import { SqliteRequestStore } from './request-store.js';
import { ServerContext } from './server-context.js';
import { startHarness, TASK_BODY, waitForRequest } from './test-support/harness.js';
import { createToken } from './tokens.js';

const dirs: string[] = [];
const dbs: Db[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataFolder(): { dir: string; db: Db; exportsDir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'annoconv-requests-'));
  dirs.push(dir);
  const db = openDatabase(dir);
  dbs.push(db);
  const exportsDir = join(dir, 'exports');
  mkdirSync(exportsDir, { recursive: true });
  return { dir, db, exportsDir };
}

const owner = { id: 1, username: 'admin' };
const hour = 60 * 60 * 1000;
const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

function stored(id: string, fields: Partial<StoredRequest> = {}): StoredRequest {
  const isExport = id.startsWith('action=export');
  return {
    id,
    status: 'finished',
    message: '',
    progress: 0,
    reportsProgress: false,
    operation: { type: isExport ? 'export:annotations' : 'import:annotations', target: 'task', project_id: null, task_id: 1, job_id: null, org_id: null, format: 'COCO 1.0', lightweight: null, function_id: null },
    owner,
    created: iso(-2 * hour),
    started: iso(-2 * hour),
    finished: iso(-hour),
    expiry: iso(hour),
    location: null,
    resultId: null,
    ...fields,
  };
}

const exportOf = (taskId: number, format = 'COCO 1.0') => exportRequestId({ target: 'task', targetId: taskId, userId: 1, format, saveImages: false });

describe('SqliteRequestStore', () => {
  it('stores owner, status, the result as a file name in exports, expiry and the state, and reads them back', () => {
    const { db, exportsDir } = dataFolder();
    const store = new SqliteRequestStore(db, exportsDir, silentLogger());
    const request = stored(exportOf(1), { location: join(exportsDir, 'a.zip') });
    store.save(request);
    store.save({ ...request, message: 'saved twice' });
    expect(db.prepare('SELECT id, owner_id, status, location, expiry_date FROM requests').all()).toEqual([
      { id: request.id, owner_id: 1, status: 'finished', location: 'a.zip', expiry_date: request.expiry },
    ]);
    expect(store.load()).toEqual([{ ...request, message: 'saved twice' }]);
    // Read from another place, the same row points into that place's exports folder.
    expect(new SqliteRequestStore(db, join('elsewhere', 'exports'), silentLogger()).load()[0]!.location).toBe(join('elsewhere', 'exports', 'a.zip'));
    store.delete(request.id);
    expect(store.load()).toEqual([]);
  });

  it('refuses to store a result outside the exports folder', () => {
    const { db, dir, exportsDir } = dataFolder();
    const store = new SqliteRequestStore(db, exportsDir, silentLogger());
    for (const location of [join(dir, 'annoconv.sqlite3'), join(exportsDir, 'sub', 'a.zip'), join(exportsDir, '..', 'x.zip')])
      expect(() => store.save(stored(exportOf(2), { location })), location).toThrow(/is not a file of the exports folder/);
    expect(store.load()).toEqual([]);
  });

  it('drops and deletes rows that do not read back', () => {
    const { db, exportsDir } = dataFolder();
    const store = new SqliteRequestStore(db, exportsDir, silentLogger());
    const insert = db.prepare('INSERT INTO requests (id, owner_id, status, location, expiry_date, state) VALUES (?, 1, ?, ?, NULL, ?)');
    const good = stored(exportOf(1));
    insert.run(good.id, 'finished', null, JSON.stringify(good));
    insert.run('a', 'finished', null, '{not json');
    insert.run('b', 'finished', null, JSON.stringify({ ...stored('b'), status: 'deferred' }));
    insert.run('c', 'finished', null, JSON.stringify(stored('d')));
    insert.run('e', 'finished', '../annoconv.sqlite3', JSON.stringify(stored('e')));
    expect(store.load().map((request) => request.id)).toEqual([good.id]);
    expect(db.prepare('SELECT id FROM requests').all()).toEqual([{ id: good.id }]);
  });
});

describe('a server started on an existing data folder', () => {
  it('keeps live requests and their files, fails interrupted ones, removes expired ones, orphans and uploads', () => {
    const { dir, db, exportsDir } = dataFolder();
    createToken(db);
    const store = new SqliteRequestStore(db, exportsDir, silentLogger());
    const live = stored(exportOf(1), { location: join(exportsDir, 'live.zip') });
    const expired = stored(exportOf(2), { location: join(exportsDir, 'expired.zip'), expiry: iso(-1000) });
    const running = stored(exportOf(3), { status: 'started', finished: null, expiry: null });
    const queued = stored(importRequestId({ target: 'task', targetId: 4 }), { status: 'queued', started: null, finished: null, expiry: null });
    const failed = stored(importRequestId({ target: 'task', targetId: 5 }), { status: 'failed', message: 'ParseError: bad file' });
    for (const request of [live, expired, running, queued, failed]) store.save(request);
    // A row pointing outside the exports folder (written by hand): its target must survive.
    db.prepare('INSERT INTO requests (id, owner_id, status, location, expiry_date, state) VALUES (?, 1, ?, ?, ?, ?)').run(exportOf(6), 'finished', '../keep.txt', iso(-1000), JSON.stringify(stored(exportOf(6), { expiry: iso(-1000) })));
    for (const name of ['live.zip', 'expired.zip', 'partial-of-the-killed-export.zip']) writeFileSync(join(exportsDir, name), name);
    writeFileSync(join(dir, 'keep.txt'), 'outside');
    mkdirSync(join(dir, 'uploads', 'an-upload'), { recursive: true });
    writeFileSync(join(dir, 'uploads', 'an-upload', 'instances.json'), '{}');

    const context = new ServerContext(db, resolveConfig({ dataDir: dir, useWorkers: false }), silentLogger());
    try {
      const { requests } = context;
      expect(requests.get(live.id)).toMatchObject({ status: 'finished', finished_date: live.finished, expiry_date: live.expiry, result_url: expect.stringContaining('/dataset/download?rq_id=') });
      expect(requests.resultLocation(live.id)).toBe(join(exportsDir, 'live.zip'));
      expect(requests.get(failed.id)).toMatchObject({ status: 'failed', message: 'ParseError: bad file' });
      expect(requests.get(running.id)).toMatchObject({ status: 'failed', message: interruptedRequestMessage('started'), started_date: running.started, result_url: null });
      expect(requests.get(queued.id)).toMatchObject({ status: 'failed', message: interruptedRequestMessage('queued'), started_date: null });
      expect(requests.get(expired.id)).toBeUndefined();
      expect(requests.get(exportOf(6))).toBeUndefined();
      expect(readdirSync(exportsDir)).toEqual(['live.zip']);
      expect(readdirSync(join(dir, 'uploads'))).toEqual([]);
      expect(readFileSync(join(dir, 'keep.txt'), 'utf8')).toBe('outside');
      const rows = db.prepare('SELECT id, status FROM requests ORDER BY id').all();
      expect(rows).toEqual(
        [
          { id: live.id, status: 'finished' },
          { id: running.id, status: 'failed' },
          { id: queued.id, status: 'failed' },
          { id: failed.id, status: 'failed' },
        ].sort((a, b) => (a.id < b.id ? -1 : 1)),
      );
    } finally {
      context.close();
    }
  });
});

describe('requests across an in-process restart', () => {
  it('a finished export is still answered and downloadable after a restart, and goes with its file once expired', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'annoconv-requests-'));
    dirs.push(dataDir);
    const ttl = 60_000;
    let offset = 0;
    const now = () => new Date(Date.now() + offset);
    const first = await startHarness({ dataDir, resultTtlMs: ttl, now });
    const taskId = (await first.api('POST', '/api/tasks', TASK_BODY)).json.id;
    await first.api('PUT', `/api/tasks/${taskId}/annotations`, { shapes: [{ type: 'rectangle', frame: 1, label_id: 1, points: [1, 2, 3, 4] }] });
    const exportAt = async (h: typeof first) => (await h.api('POST', `/api/tasks/${taskId}/dataset/export?format=COCO%201.0`, undefined, first.token)).json.rq_id as string;
    const rqId = await exportAt(first);
    const finished = await waitForRequest(first, rqId);
    expect(finished.status).toBe('finished');
    expect(Date.parse(finished.expiry_date) - Date.parse(finished.finished_date)).toBe(ttl);
    const download = async (h: typeof first) => fetch(`${h.server.url}${finished.result_url}`, { headers: { authorization: `Token ${first.token}` } });
    const bytes = new Uint8Array(await (await download(first)).arrayBuffer());
    await first.close();

    const path = `/api/requests/${encodeURIComponent(rqId)}`;
    const second = await startHarness({ dataDir, resultTtlMs: ttl, now });
    try {
      expect((await second.api('GET', path, undefined, first.token)).json).toEqual(finished);
      expect((await second.api('GET', '/api/requests', undefined, first.token)).json.results).toEqual([finished]);
      const again = await download(second);
      expect(again.status).toBe(200);
      expect(new Uint8Array(await again.arrayBuffer())).toEqual(bytes);
      const [file] = readdirSync(join(dataDir, 'exports'));
      expect(file).toMatch(/\.zip$/);

      // Past the expiry: the periodic sweep removes the request, its row and its file.
      offset = ttl;
      expect(second.server.context.requests.sweep()).toBe(1);
      expect(existsSync(join(dataDir, 'exports', file!))).toBe(false);
      expect(second.server.context.db.prepare('SELECT COUNT(*) AS n FROM requests').get()).toEqual({ n: 0 });
      expect((await second.api('GET', path, undefined, first.token)).status).toBe(404);
      expect((await download(second)).status).toBe(404);

      // A new export, then a restart after its expiry: gone at start, file and row.
      const next = await exportAt(second);
      expect((await waitForRequest({ ...second, api: (method, p, body) => second.api(method, p, body, first.token) }, next)).status).toBe('finished');
      expect(readdirSync(join(dataDir, 'exports'))).toHaveLength(1);
    } finally {
      await second.close();
    }
    offset += ttl;
    const third = await startHarness({ dataDir, resultTtlMs: ttl, now });
    try {
      expect((await third.api('GET', path, undefined, first.token)).status).toBe(404);
      expect(readdirSync(join(dataDir, 'exports'))).toEqual([]);
      expect(third.server.context.db.prepare('SELECT COUNT(*) AS n FROM requests').get()).toEqual({ n: 0 });
    } finally {
      await third.close();
    }
  });
});
