// The task repository: a write is stored as the rows it changed plus the sequences, a reload rebuilds the same
// store, and a write whose transaction fails leaves the task as it was in memory and on disk.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from './database.js';
import { buildFrames, buildLabels, taskInputSchema } from './task-input.js';
import { TaskRepository } from './task-repository.js';
import { createToken } from './tokens.js';
import { TASK_BODY } from './test-support/harness.js';

const dirs: string[] = [];
const dbs: Db[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'annoconv-repo-'));
  dirs.push(dir);
  const db = openDatabase(dir);
  dbs.push(db);
  const repo = new TaskRepository(db);
  const { user } = createToken(db);
  const input = taskInputSchema.parse(TASK_BODY);
  const labels = buildLabels(input.labels);
  const taskId = repo.create(user, { name: input.name, labels, frames: buildFrames(input.frames, ''), mode: 'annotation', segmentSize: 4, overlap: 1, subset: '' });
  const task = () => repo.get(taskId)!;
  return { db, repo, taskId, task, labels };
}

const rect = (frame: number, x: number) => ({ type: 'rectangle', frame, label_id: 1, points: [x, 0, x + 1, 1] });

describe('TaskRepository', () => {
  it('stores only the rows a write changed, and a reload rebuilds the same annotations and sequences', () => {
    const { db, repo, taskId, task, labels } = setup();
    const store = repo.loadStore(task(), labels);
    repo.applyWrite(taskId, store, () => store.put({ shapes: [rect(0, 1), rect(1, 2), rect(2, 3)], tracks: [{ label_id: 1, frame: 0, shapes: [{ type: 'rectangle', frame: 0, points: [0, 0, 1, 1] }] }] }));
    const rows = () => db.prepare('SELECT kind, id, body FROM annotations WHERE task_id = ? ORDER BY kind, id').all(taskId) as Array<{ kind: string; id: number; body: string }>;
    const before = rows();
    expect(before.map((row) => `${row.kind}:${row.id}`)).toEqual(['shape:1', 'shape:2', 'shape:3', 'track:1']);
    repo.applyWrite(taskId, store, () => store.patch('update', { shapes: [{ id: 2, ...rect(1, 9) }] }));
    const after = rows();
    expect(after.filter((row, index) => row.body !== before[index]!.body).map((row) => row.id)).toEqual([2]);

    repo.applyWrite(taskId, store, () => store.patch('delete', { shapes: [{ id: 3, ...rect(2, 3) }] }));
    const reloaded = repo.loadStore(task(), labels);
    expect(reloaded.get()).toEqual(store.get());
    // The sequence came back too: the next shape is 4, not the freed 3.
    expect(reloaded.patch('create', { shapes: [rect(0, 5)] }).shapes[0]!.id).toBe(4);
  });

  it('a write whose transaction fails leaves the store and the database as they were', () => {
    const { db, repo, taskId, task, labels } = setup();
    const store = repo.loadStore(task(), labels);
    repo.applyWrite(taskId, store, () => store.put({ shapes: [rect(0, 1)] }));
    const snapshot = store.get();
    // Make the transaction fail after the store has applied the write.
    db.exec(`CREATE TRIGGER fail_insert BEFORE INSERT ON annotations WHEN NEW.id = 2 BEGIN SELECT RAISE(ABORT, 'disk full'); END;`);
    expect(() => repo.applyWrite(taskId, store, () => store.patch('create', { shapes: [rect(1, 2)] }))).toThrow('disk full');
    expect(store.get()).toEqual(snapshot);
    expect(repo.loadStore(task(), labels).get()).toEqual(snapshot);
    // A request the store refuses changes nothing either.
    expect(() => repo.applyWrite(taskId, store, () => store.patch('create', { shapes: [{ ...rect(1, 2), label_id: 77 }] }))).toThrow();
    expect(store.get()).toEqual(snapshot);
  });

  it('creates jobs as CVAT splits the task and deletes everything of a task with it', () => {
    const { db, repo, taskId } = setup();
    expect(repo.jobs(taskId).map((job) => [job.position, job.start_frame, job.stop_frame])).toEqual([
      [1, 0, 3],
      [2, 3, 6],
      [3, 6, 9],
    ]);
    repo.delete(taskId);
    for (const table of ['labels', 'frames', 'jobs', 'annotations']) expect(db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE task_id = ?`).get(taskId)).toEqual({ n: 0 });
  });
});
