// An in-memory annotation store for one task with CVAT's request semantics (CVAT-MODEL.md §2.2, §2.3, §2.5):
// replace all (PUT), PATCH create / update / delete, delete all, and the same on a job's frame range. Every
// request is applied to the live state through an undo journal; when anything fails the journal is rolled back,
// so a request with any error changes nothing, and a write costs what it touches, not the size of the task.
// Every write can report its change set (objects created, replaced, deleted, and the sequences) so a caller can
// persist exactly that in its own transaction, and GET's JSON is kept per object between writes.
import type { LabeledData, Shape, SubShape, SubTrack, Tag, Track } from '../model/annotations.js';
import type { Label } from '../model/labels.js';
import type { TaskMode } from '../model/frames.js';
import type { Dataset } from '../model/dataset.js';
import { safeParseAnnotations } from '../parse-annotations.js';
import { AnnoconvError } from '../errors.js';
import { AnnotationRequestError } from './annotation-request-error.js';
import { LabelIndex, type SpecKind } from './label-index.js';
import { readAnnotations } from './read-annotations.js';
import { readAnnotationsJson } from './read-annotations-json.js';
import { emptyBlockCache, readAnnotationsBytes, type BlockCache } from './read-annotations-blocks.js';
import { serializeAnnotations, type AnnotationsResponse } from './serialize-annotations.js';
import { isTrackInside, sliceAnnotations } from './slice-annotations.js';
import { syncTrackFrames } from './track-frames.js';
import { splitIntoSegments, type Segment } from './segments.js';
import { cutTrack, mergeTrackIntoRange } from './cut-track.js';
import { JournalMap, JournalSet, Recorder } from './journal.js';

/** The PATCH actions; anything else is CVAT's 400 "Please specify a correct 'action' for the request". */
export const PATCH_ACTIONS = ['create', 'update', 'delete'] as const;
export type PatchAction = (typeof PATCH_ACTIONS)[number];

export interface AnnotationStoreOptions {
  labels: readonly Label[];
  /** Number of frames of the task. Task-level writes keep only what lies on frames 0 … size−1, as CVAT's
   * slicing of a task write into its jobs does; undefined = no bound. */
  size?: number;
  /** Job splitting (CVAT-MODEL.md §2.7). */
  segmentSize?: number;
  overlap?: number | null;
  mode?: TaskMode;
}

/** Id spaces: tags; shapes (elements included); tracks (element tracks included); tracked shapes. */
export type IdKind = 'tag' | 'shape' | 'track' | 'trackedShape';

/** The next value of each id sequence. Sequences only go forward, as CVAT's per-table database sequences. */
export type Sequences = Record<IdKind, number>;

/**
 * A store's whole content: the stored top-level objects (ids assigned) and the sequences. The objects are the
 * store's own; the store never mutates a stored object (a write replaces it), and callers must not either.
 */
export interface StoreSnapshot {
  tags: readonly Tag[];
  shapes: readonly Shape[];
  tracks: readonly Track[];
  sequences: Sequences;
}

/**
 * What one write changed, by top-level object: `upserts` are the objects now stored under ids that were
 * created or replaced, `deletes` the ids no longer stored. When `cleared` is true the write started by removing
 * everything (a task-level PUT, DELETE): every object not in `upserts` is gone and `deletes` is empty.
 */
export interface AnnotationChanges {
  cleared: boolean;
  upserts: { tags: Tag[]; shapes: Shape[]; tracks: Track[] };
  deletes: { tags: number[]; shapes: number[]; tracks: number[] };
  sequences: Sequences;
}

const TABLES: Record<IdKind, string> = {
  tag: 'engine_labeledimage',
  shape: 'engine_labeledshape',
  track: 'engine_labeledtrack',
  trackedShape: 'engine_trackedshape',
};

interface StoreState {
  recorder: Recorder;
  tags: JournalMap<number, Tag>;
  shapes: JournalMap<number, Shape>;
  tracks: JournalMap<number, Track>;
  used: Record<IdKind, JournalSet>;
  next: Sequences;
}

const FIRST_SEQUENCES: Sequences = { tag: 1, shape: 1, track: 1, trackedShape: 1 };

