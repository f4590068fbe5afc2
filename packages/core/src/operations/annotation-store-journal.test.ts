// The store's journal and its products: after any sequence of task and job writes (failing ones included) the
// kept GET JSON is exactly a fresh serialisation, a failing request changes nothing, change sets name exactly
// the objects that differ, exportState / restoreState round-trip, and sequences never go back.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LabeledData, Shape, Tag, Track } from '../model/annotations.js';
import { AnnotationRequestError } from './annotation-request-error.js';
import { AnnotationStore, type AnnotationChanges } from './annotation-store.js';
import { LabelIndex } from './label-index.js';
import { readAnnotations } from './read-annotations.js';
import { CAR, COLOR_SPEC, HAND, HEAD, MOVING_SPEC, PERSON, SUNNY_SPEC, WEATHER, testLabels } from './test-labels.js';

const SIZE = 12;
const newStore = () => new AnnotationStore({ labels: testLabels(), size: SIZE, segmentSize: 5, overlap: 1 });
const labels = new LabelIndex(testLabels());

const frame = fc.integer({ min: 0, max: SIZE + 1 });
const coordinate = fc.integer({ min: 0, max: 50 });
/** Mostly valid label ids; 77 makes the request fail after validation of its shape. */
const carLabel = fc.constantFrom(CAR, CAR, CAR, 77);
const tag = fc.record({ frame, label_id: fc.constantFrom(WEATHER, WEATHER, 77), attributes: fc.constantFrom([], [{ spec_id: SUNNY_SPEC, value: 'false' }]) });
const rectangle = fc.record({
  type: fc.constant('rectangle'),
  frame,
  label_id: carLabel,
  points: fc.tuple(coordinate, coordinate).map(([x, y]) => [x, y, x + 5, y + 5]),
  attributes: fc.constantFrom([], [{ spec_id: COLOR_SPEC, value: 'blue' }]),
});
const skeleton = fc.record({
  type: fc.constant('skeleton'),
  frame,
  label_id: fc.constant(PERSON),
  elements: fc.tuple(coordinate, coordinate).map(([x, y]) => [
    { type: 'points', frame: 0, label_id: HEAD, points: [x, y] },
    { type: 'points', frame: 0, label_id: HAND, points: [y, x] },
  ]),
});
const track = fc.record({
  label_id: carLabel,
  frame,
  shapes: fc.uniqueArray(fc.record({ type: fc.constant('rectangle'), frame, outside: fc.boolean(), points: fc.tuple(coordinate, coordinate).map(([x, y]) => [x, y, x + 3, y + 3]), attributes: fc.constantFrom([], [{ spec_id: MOVING_SPEC, value: 'true' }]) }), { minLength: 1, maxLength: 3, selector: (shape) => shape.frame }),
});
const body = fc.record({ tags: fc.array(tag, { maxLength: 2 }), shapes: fc.array(fc.oneof(rectangle, rectangle, skeleton), { maxLength: 4 }), tracks: fc.array(track, { maxLength: 2 }) });

type Step =
  | { op: 'put' | 'create'; job: number; body: LabeledData }
  | { op: 'update' | 'delete'; job: number; picks: number[]; body: LabeledData }
  | { op: 'deleteAll'; job: number };
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constantFrom('put' as const, 'create' as const, 'create' as const), job: fc.integer({ min: 0, max: 3 }), body: body as unknown as fc.Arbitrary<LabeledData> }),
  fc.record({ op: fc.constantFrom('update' as const, 'delete' as const), job: fc.integer({ min: 0, max: 3 }), picks: fc.array(fc.nat(), { maxLength: 3 }), body: body as unknown as fc.Arbitrary<LabeledData> }),
  fc.record({ op: fc.constant('deleteAll' as const), job: fc.integer({ min: 0, max: 3 }) }),
);

