import { describe, expect, it } from 'vitest';
import { RequestManager, type JobHandle } from './request-manager.js';
import { exportRequestId, importRequestId } from './request-id.js';

const owner = { id: 3, username: 'admin' };
const exportId = exportRequestId({ target: 'task', targetId: 12, userId: 3, format: 'CVAT for images 1.1', saveImages: true });

/** A job that waits until released, so tests can look at it while it runs. */
function gate() {
  let release!: (value?: unknown) => void;
  let fail!: (error: unknown) => void;
  const promise = new Promise((resolve, reject) => ((release = resolve), (fail = reject)));
  let handle: JobHandle | undefined;
  const job = async (jobHandle: JobHandle) => {
    handle = jobHandle;
    await promise;
    return { location: '/results/out.zip' };
  };
  return { job, release, fail, handle: () => handle! };
}

function clock(start = Date.parse('2026-01-01T00:00:00.000Z')) {
  let time = start;
  return { now: () => new Date(time), advance: (ms: number) => (time += ms) };
}

describe('RequestManager', () => {
  it('runs a job through queued → started → finished with CVAT fields', async () => {
    const time = clock();
    const manager = new RequestManager({ now: time.now, resultTtlMs: 1000 });
    const work = gate();
    expect(manager.submit({ id: exportId, owner, job: work.job })).toEqual({ rqId: exportId, conflict: false });
    await Promise.resolve();
    const started = manager.get(exportId)!;
    expect(started.status).toBe('started');
    work.handle().setMessage('writing');
    work.handle().setProgress(0.5);
    expect(manager.get(exportId)).toMatchObject({ status: 'started', message: 'writing', progress: 0.5, result_url: null });
    time.advance(10);
    work.release();
    const finished = await manager.wait(exportId);
    expect(finished).toEqual({
      id: exportId,
      status: 'finished',
      message: '',
      progress: 1,
      operation: { type: 'export:dataset', target: 'task', project_id: null, task_id: 12, job_id: null, org_id: null, format: 'CVAT for images 1.1', lightweight: null, function_id: null },
      created_date: '2026-01-01T00:00:00.000Z',
      started_date: '2026-01-01T00:00:00.000Z',
      finished_date: '2026-01-01T00:00:00.010Z',
      expiry_date: '2026-01-01T00:00:01.010Z',
      owner: { id: 3, username: 'admin' },
      result_url: `/api/tasks/12/dataset/download?rq_id=${encodeURIComponent(exportId)}`,
      result_id: null,
    });
    expect(Object.keys(finished!)).toEqual(['id', 'status', 'message', 'progress', 'operation', 'created_date', 'started_date', 'finished_date', 'expiry_date', 'owner', 'result_url', 'result_id']);
    expect(manager.resultLocation(exportId)).toBe('/results/out.zip');
  });

  it('answers conflict for the same id while queued or started, and replaces a finished one', async () => {
    const manager = new RequestManager({ concurrency: 1 });
    const first = gate();
    const second = gate();
    manager.submit({ id: exportId, owner, job: first.job });
    const importId = importRequestId({ target: 'task', targetId: 12 });
    manager.submit({ id: importId, owner, job: second.job });
    expect(manager.get(importId)!.status).toBe('queued');
    expect(manager.submit({ id: exportId, owner, job: first.job }).conflict).toBe(true);
    expect(manager.submit({ id: importId, owner, job: second.job }).conflict).toBe(true);
    first.release();
    await manager.wait(exportId);
    const again = gate();
    expect(manager.submit({ id: exportId, owner, job: again.job }).conflict).toBe(false);
    expect(manager.get(exportId)!.status).toBe('queued');
    second.release();
    await manager.wait(importId);
    again.release();
    expect((await manager.wait(exportId))!.status).toBe('finished');
  });

  it('keeps progress at 0 for jobs that never report it, as CVAT does for annotation import / export', async () => {
    const manager = new RequestManager();
    const id = importRequestId({ target: 'task', targetId: 3 });
    manager.submit({ id, owner, job: async () => undefined });
    expect((await manager.wait(id))).toMatchObject({ status: 'finished', progress: 0 });
  });

  it('reports a failed job with its message and no result_url; imports never have one', async () => {
    const manager = new RequestManager();
    const id = importRequestId({ target: 'job', targetId: 5 });
    manager.submit({ id, owner, job: async () => { throw new TypeError('bad file'); } });
    const failed = await manager.wait(id);
    expect(failed).toMatchObject({ status: 'failed', message: 'TypeError: bad file', result_url: null, operation: { type: 'import:annotations', job_id: 5, format: null } });
    expect(manager.resultLocation(id)).toBeUndefined();
  });

  it('forgets expired requests and tells onDiscard about their results', async () => {
    const time = clock();
    const discarded: string[] = [];
    const manager = new RequestManager({ now: time.now, resultTtlMs: 100, onDiscard: (location) => void discarded.push(location) });
    const work = gate();
    manager.submit({ id: exportId, owner, job: work.job });
    work.release();
    await manager.wait(exportId);
    time.advance(99);
    expect(manager.get(exportId)).toBeDefined();
    time.advance(1);
    expect(manager.get(exportId)).toBeUndefined();
    expect(discarded).toEqual(['/results/out.zip']);
  });

  it('cancels queued and started requests; finished ones cannot be cancelled', async () => {
    const manager = new RequestManager({ concurrency: 1 });
    const running = gate();
    manager.submit({ id: exportId, owner, job: running.job });
    const queuedId = importRequestId({ target: 'task', targetId: 1 });
    let queuedRan = false;
    manager.submit({ id: queuedId, owner, job: async () => void (queuedRan = true) });
    manager.cancel(queuedId);
    expect(manager.get(queuedId)).toBeUndefined();
    await Promise.resolve();
    manager.cancel(exportId);
    expect(running.handle().signal.aborted).toBe(true);
    expect(manager.get(exportId)).toBeUndefined();
    running.release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(queuedRan).toBe(false);
    const doneId = importRequestId({ target: 'task', targetId: 2 });
    manager.submit({ id: doneId, owner, job: async () => undefined });
    await manager.wait(doneId);
    expect(() => manager.cancel(doneId)).toThrow(/cannot be cancelled/);
    expect(() => manager.cancel('action=import&target=task&target_id=99')).toThrow(/There is no request with specified id/);
  });

  it('lists newest first with filters', async () => {
    const time = clock();
    const manager = new RequestManager({ now: time.now });
    const a = importRequestId({ target: 'task', targetId: 1 });
    const b = exportRequestId({ target: 'task', targetId: 1, userId: 3, format: 'COCO 1.0', saveImages: false });
    manager.submit({ id: a, owner, job: async () => undefined });
    time.advance(5);
    manager.submit({ id: b, owner, job: async () => undefined });
    await manager.wait(a);
    await manager.wait(b);
    expect(manager.list().map((request) => request.id)).toEqual([b, a]);
    expect(manager.list({ action: 'import' }).map((request) => request.id)).toEqual([a]);
    expect(manager.list({ format: 'COCO 1.0', task_id: 1 }).map((request) => request.id)).toEqual([b]);
    expect(manager.list({ status: 'failed' })).toEqual([]);
  });
});