function emptyTables(recorder: Recorder): Omit<StoreState, 'recorder' | 'next'> {
  return {
    tags: new JournalMap(recorder, 'tags'),
    shapes: new JournalMap(recorder, 'shapes'),
    tracks: new JournalMap(recorder, 'tracks'),
    used: { tag: new JournalSet(recorder), shape: new JournalSet(recorder), track: new JournalSet(recorder), trackedShape: new JournalSet(recorder) },
  };
}

function emptyState(): StoreState {
  const recorder = new Recorder();
  return { recorder, ...emptyTables(recorder), next: { ...FIRST_SEQUENCES } };
}

/** The ids a journal shows touched in one of the current maps, split into now-stored objects and gone ids. */
function touched<T>(map: JournalMap<number, T>, ids: Set<number>): { upserts: T[]; deletes: number[] } {
  const upserts: T[] = [];
  const deletes: number[] = [];
  for (const id of [...ids].sort((a, b) => a - b)) {
    const object = map.get(id);
    if (object !== undefined) upserts.push(object);
    else deletes.push(id);
  }
  return { upserts, deletes };
}

/** A job's inclusive frame range, or the whole task. */
interface Scope {
  start: number;
  stop: number;
  job: boolean;
}

export interface JobInfo extends Segment {
  /** 1-based, in segment order. */
  id: number;
}

export class AnnotationStore {
  readonly labels: LabelIndex;
  readonly size: number | undefined;
  readonly jobs: readonly JobInfo[];
  private state: StoreState = emptyState();
  private changeCount = 0;
  /** GET answers of the current version (task = 0, else job id), as JSON text. */
  private answers = new Map<number, string>();
  /** JSON of each stored object's GET form; stored objects are never mutated, so identity is the version. */
  private readonly fragments = new WeakMap<object, string>();
  /** GET's answer as bytes for `bytesVersion`, and the encoded blocks it was assembled from. */
  private bytes: Uint8Array | undefined;
  private bytesVersion = -1;
  private blocks: BlockCache = emptyBlockCache();

  constructor(options: AnnotationStoreOptions) {
    this.labels = new LabelIndex(options.labels);
    this.size = options.size;
    this.jobs =
      options.size === undefined
        ? []
        : splitIntoSegments({ size: options.size, segmentSize: options.segmentSize ?? 0, overlap: options.overlap, mode: options.mode ?? 'annotation' }).map(
            (segment, index) => ({ ...segment, id: index + 1 }),
          );
  }

  /**
   * A store holding a dataset's annotations (ids kept where present, assigned where absent). They go in as a
   * task-level write, as CVAT's import does: objects on frames outside the dataset are dropped and tracks are
   * sliced to its frames.
   */
  static fromDataset(dataset: Dataset): AnnotationStore {
    const store = new AnnotationStore({
      labels: dataset.labels,
      size: dataset.frames.length,
      segmentSize: dataset.meta.segmentSize,
      overlap: dataset.meta.overlap,
      mode: dataset.meta.mode,
    });
    store.patch('update', dataset.annotations);
    return store;
  }

  // ---- task level -------------------------------------------------------------------------------------------

  /** GET `/api/tasks/{id}/annotations`. */
  get(): AnnotationsResponse {
    // readAnnotations copies what it answers, so it reads the stored objects directly.
    return readAnnotations(this.stored(), this.labels);
  }

  /**
   * GET's answer as JSON text, exactly `JSON.stringify(this.get())`, built from per-object JSON kept between
   * writes and reused until the next change.
   */
  getJson(): string {
    return this.answer(0, () => readAnnotationsJson(this.stored(), this.labels, this.fragments));
  }

  /**
   * GET's answer as UTF-8 bytes, exactly the encoding of `getJson()`, assembled from blocks (ids by 1024 per
   * frame) kept encoded between writes: after a write only the blocks holding changed objects are serialised.
   * The array is shared: do not modify it.
   */
  getJsonBytes(): Uint8Array {
    if (this.state.recorder.active) return readAnnotationsBytes(this.stored(), this.labels, emptyBlockCache()).bytes;
    if (this.bytes === undefined || this.bytesVersion !== this.changeCount) {
      const { bytes, cache } = readAnnotationsBytes(this.stored(), this.labels, this.blocks);
      this.bytes = bytes;
      this.blocks = cache;
      this.bytesVersion = this.changeCount;
    }
    return this.bytes;
  }

