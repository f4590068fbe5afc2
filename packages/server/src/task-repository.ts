// Tasks in the database: one row per task, its labels, frames and jobs, and one row per top-level annotation
// object (tag, shape with its elements, track with its keyframes and element tracks) as a JSON document.
// Row-per-object keeps a PATCH of a few objects a write of a few rows, even on a task of 100,000 shapes, and the
// task row's id sequences are written in the same transaction, so ids are never handed out twice. Which rows a
// write changed comes from the store's change set (`AnnotationStore.atomic`), so a write costs its own size.
import {
  AnnotationStore,
  type AnnotationChanges,
  type Dataset,
  type Frame,
  type Label,
  type LabeledData,
  type Sequences,
  type Shape,
  type Tag,
  type TaskMeta,
  type TaskMode,
  type Track,
} from '@annoconv/core';
import type { Db } from './database.js';
import type { User } from './tokens.js';

export interface TaskRow {
  id: number;
  owner_id: number;
  owner_name: string;
  name: string;
  mode: TaskMode;
  size: number;
  segment_size: number;
  overlap: number | null;
  subset: string;
  meta: string;
  sequences: string;
  created_date: string;
  updated_date: string;
}

export interface JobRow {
  id: number;
  task_id: number;
  position: number;
  start_frame: number;
  stop_frame: number;
}

export interface NewTask {
  name: string;
  labels: Label[];
  frames: Frame[];
  mode: TaskMode;
  segmentSize: number;
  overlap: number | null | undefined;
  subset: string;
  meta?: Partial<TaskMeta>;
}

const INITIAL_SEQUENCES: Sequences = { tag: 1, shape: 1, track: 1, trackedShape: 1 };

function storeOptions(task: { labels: Label[]; size: number; segmentSize: number; overlap: number | null | undefined; mode: TaskMode }) {
  return { labels: task.labels, size: task.size, segmentSize: task.segmentSize, overlap: task.overlap ?? null, mode: task.mode };
}

export class TaskRepository {
  constructor(private readonly db: Db) {}

