// The request manager's persistence hook, with a store kept in a Map: what is saved on each status change, what
// a new manager over the same store brings back (finished and failed requests until they expire, interrupted
// ones as failed), and what is deleted (cancel, replacement, expiry, unreadable entries).
import { describe, expect, it } from 'vitest';
import { interruptedRequestMessage, RequestManager, type JobHandle } from './request-manager.js';
import { exportRequestId, importRequestId } from './request-id.js';
import type { RequestStore, StoredRequest } from './request-store.js';

const owner = { id: 3, username: 'admin' };
const exportId = exportRequestId({ target: 'task', targetId: 12, userId: 3, format: 'COCO 1.0', saveImages: false });
const importId = importRequestId({ target: 'task', targetId: 12 });

/** A store in a Map that copies on the way in and out (as a database would) and records each call. */
class MemoryStore implements RequestStore {
  readonly rows = new Map<string, StoredRequest>();
  readonly calls: string[] = [];
  failSaves = false;
  load(): Iterable<StoredRequest> {
    this.calls.push('load');
    return [...this.rows.values()].map((row) => structuredClone(row));
  }
  save(request: StoredRequest): void {
    this.calls.push(`save ${request.status}`);
    if (this.failSaves) throw new Error('disk full');
    this.rows.set(request.id, structuredClone(request));
  }
  delete(id: string): void {
    this.calls.push('delete');
    this.rows.delete(id);
  }
}

function clock(start = Date.parse('2026-01-01T00:00:00.000Z')) {
  let time = start;
  return { now: () => new Date(time), advance: (ms: number) => (time += ms) };
}

function gate() {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let handle: JobHandle | undefined;
  const job = async (jobHandle: JobHandle) => {
    handle = jobHandle;
    await released;
    return { location: '/exports/a.zip' };
  };
  return { job, release, handle: () => handle };
}