  /** A number that changes whenever the stored annotations (or sequences) change, and only then. */
  get version(): number {
    return this.changeCount;
  }

  /** The stored objects and sequences (the store's own objects: read them, never mutate them). */
  exportState(): StoreSnapshot {
    const { tags, shapes, tracks } = this.stored();
    return { tags, shapes, tracks, sequences: { ...this.state.next } };
  }

  /**
   * Replaces the whole content with objects whose ids are assigned (as `exportState` gave them) and the
   * sequences to continue from. Meant for loading a persisted task; it is not a request and checks nothing
   * beyond top-level ids being present and unique.
   */
  restoreState(snapshot: StoreSnapshot): void {
    if (this.state.recorder.active) throw new AnnoconvError('conflict', 'restoreState inside a write');
    const state = emptyState();
    // Top-level ids key the tables, so they must be there and unique; nested ids are only marked as taken.
    const claim = (kind: IdKind, id: number | null, topLevel: boolean): void => {
      if (topLevel && (id === null || state.used[kind].has(id))) throw new AnnoconvError('invalid-request', `restoreState: ${kind} id ${String(id)} missing or repeated`);
      if (id !== null) state.used[kind].add(id);
    };
    for (const tag of snapshot.tags) {
      claim('tag', tag.id, true);
      state.tags.set(tag.id!, tag);
    }
    for (const shape of snapshot.shapes) {
      claim('shape', shape.id, true);
      for (const element of shape.elements ?? []) claim('shape', element.id, false);
      state.shapes.set(shape.id!, shape);
    }
    const claimTrack = (track: SubTrack & { elements?: SubTrack[] }, topLevel: boolean): void => {
      claim('track', track.id, topLevel);
      for (const keyframe of track.shapes) claim('trackedShape', keyframe.id, false);
      for (const element of track.elements ?? []) claimTrack(element, false);
    };
    for (const track of snapshot.tracks) {
      claimTrack(track, true);
      state.tracks.set(track.id!, track);
    }
    for (const kind of Object.keys(FIRST_SEQUENCES) as IdKind[]) state.next[kind] = Math.max(1, snapshot.sequences[kind] ?? 1);
    this.state = state;
    this.changed();
  }

  /**
   * Runs `write` (any of this store's write methods, once or several times) as one unit and hands its change
   * set to `persist` before the write counts as done. When `write` or `persist` throws, everything the write
   * did is undone and the error goes on: the store is as it was, so a failed database commit changes nothing.
   */
  atomic<T>(write: () => T, persist?: (changes: AnnotationChanges) => void): T {
    const { recorder } = this.state;
    if (recorder.active) throw new AnnoconvError('conflict', 'atomic writes do not nest');
    const begun = this.begin();
    try {
      const result = write();
      persist?.(this.changesSince(begun));
      this.commit(begun);
      return result;
    } catch (error) {
      this.rollback(begun);
      throw error;
    }
  }

  /** PUT: replace everything; answers the created objects with their ids. */
  put(body: unknown): AnnotationsResponse {
    return this.write(this.taskScope(), 'put', body);
  }

  /** PATCH `?action=…`. */
  patch(action: string, body: unknown): AnnotationsResponse {
    return this.write(this.taskScope(), checkAction(action), body);
  }

  /** DELETE: remove everything (CVAT answers 204). The id sequences go on: CVAT never resets them. */
  deleteAll(): void {
    this.run(() => clearState(this.state));
  }

  /** The raw stored annotations (id order, no default completion), as a deep copy. */
  snapshot(): LabeledData {
    return serializeAnnotations(this.stored());
  }

  // ---- job level --------------------------------------------------------------------------------------------

  job(id: number): JobInfo {
    const job = this.jobs.find((candidate) => candidate.id === id);
    if (!job) throw new AnnoconvError('not-found', `task has no job ${id}`);
    return job;
  }