  /** Creates a task with its labels, frames and jobs (and initial annotations) in one transaction. */
  create(owner: User, task: NewTask, annotations?: LabeledData): number {
    const store = new AnnotationStore(storeOptions({ ...task, size: task.frames.length }));
    if (annotations) store.patch('update', annotations);
    const now = new Date().toISOString();
    const meta = { startFrame: 0, frameStep: 1, deletedFrames: [], ...task.meta };
    const { db } = this;
    return db.transaction(() => {
      const info = db
        .prepare(
          'INSERT INTO tasks (owner_id, name, mode, size, segment_size, overlap, subset, meta, sequences, created_date, updated_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(owner.id, task.name, task.mode, task.frames.length, task.segmentSize, task.overlap ?? null, task.subset, JSON.stringify(meta), JSON.stringify(INITIAL_SEQUENCES), now, now);
      const taskId = Number(info.lastInsertRowid);
      const insertLabel = db.prepare('INSERT INTO labels (task_id, id, position, body) VALUES (?, ?, ?, ?)');
      task.labels.forEach((label, position) => insertLabel.run(taskId, label.id, position, JSON.stringify(label)));
      const insertFrame = db.prepare('INSERT INTO frames (task_id, idx, name, width, height, subset) VALUES (?, ?, ?, ?, ?, ?)');
      task.frames.forEach((frame, index) => insertFrame.run(taskId, index, frame.name, frame.width ?? null, frame.height ?? null, frame.subset ?? ''));
      const insertJob = db.prepare('INSERT INTO jobs (task_id, position, start_frame, stop_frame) VALUES (?, ?, ?, ?)');
      for (const job of store.jobs) insertJob.run(taskId, job.id, job.start, job.stop);
      const { tags, shapes, tracks, sequences } = store.exportState();
      this.persist(taskId, { cleared: true, upserts: { tags: [...tags], shapes: [...shapes], tracks: [...tracks] }, deletes: { tags: [], shapes: [], tracks: [] }, sequences }, now);
      return taskId;
    })();
  }

  get(taskId: number): TaskRow | undefined {
    return this.db.prepare('SELECT tasks.*, users.username AS owner_name FROM tasks JOIN users ON users.id = tasks.owner_id WHERE tasks.id = ?').get(taskId) as TaskRow | undefined;
  }

  list(ownerId: number): TaskRow[] {
    return this.db
      .prepare('SELECT tasks.*, users.username AS owner_name FROM tasks JOIN users ON users.id = tasks.owner_id WHERE owner_id = ? ORDER BY tasks.id DESC')
      .all(ownerId) as TaskRow[];
  }

  delete(taskId: number): void {
    this.db.prepare('DELETE FROM tasks WHERE id = ?').run(taskId);
  }

  labels(taskId: number): Label[] {
    return (this.db.prepare('SELECT body FROM labels WHERE task_id = ? ORDER BY position').all(taskId) as Array<{ body: string }>).map((row) => JSON.parse(row.body) as Label);
  }

  frames(taskId: number): Frame[] {
    const rows = this.db.prepare('SELECT idx, name, width, height, subset FROM frames WHERE task_id = ? ORDER BY idx').all(taskId) as Array<{
      idx: number;
      name: string;
      width: number | null;
      height: number | null;
      subset: string;
    }>;
    return rows.map((row) => ({ index: row.idx, name: row.name, subset: row.subset, ...(row.width !== null ? { width: row.width } : {}), ...(row.height !== null ? { height: row.height } : {}) }));
  }

  jobs(taskId: number): JobRow[] {
    return this.db.prepare('SELECT * FROM jobs WHERE task_id = ? ORDER BY position').all(taskId) as JobRow[];
  }

  job(jobId: number): JobRow | undefined {
    return this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(jobId) as JobRow | undefined;
  }

  /** The task's annotation store, rebuilt from its rows and sequences. */
  loadStore(task: TaskRow, labels: Label[]): AnnotationStore {
    const store = new AnnotationStore(storeOptions({ labels, size: task.size, segmentSize: task.segment_size, overlap: task.overlap, mode: task.mode }));
    const rows = this.db.prepare('SELECT kind, body FROM annotations WHERE task_id = ? ORDER BY kind, id').all(task.id) as Array<{ kind: string; body: string }>;
    const tags: Tag[] = [];
    const shapes: Shape[] = [];
    const tracks: Track[] = [];
    for (const row of rows) {
      const object = JSON.parse(row.body);
      if (row.kind === 'tag') tags.push(object);
      else if (row.kind === 'shape') shapes.push(object);
      else tracks.push(object);
    }
    store.restoreState({ tags, shapes, tracks, sequences: JSON.parse(task.sequences) as Sequences });
    return store;
  }

  /**
   * Runs `write` on the store and stores what it changed (the store's change set) in one transaction. If the
   * write throws or the transaction fails, the store undoes the write: the task is as it was, in memory and on
   * disk.
   */
  applyWrite<T>(taskId: number, store: AnnotationStore, write: () => T): T {
    return store.atomic(write, (changes) => {
      this.db.transaction(() => this.persist(taskId, changes, new Date().toISOString()))();
    });
  }

  private persist(taskId: number, changes: AnnotationChanges, now: string): void {
    const { upsert, remove, removeAll, sequences } = this.statements();
    if (changes.cleared) removeAll.run(taskId);
    const kinds = [
      ['tag', 'tags'],
      ['shape', 'shapes'],
      ['track', 'tracks'],
    ] as const;
    for (const [kind, key] of kinds) for (const id of changes.deletes[key]) remove.run(taskId, kind, id);
    for (const [kind, key] of kinds) for (const object of changes.upserts[key] as Array<Tag | Shape | Track>) upsert.run(taskId, kind, object.id, JSON.stringify(object));
    sequences.run(JSON.stringify(changes.sequences), now, taskId);
  }

  private prepared: ReturnType<TaskRepository['prepare']> | undefined;

  private statements() {
    return (this.prepared ??= this.prepare());
  }

  private prepare() {
    return {
      upsert: this.db.prepare('INSERT OR REPLACE INTO annotations (task_id, kind, id, body) VALUES (?, ?, ?, ?)'),
      remove: this.db.prepare('DELETE FROM annotations WHERE task_id = ? AND kind = ? AND id = ?'),
      removeAll: this.db.prepare('DELETE FROM annotations WHERE task_id = ?'),
      sequences: this.db.prepare('UPDATE tasks SET sequences = ?, updated_date = ? WHERE id = ?'),
    };
  }

  /** The task as a Dataset (labels, frames, meta, the given annotations), for export. */
  dataset(task: TaskRow, annotations: LabeledData, frameRange?: { start: number; stop: number }): Dataset {
    const storedMeta = JSON.parse(task.meta) as Partial<TaskMeta>;
    const frames = this.frames(task.id).filter((frame) => !frameRange || (frame.index >= frameRange.start && frame.index <= frameRange.stop));
    return {
      labels: this.labels(task.id),
      frames,
      meta: {
        name: task.name,
        mode: task.mode,
        startFrame: storedMeta.startFrame ?? 0,
        frameStep: storedMeta.frameStep ?? 1,
        deletedFrames: storedMeta.deletedFrames ?? [],
        segmentSize: task.segment_size,
        overlap: task.overlap,
        ...(storedMeta.stopFrame !== undefined ? { stopFrame: storedMeta.stopFrame } : {}),
        ...(storedMeta.dimension !== undefined ? { dimension: storedMeta.dimension } : {}),
      },
      annotations,
    };
  }
}