describe('RequestManager with a RequestStore', () => {
  it('saves on every status change and brings a finished request back, equal, in a new manager', async () => {
    const time = clock();
    const store = new MemoryStore();
    const manager = new RequestManager({ now: time.now, resultTtlMs: 1000, store });
    const work = gate();
    manager.submit({ id: exportId, owner, job: work.job, format: 'COCO 1.0' });
    expect(store.rows.get(exportId)?.status).toBe('started');
    // Stage text and progress are not saved: only status changes are.
    work.handle()!.setMessage('writing');
    work.handle()!.setProgress(0.5);
    time.advance(10);
    work.release();
    const finished = await manager.wait(exportId);
    expect(store.calls).toEqual(['load', 'save queued', 'save started', 'save finished']);
    expect(store.rows.get(exportId)).toMatchObject({ status: 'finished', location: '/exports/a.zip', expiry: '2026-01-01T00:00:01.010Z', reportsProgress: true });

    const restarted = new RequestManager({ now: time.now, resultTtlMs: 1000, store });
    expect(restarted.get(exportId)).toEqual(finished);
    expect(restarted.resultLocation(exportId)).toBe('/exports/a.zip');
    expect(restarted.list()).toEqual([finished]);
    expect(await restarted.wait(exportId)).toEqual(finished);
    expect([...restarted.resultLocations()]).toEqual(['/exports/a.zip']);
  });

  it('brings failed requests back with their message', async () => {
    const store = new MemoryStore();
    const manager = new RequestManager({ store });
    manager.submit({ id: importId, owner, job: async () => { throw new TypeError('bad file'); } });
    const failed = await manager.wait(importId);
    expect(new RequestManager({ store }).get(importId)).toEqual(failed);
    expect(failed).toMatchObject({ status: 'failed', message: 'TypeError: bad file' });
  });

  it('turns requests queued or started when the process stopped into failed ones saying the server restarted', async () => {
    const time = clock();
    const store = new MemoryStore();
    const first = new RequestManager({ now: time.now, concurrency: 1, store });
    const running = gate();
    first.submit({ id: exportId, owner, job: running.job });
    first.submit({ id: importId, owner, job: async () => undefined });
    expect(store.rows.get(exportId)?.status).toBe('started');
    expect(store.rows.get(importId)?.status).toBe('queued');
    // The first manager is abandoned here, as a killed process would be.

    time.advance(60_000);
    const second = new RequestManager({ now: time.now, failureTtlMs: 5000, store });
    const started = second.get(exportId)!;
    expect(started).toMatchObject({
      status: 'failed',
      message: interruptedRequestMessage('started'),
      created_date: '2026-01-01T00:00:00.000Z',
      started_date: '2026-01-01T00:00:00.000Z',
      finished_date: '2026-01-01T00:01:00.000Z',
      expiry_date: '2026-01-01T00:01:05.000Z',
      result_url: null,
    });
    expect(started.message).toMatch(/^ServerRestartError: the server restarted while the request was running/);
    expect(second.get(importId)).toMatchObject({ status: 'failed', started_date: null, message: interruptedRequestMessage('queued') });
    expect(second.resultLocation(exportId)).toBeUndefined();
    // Saved as failed: a third start keeps the first restart's dates rather than failing it again.
    expect(store.rows.get(exportId)?.status).toBe('failed');
    time.advance(1000);
    expect(new RequestManager({ now: time.now, store }).get(exportId)).toEqual(started);
    // A failed request can be sent again under the same id.
    const again = second.submit({ id: exportId, owner, job: async () => ({ location: '/exports/b.zip' }) });
    expect(again.conflict).toBe(false);
    expect((await second.wait(exportId))!.status).toBe('finished');
    // Releasing the abandoned job changes nothing in the store any more: it belongs to the dead manager.
    running.release();
  });

  it('removes expired requests at load and by sweep, telling onDiscard about their results', async () => {
    const time = clock();
    const store = new MemoryStore();
    const discarded: string[] = [];
    const options = { now: time.now, resultTtlMs: 100, store, onDiscard: (location: string) => void discarded.push(location) };
    const manager = new RequestManager(options);
    manager.submit({ id: exportId, owner, job: async () => ({ location: '/exports/old.zip' }) });
    await manager.wait(exportId);
    time.advance(100);
    const reloaded = new RequestManager(options);
    expect(reloaded.get(exportId)).toBeUndefined();
    expect(store.rows.size).toBe(0);
    expect(discarded).toEqual(['/exports/old.zip']);

    reloaded.submit({ id: exportId, owner, job: async () => ({ location: '/exports/new.zip' }) });
    reloaded.submit({ id: importId, owner, job: async () => undefined });
    await reloaded.wait(exportId);
    await reloaded.wait(importId);
    time.advance(99);
    expect(reloaded.sweep()).toBe(0);
    expect(store.rows.size).toBe(2);
    time.advance(1);
    expect(reloaded.sweep()).toBe(2);
    expect(store.rows.size).toBe(0);
    expect(reloaded.list()).toEqual([]);
    expect(discarded).toEqual(['/exports/old.zip', '/exports/new.zip']);
  });

  it('deletes cancelled and replaced requests from the store', async () => {
    const store = new MemoryStore();
    const discarded: string[] = [];
    const manager = new RequestManager({ concurrency: 1, store, onDiscard: (location) => void discarded.push(location) });
    const running = gate();
    manager.submit({ id: exportId, owner, job: running.job });
    manager.submit({ id: importId, owner, job: async () => undefined });
    manager.cancel(importId);
    expect(store.rows.has(importId)).toBe(false);
    running.release();
    await manager.wait(exportId);
    manager.submit({ id: exportId, owner, job: async () => ({ location: '/exports/second.zip' }) });
    expect(discarded).toEqual(['/exports/a.zip']);
    expect(store.rows.get(exportId)?.status).toBe('started');
    await manager.wait(exportId);
    expect(store.rows.get(exportId)?.location).toBe('/exports/second.zip');
    expect([...store.rows.keys()]).toEqual([exportId]);
  });

  it('drops stored entries that do not read back and reports them', () => {
    const store = new MemoryStore();
    const good: StoredRequest = {
      id: importId,
      status: 'finished',
      message: '',
      progress: 0,
      reportsProgress: false,
      operation: { type: 'import:annotations', target: 'task', project_id: null, task_id: 12, job_id: null, org_id: null, format: 'COCO 1.0', lightweight: null, function_id: null },
      owner,
      created: '2026-01-01T00:00:00.000Z',
      started: '2026-01-01T00:00:00.000Z',
      finished: '2026-01-01T00:00:01.000Z',
      expiry: '2999-01-01T00:00:00.000Z',
      location: null,
      resultId: null,
    };
    store.rows.set(good.id, good);
    store.rows.set('nonsense', { ...good, id: 'nonsense' });
    store.rows.set(exportId, { ...good, id: exportId, created: 'yesterday' });
    const errors: string[] = [];
    const manager = new RequestManager({ store, onStoreError: (error, id) => void errors.push(`${id}: ${(error as Error).message}`) });
    expect(manager.list().map((request) => request.id)).toEqual([importId]);
    expect(errors).toEqual(["nonsense: malformed request id 'nonsense'", `${exportId}: stored request '${exportId}': created is not a date`]);
    expect([...store.rows.keys()]).toEqual([importId]);
  });

  it('refuses a submit the store cannot save (nothing runs) and reports failing saves of running jobs', async () => {
    const store = new MemoryStore();
    const errors: string[] = [];
    const manager = new RequestManager({ store, onStoreError: (_error, id) => void errors.push(id) });
    store.failSaves = true;
    let ran = false;
    expect(() => manager.submit({ id: importId, owner, job: async () => void (ran = true) })).toThrow('disk full');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(ran).toBe(false);
    expect(manager.get(importId)).toBeUndefined();

    store.failSaves = false;
    const work = gate();
    manager.submit({ id: exportId, owner, job: work.job });
    store.failSaves = true;
    work.release();
    // The request still finishes in memory; only its stored copy lags behind.
    expect((await manager.wait(exportId))!.status).toBe('finished');
    expect(errors).toEqual([exportId]);
    expect(store.rows.get(exportId)?.status).toBe('started');
  });
});