  /** GET `/api/jobs/{id}/annotations`: the slice of the task's annotations on the job's frames. */
  getJob(id: number): AnnotationsResponse {
    const job = this.job(id);
    try {
      return readAnnotations(sliceAnnotations(this.stored(), job.start, job.stop), this.labels);
    } catch (error) {
      // Slicing interpolates; a stored track CVAT cannot interpolate (a mask track) cannot be sliced either.
      throw new AnnoconvError('unsupported', `job ${id} cannot be read: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }

  /** The job's GET answer as JSON text, exactly `JSON.stringify(this.getJob(id))`, kept until the next change. */
  getJobJson(id: number): string {
    this.job(id);
    return this.answer(id, () => JSON.stringify(this.getJob(id)));
  }

  putJob(id: number, body: unknown): AnnotationsResponse {
    const job = this.job(id);
    return this.write({ start: job.start, stop: job.stop, job: true }, 'put', body);
  }

  patchJob(id: number, action: string, body: unknown): AnnotationsResponse {
    const job = this.job(id);
    return this.write({ start: job.start, stop: job.stop, job: true }, checkAction(action), body);
  }

  deleteJob(id: number): void {
    const job = this.job(id);
    this.run(() => {
      try {
        removeRange(this.state, job.start, job.stop);
      } catch (error) {
        throw asRequestError(error);
      }
    });
  }

  // ---- the journal ------------------------------------------------------------------------------------------

  /**
   * The stored objects (no copy) in id order. Id order, not insertion order: undoing a deletion re-inserts at
   * the end of a map, and a task reloaded from its rows comes back in id order, so only id order is stable.
   */
  private stored(): LabeledData {
    const { state } = this;
    return { version: 0, tags: inIdOrder(state.tags), shapes: inIdOrder(state.shapes), tracks: inIdOrder(state.tracks) };
  }

  /** A cached GET answer, computed fresh while a write is in progress (its state may still be undone). */
  private answer(scope: number, compute: () => string): string {
    if (this.state.recorder.active) return compute();
    let text = this.answers.get(scope);
    if (text === undefined) {
      text = compute();
      this.answers.set(scope, text);
    }
    return text;
  }

  private changed(): void {
    this.changeCount++;
    this.answers = new Map();
  }

  /** Starts recording a write (the outermost one only); `undefined` inside a write already recorded. */
  private begin(): Begun | undefined {
    const { recorder } = this.state;
    const { outer } = recorder.begin();
    if (!outer) return undefined;
    const { tags, shapes, tracks } = this.state;
    return { tags, shapes, tracks, next: { ...this.state.next } };
  }

  private commit(begun: Begun | undefined): void {
    if (!begun) return;
    const entries = this.state.recorder.end();
    if (entries.length > 0 || begun.tags !== this.state.tags || !sameSequences(begun.next, this.state.next)) this.changed();
  }

  private rollback(begun: Begun | undefined, mark = 0): void {
    this.state.recorder.rollback(mark);
    if (!begun) return;
    this.state.recorder.end();
    Object.assign(this.state.next, begun.next);
  }

  /** Runs one request: undone entirely when it throws. Inside `atomic` it joins the enclosing write. */
  private run<T>(fn: () => T): T {
    const { recorder } = this.state;
    const nested = recorder.active;
    const mark = nested ? recorder.begin().mark : 0;
    const begun = nested ? undefined : this.begin();
    try {
      const result = fn();
      this.commit(begun);
      return result;
    } catch (error) {
      // A nested failure undoes its own changes; sequences it advanced stay advanced, as database sequences do.
      this.rollback(begun, mark);
      throw error;
    }
  }

  private changesSince(begun: Begun | undefined): AnnotationChanges {
    const { state } = this;
    const sequences = { ...state.next };
    if (begun && begun.tags !== state.tags) {
      return { cleared: true, upserts: { tags: [...state.tags.values()], shapes: [...state.shapes.values()], tracks: [...state.tracks.values()] }, deletes: { tags: [], shapes: [], tracks: [] }, sequences };
    }
    const ids = { tags: new Set<number>(), shapes: new Set<number>(), tracks: new Set<number>() };
    for (const entry of state.recorder.entries()) {
      if (entry.kind !== 'map') continue;
      if (entry.map === (state.tags as unknown)) ids.tags.add(entry.key);
      else if (entry.map === (state.shapes as unknown)) ids.shapes.add(entry.key);
      else if (entry.map === (state.tracks as unknown)) ids.tracks.add(entry.key);
    }
    const tags = touched(state.tags, ids.tags);
    const shapes = touched(state.shapes, ids.shapes);
    const tracks = touched(state.tracks, ids.tracks);
    return {
      cleared: false,
      upserts: { tags: tags.upserts, shapes: shapes.upserts, tracks: tracks.upserts },
      deletes: { tags: tags.deletes, shapes: shapes.deletes, tracks: tracks.deletes },
      sequences,
    };
  }

  // ---- the request pipeline ---------------------------------------------------------------------------------

  private taskScope(): Scope {
    return { start: 0, stop: this.size === undefined ? Number.POSITIVE_INFINITY : this.size - 1, job: false };
  }

  private write(scope: Scope, action: 'put' | PatchAction, body: unknown): AnnotationsResponse {
    // PUT is validated as "create" (ids must be absent).
    const parsed = safeParseAnnotations(body, { action: action === 'put' ? 'create' : action });
    if (!parsed.success) throw new AnnotationRequestError(parsed.body, parsed.error.message);
    return this.run(() => {
      try {
        return this.apply(scope, action, parsed.data);
      } catch (error) {
        throw asRequestError(error);
      }
    });
  }

  private apply(scope: Scope, action: 'put' | PatchAction, parsedData: LabeledData): AnnotationsResponse {
    // A task-level write is sliced to the task's frames, as CVAT slices it into its jobs (§2.5).
    const data = scope.job || this.size === undefined ? parsedData : sliceAnnotations(parsedData, scope.start, scope.stop);
    const { state } = this;
    const saver = new Saver(state, this.labels);
    let response: AnnotationsResponse;
    switch (action) {
      case 'put':
        if (scope.job) removeRange(state, scope.start, scope.stop);
        else clearState(state);
        response = saver.create(data, scope);
        break;
      case 'create':
        response = saver.create(data, scope);
        break;
      case 'update':
        saver.deleteByIds(data, scope, true);
        response = saver.create(data, scope);
        break;
      case 'delete':
        saver.deleteByIds(data, scope, false);
        response = serializeAnnotations(data);
        break;
    }
    return response;
  }
}

/**
 * Interpolation refuses tracks CVAT cannot interpolate either (two different keyframes on one frame, mask
 * tracks with several keyframes); CVAT answers 500 there, we answer the request as invalid.
 */
function asRequestError(error: unknown): AnnotationRequestError {
  if (error instanceof AnnotationRequestError) return error;
  return new AnnotationRequestError([error instanceof Error ? error.message : String(error)]);
}

function checkAction(action: string): PatchAction {
  if ((PATCH_ACTIONS as readonly string[]).includes(action)) return action as PatchAction;
  throw new AnnotationRequestError(["Please specify a correct 'action' for the request"]);
}

/** Empties the tables (new maps, so this costs nothing per object; the old ones come back on rollback). */
function clearState(state: StoreState): void {
  const { tags, shapes, tracks, used } = state;
  state.recorder.record({
    kind: 'undo',
    undo: () => Object.assign(state, { tags, shapes, tracks, used }),
  });
  Object.assign(state, emptyTables(state.recorder));
  // Sequences never go back, as database sequences do not.
}

interface Begun {
  tags: StoreState['tags'];
  shapes: StoreState['shapes'];
  tracks: StoreState['tracks'];
  next: Sequences;
}

/** A map's values by ascending id; maps are nearly always in that order already, which is checked first. */
function inIdOrder<T>(map: Map<number, T>): T[] {
  const values: T[] = [];
  let sorted = true;
  let last = Number.NEGATIVE_INFINITY;
  for (const [id, value] of map) {
    if (id < last) sorted = false;
    last = id;
    values.push(value);
  }
  if (sorted) return values;
  return [...map.keys()].sort((a, b) => a - b).map((id) => map.get(id)!);
}

function sameSequences(a: Sequences, b: Sequences): boolean {
  return a.tag === b.tag && a.shape === b.shape && a.track === b.track && a.trackedShape === b.trackedShape;
}

function forgetShape(state: StoreState, shape: Shape): void {
  if (shape.id !== null) state.used.shape.delete(shape.id);
  for (const element of shape.elements ?? []) if (element.id !== null) state.used.shape.delete(element.id);
}

function forgetTrack(state: StoreState, track: SubTrack & { elements?: SubTrack[] }): void {
  if (track.id !== null) state.used.track.delete(track.id);
  for (const shape of track.shapes) if (shape.id !== null) state.used.trackedShape.delete(shape.id);
  for (const element of track.elements ?? []) forgetTrack(state, element);
}

function inRange(frame: number, start: number, stop: number): boolean {
  return start <= frame && frame <= stop;
}

/** Removes everything a job of frames [start, stop] holds: its tags and shapes, and the range of every track. */
function removeRange(state: StoreState, start: number, stop: number): void {
  for (const [id, tag] of state.tags) if (inRange(tag.frame, start, stop)) {
    state.tags.delete(id);
    state.used.tag.delete(id);
  }
  for (const [id, shape] of state.shapes) if (inRange(shape.frame, start, stop)) {
    state.shapes.delete(id);
    forgetShape(state, shape);
  }
  for (const [id, track] of state.tracks) {
    if (!isTrackInside(track, start, stop)) continue;
    replaceTrack(state, id, cutTrack(track, start, stop));
  }
}

/** Puts a cut or merged track in place of the stored one, allocating ids for its new keyframes. */
function replaceTrack(state: StoreState, id: number, track: Track | undefined): void {
  const old = state.tracks.get(id)!;
  forgetTrack(state, old);
  if (!track) {
    state.tracks.delete(id);
    return;
  }
  const claim = (value: SubTrack & { elements?: SubTrack[] }): void => {
    if (value.id !== null) state.used.track.add(value.id);
    for (const shape of value.shapes) {
      if (shape.id !== null && !state.used.trackedShape.has(shape.id)) state.used.trackedShape.add(shape.id);
      else shape.id = allocate(state, 'trackedShape', null);
    }
    for (const element of value.elements ?? []) claim(element);
  };
  claim(track);
  state.tracks.set(id, track);
}

function allocate(state: StoreState, kind: IdKind, explicit: number | null): number {
  const used = state.used[kind];
  if (explicit !== null) {
    if (used.has(explicit))
      throw new AnnotationRequestError(
        `duplicate key value violates unique constraint "${TABLES[kind]}_pkey"\nDETAIL:  Key (id)=(${explicit}) already exists.\n`,
      );
    used.add(explicit);
    return explicit;
  }
  // Explicit ids do not move the sequence (as in a database), so the sequence skips ids already taken.
  while (used.has(state.next[kind])) state.next[kind]++;
  const id = state.next[kind]++;
  used.add(id);
  return id;
}

/** Applies one validated body to a working state, in CVAT's order: tags, shapes, tracks (§2.3). */
class Saver {
  constructor(
    private readonly state: StoreState,
    private readonly labels: LabelIndex,
  ) {}

  private checkLabel(labelId: number): void {
    if (!this.labels.hasLabel(labelId)) throw new AnnotationRequestError([`label_id \`${labelId}\` is invalid`]);
  }