/** Update / delete bodies: stored objects picked by index (so their ids exist), plus the generated ones with made-up ids. */
function idBody(store: AnnotationStore, picks: number[], generated: LabeledData, op: 'update' | 'delete'): LabeledData {
  const current = store.get();
  const pick = <T>(list: T[]) => picks.filter(() => list.length > 0).map((index) => list[index % list.length]!);
  const withId = <T extends object>(list: T[], first: number) => list.map((object, index) => ({ ...object, id: first + index }));
  const shapes = [...pick(current.shapes), ...(op === 'update' ? withId(generated.shapes, 900) : [])];
  return { version: 0, tags: [...pick(current.tags)], shapes: op === 'delete' ? shapes.map((shape) => ({ ...shape, elements: shape.elements.map((element) => ({ ...element })) })) : shapes, tracks: [...pick(current.tracks), ...(op === 'update' ? withId(generated.tracks, 900) : [])] } as LabeledData;
}

function applyStep(store: AnnotationStore, value: Step): void {
  const job = value.job;
  if (value.op === 'deleteAll') return job === 0 ? store.deleteAll() : store.deleteJob(job);
  if (value.op === 'put') {
    if (job === 0) store.put(value.body);
    else store.putJob(job, value.body);
    return;
  }
  const request = value.op === 'create' ? value.body : idBody(store, 'picks' in value ? value.picks : [], value.body, value.op);
  if (job === 0) store.patch(value.op, request);
  else store.patchJob(job, value.op, request);
}

/** Every stored top-level object by kind and id, as JSON, to compare states. */
function rows(store: AnnotationStore): Map<string, string> {
  const state = store.exportState();
  const result = new Map<string, string>();
  for (const [kind, list] of [['tag', state.tags], ['shape', state.shapes], ['track', state.tracks]] as const) for (const object of list) result.set(`${kind}:${object.id}`, JSON.stringify(object));
  return result;
}

/** Applies a change set to rows as a database would. */
function applyChanges(before: Map<string, string>, changes: AnnotationChanges): Map<string, string> {
  const after = changes.cleared ? new Map<string, string>() : new Map(before);
  const kinds = [['tag', 'tags'], ['shape', 'shapes'], ['track', 'tracks']] as const;
  for (const [kind, key] of kinds) {
    for (const id of changes.deletes[key]) after.delete(`${kind}:${id}`);
    for (const object of changes.upserts[key] as Array<Tag | Shape | Track>) after.set(`${kind}:${object.id}`, JSON.stringify(object));
  }
  return after;
}