  private checkSpecs(labelId: number, attributes: ReadonlyArray<{ spec_id: number }>, kind: SpecKind): void {
    for (const attribute of attributes)
      if (!this.labels.hasSpec(labelId, attribute.spec_id, kind)) throw new AnnotationRequestError([`spec_id \`${attribute.spec_id}\` is invalid`]);
  }

  create(data: LabeledData, scope: Scope): AnnotationsResponse {
    void scope;
    const tags = this.saveTags(data.tags);
    const shapes = this.saveShapes(data.shapes);
    const tracks = this.saveTracks(data.tracks);
    return serializeAnnotations({ version: 0, tags, shapes, tracks });
  }

  private saveTags(tags: Tag[]): Tag[] {
    for (const tag of tags) {
      this.checkLabel(tag.label_id);
      this.checkSpecs(tag.label_id, tag.attributes, 'all');
    }
    for (const tag of tags) {
      tag.id = allocate(this.state, 'tag', tag.id);
      this.state.tags.set(tag.id, tag);
    }
    return tags;
  }

  private saveShapes(shapes: Shape[]): Shape[] {
    const checkLevel = (level: SubShape[]): void => {
      for (const shape of level) {
        this.checkLabel(shape.label_id);
        this.checkSpecs(shape.label_id, shape.attributes, 'all');
      }
    };
    // All top-level shapes get their ids first, then the elements of each parent in order.
    checkLevel(shapes);
    for (const shape of shapes) shape.id = allocate(this.state, 'shape', shape.id);
    for (const shape of shapes) {
      checkLevel(shape.elements);
      for (const element of shape.elements) element.id = allocate(this.state, 'shape', element.id);
    }
    for (const shape of shapes) this.state.shapes.set(shape.id!, shape);
    return shapes;
  }

  private saveTracks(tracks: Track[]): Track[] {
    const saveLevel = <T extends SubTrack & { elements?: SubTrack[] }>(level: T[], parent?: SubTrack): T[] => {
      syncTrackFrames(level, parent);
      const kept = level.filter((track) => track.shapes.length > 0);
      for (const track of kept) {
        this.checkLabel(track.label_id);
        this.checkSpecs(track.label_id, track.attributes, 'immutable');
        for (const shape of track.shapes) this.checkSpecs(track.label_id, shape.attributes, 'mutable');
      }
      for (const track of kept) track.id = allocate(this.state, 'track', track.id);
      for (const track of kept) for (const shape of track.shapes) shape.id = allocate(this.state, 'trackedShape', shape.id);
      for (const track of kept) if (track.elements !== undefined) track.elements = saveLevel(track.elements, track);
      return kept;
    };
    const kept = saveLevel(tracks);
    for (const track of kept) this.state.tracks.set(track.id!, track);
    return kept;
  }

  /**
   * Deletes the objects the body names by id (update: before re-creating them). Ids of objects outside the
   * scope are ignored, as CVAT filters them by job. In a job, a track is only cut to the job's range.
   */
  deleteByIds(data: LabeledData, scope: Scope, forUpdate: boolean): void {
    const { state } = this;
    for (const tag of data.tags) {
      if (tag.id === null) continue;
      const stored = state.tags.get(tag.id);
      if (stored && inRange(stored.frame, scope.start, scope.stop)) {
        state.tags.delete(tag.id);
        state.used.tag.delete(tag.id);
      }
    }
    for (const shape of data.shapes) {
      if (shape.id === null) continue;
      this.deleteShape(shape.id, scope);
    }
    for (const track of data.tracks) {
      if (track.id === null) continue;
      this.deleteTrack(track, scope, forUpdate);
    }
  }