describe('AnnotationStore journal', () => {
  it('kept GET JSON always equals a fresh serialisation; change sets replay to the new state; failures change nothing', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 12 }), (steps) => {
        const store = newStore();
        for (const value of steps) {
          // Read first so the kept answers are warm and must be invalidated by the write.
          store.getJson();
          store.getJsonBytes();
          for (const job of store.jobs) store.getJobJson(job.id);
          const beforeRows = rows(store);
          const beforeSnapshot = store.snapshot();
          const beforeSequences = store.exportState().sequences;
          const beforeVersion = store.version;
          let changes: AnnotationChanges | undefined;
          let failed = false;
          try {
            store.atomic(
              () => applyStep(store, value),
              (changeSet) => {
                changes = changeSet;
              },
            );
          } catch (error) {
            if (!(error instanceof AnnotationRequestError)) throw error;
            failed = true;
          }
          if (failed) {
            expect(store.snapshot()).toEqual(beforeSnapshot);
            expect(store.exportState().sequences).toEqual(beforeSequences);
            expect(store.version).toBe(beforeVersion);
          } else {
            expect(applyChanges(beforeRows, changes!)).toEqual(rows(store));
            expect(changes!.sequences).toEqual(store.exportState().sequences);
          }
          const sequences = store.exportState().sequences;
          for (const kind of ['tag', 'shape', 'track', 'trackedShape'] as const) expect(sequences[kind]).toBeGreaterThanOrEqual(beforeSequences[kind]);
          expect(store.getJson()).toBe(JSON.stringify(readAnnotations(store.snapshot(), labels)));
          expect(store.getJson()).toBe(JSON.stringify(store.get()));
          expect(new TextDecoder().decode(store.getJsonBytes())).toBe(store.getJson());
          for (const job of store.jobs) expect(store.getJobJson(job.id)).toBe(JSON.stringify(store.getJob(job.id)));
        }
        const copy = newStore();
        copy.restoreState(store.exportState());
        expect(copy.getJson()).toBe(store.getJson());
        expect(copy.exportState().sequences).toEqual(store.exportState().sequences);
      }),
      { numRuns: 150 },
    );
  });

  it('DELETE keeps the id sequences: ids are never handed out twice', () => {
    const store = newStore();
    const rect = { type: 'rectangle', frame: 0, label_id: CAR, points: [1, 2, 3, 4] };
    expect(store.put({ shapes: [rect, rect] }).shapes.map((shape) => shape.id)).toEqual([1, 2]);
    store.deleteAll();
    expect(store.patch('create', { shapes: [rect] }).shapes[0]!.id).toBe(3);
  });

  it('a write whose persist step throws is undone, and atomic writes do not nest', () => {
    const store = newStore();
    const rect = { type: 'rectangle', frame: 0, label_id: CAR, points: [1, 2, 3, 4] };
    store.put({ shapes: [rect] });
    const json = store.getJson();
    expect(() =>
      store.atomic(
        () => store.patch('create', { shapes: [rect] }),
        () => {
          throw new Error('disk full');
        },
      ),
    ).toThrow('disk full');
    expect(store.getJson()).toBe(json);
    expect(store.patch('create', { shapes: [rect] }).shapes[0]!.id).toBe(2);
    expect(() => store.atomic(() => store.atomic(() => undefined))).toThrow('do not nest');
  });

  it('a one-shape update reports just that shape', () => {
    const store = newStore();
    const rect = (x: number) => ({ type: 'rectangle', frame: 0, label_id: CAR, points: [x, 2, x + 3, 4] });
    store.put({ shapes: [rect(1), rect(2), rect(3)] });
    let changes: AnnotationChanges | undefined;
    store.atomic(
      () => store.patch('update', { shapes: [{ ...rect(9), id: 2 }] }),
      (changeSet) => {
        changes = changeSet;
      },
    );
    expect(changes!.cleared).toBe(false);
    expect(changes!.upserts.shapes.map((shape) => [shape.id, shape.points])).toEqual([[2, [9, 2, 12, 4]]]);
    expect(changes!.deletes).toEqual({ tags: [], shapes: [], tracks: [] });
    expect(changes!.sequences).toEqual({ tag: 1, shape: 4, track: 1, trackedShape: 1 });
  });

  it('kept GET bytes stay exact across blocks of many ids (updates, deletes, creates, a job DELETE)', () => {
    const store = newStore();
    const decode = () => new TextDecoder().decode(store.getJsonBytes());
    const rect = (index: number) => ({ type: 'rectangle', frame: index % 3, label_id: CAR, points: [index % 40, 1, (index % 40) + 2, 3] });
    store.put({ shapes: Array.from({ length: 3000 }, (_, index) => rect(index)), tags: Array.from({ length: 1500 }, (_, index) => ({ frame: index % 4, label_id: WEATHER })) });
    expect(decode()).toBe(JSON.stringify(store.get()));
    store.patch('update', { shapes: [{ ...rect(7), id: 1500, frame: 2 }, { ...rect(8), id: 2047 }] });
    expect(decode()).toBe(JSON.stringify(store.get()));
    const [first, second] = store.get().shapes;
    store.patch('delete', { shapes: [first!, second!] });
    store.patch('create', { shapes: [rect(1), rect(2)] });
    expect(decode()).toBe(JSON.stringify(store.get()));
    store.deleteJob(1);
    expect(decode()).toBe(JSON.stringify(store.get()));
    store.deleteAll();
    expect(decode()).toBe(JSON.stringify(store.get()));
  });
});