  private deleteShape(id: number, scope: Scope): void {
    const { state } = this;
    const stored = state.shapes.get(id);
    if (stored) {
      if (!inRange(stored.frame, scope.start, scope.stop)) return;
      state.shapes.delete(id);
      forgetShape(state, stored);
      return;
    }
    // An element's id deletes just that element.
    for (const [parentId, parent] of state.shapes) {
      const element = parent.elements.find((candidate) => candidate.id === id);
      if (!element) continue;
      if (!inRange(element.frame, scope.start, scope.stop)) return;
      state.shapes.set(parentId, { ...parent, elements: parent.elements.filter((candidate) => candidate !== element) });
      state.used.shape.delete(id);
      return;
    }
  }

  private deleteTrack(request: Track, scope: Scope, forUpdate: boolean): void {
    const { state } = this;
    const id = request.id!;
    const stored = state.tracks.get(id);
    if (stored) {
      if (!scope.job) {
        forgetTrack(state, stored);
        state.tracks.delete(id);
      } else if (isTrackInside(stored, scope.start, scope.stop)) {
        if (forUpdate) {
          // The job's part of the track is replaced: the new keyframes go into the cut track, same id.
          const merged = mergeTrackIntoRange(stored, request, scope.start, scope.stop);
          replaceTrack(state, id, undefined);
          request.shapes = merged.shapes;
          request.elements = merged.elements;
          request.frame = merged.frame;
        } else {
          replaceTrack(state, id, cutTrack(stored, scope.start, scope.stop));
        }
      }
      return;
    }
    // An element track's id deletes (in a job: cuts) just that element.
    for (const [parentId, parent] of state.tracks) {
      const element = (parent.elements ?? []).find((candidate) => candidate.id === id);
      if (!element) continue;
      if (scope.job && !isTrackInside(element, scope.start, scope.stop)) return;
      const remaining = scope.job ? cutTrack(element, scope.start, scope.stop) : undefined;
      const elements = parent.elements.flatMap((candidate) => (candidate !== element ? [candidate] : remaining ? [remaining] : []));
      replaceTrack(state, parentId, { ...parent, elements });
      return;
    }
  }
}

export type { AnnotationsResponse };
