// Jobs as frame-range views of one task store: CVAT's segment split (§2.7), slicing (§2.9), and job-level
// writes that leave every other frame as it was.
import { interpolateTrack } from '@annoconv/geometry';
import { describe, expect, it } from 'vitest';
import type { Track } from '../model/annotations.js';
import { AnnotationStore } from './annotation-store.js';
import { AnnotationRequestError } from './annotation-request-error.js';
import { splitIntoSegments } from './segments.js';
import { isTrackInside, sliceTrack } from './slice-annotations.js';
import { CAR, HEAD, MOVING_SPEC, PERSON, testLabels } from './test-labels.js';

describe('splitIntoSegments', () => {
  it('keeps the whole task in one segment when the segment size is 0 or too big', () => {
    expect(splitIntoSegments({ size: 10, segmentSize: 0, mode: 'annotation' })).toEqual([{ start: 0, stop: 9 }]);
    expect(splitIntoSegments({ size: 10, segmentSize: 50, mode: 'interpolation' })).toEqual([{ start: 0, stop: 9 }]);
  });

  it('uses no overlap for annotation tasks and 5 for interpolation tasks by default', () => {
    expect(splitIntoSegments({ size: 10, segmentSize: 4, mode: 'annotation' })).toEqual([
      { start: 0, stop: 3 },
      { start: 4, stop: 7 },
      { start: 8, stop: 9 },
    ]);
    expect(splitIntoSegments({ size: 20, segmentSize: 10, mode: 'interpolation' })).toEqual([
      { start: 0, stop: 9 },
      { start: 5, stop: 14 },
      { start: 10, stop: 19 },
    ]);
  });

  it('caps an explicit overlap at half a segment', () => {
    expect(splitIntoSegments({ size: 10, segmentSize: 4, overlap: 3, mode: 'annotation' })).toEqual([
      { start: 0, stop: 3 },
      { start: 2, stop: 5 },
      { start: 4, stop: 7 },
      { start: 6, stop: 9 },
    ]);
  });
});

const box = (frame: number, x: number, extra: Record<string, unknown> = {}) => ({ id: frame + 100, type: 'rectangle' as const, frame, occluded: false, outside: false, z_order: 0, rotation: 0, points: [x, x, x + 10, x + 10], attributes: [], ...extra });

function track(shapes: ReturnType<typeof box>[]): Track {
  return { id: 1, label_id: CAR, frame: shapes[0]!.frame, group: 0, source: 'manual', attributes: [], shapes, elements: [] };
}

describe('slicing (CVAT-MODEL §2.9)', () => {
  it('adds boundary keyframes from the interpolation, carrying the left keyframe id', () => {
    const sliced = sliceTrack(track([box(0, 0), box(10, 10)]), 3, 6);
    expect(sliced.frame).toBe(3);
    expect(sliced.shapes.map((shape) => [shape.id, shape.frame, shape.points])).toEqual([
      [100, 3, [3, 3, 13, 13]],
      [100, 6, [6, 6, 16, 16]],
    ]);
  });

  it('keeps an outside keyframe that ends the track inside the range and drops leading outside ones', () => {
    const value = track([box(0, 0), box(4, 4, { outside: true }), box(8, 8)]);
    expect(sliceTrack(value, 2, 5).shapes.map((shape) => [shape.frame, shape.outside])).toEqual([
      [2, false],
      [4, true],
    ]);
    expect(sliceTrack(value, 4, 9).shapes.map((shape) => [shape.frame, shape.outside])).toEqual([[8, false]]);
  });

  it('decides whether a track is inside as CVAT walks keyframes', () => {
    const value = track([box(0, 0), box(4, 4, { outside: true }), box(8, 8)]);
    expect(isTrackInside(value, 5, 7)).toBe(false);
    expect(isTrackInside(value, 3, 3)).toBe(true);
    expect(isTrackInside(value, 4, 4)).toBe(false);
    expect(isTrackInside(value, 20, 30)).toBe(true);
  });
});

function jobStore(): AnnotationStore {
  return new AnnotationStore({ labels: testLabels(), size: 20, segmentSize: 10, mode: 'annotation' });
}

const rectangle = (frame: number) => ({ type: 'rectangle', frame, label_id: CAR, points: [frame, 0, frame + 5, 5] });

/** Per-frame states of every track on the given frames, to compare what a viewer sees. */
function statesOutside(store: AnnotationStore, start: number, stop: number) {
  const result: Record<string, unknown[]> = {};
  for (const value of store.get().tracks) {
    const states = interpolateTrack(value, { endFrame: 20 }).filter((state) => state.frame < start || state.frame > stop);
    result[String(value.id)] = states.map((state) => ({
      frame: state.frame,
      outside: state.outside,
      points: state.points.map((point) => Math.round(point * 1e6) / 1e6),
      attributes: [...state.attributes].sort((a, b) => a.spec_id - b.spec_id),
    }));
  }
  return result;
}

describe('jobs', () => {
  it('lists the task segments as jobs with 1-based ids', () => {
    expect(jobStore().jobs).toEqual([
      { id: 1, start: 0, stop: 9 },
      { id: 2, start: 10, stop: 19 },
    ]);
    expect(() => jobStore().getJob(3)).toThrow(/no job 3/);
  });

  it('a job GET is the slice of the task on its frames', () => {
    const store = jobStore();
    store.put({ shapes: [rectangle(2), rectangle(12)], tracks: [{ label_id: CAR, frame: 0, shapes: [box(0, 0), box(15, 15)].map(({ id, ...shape }) => shape) }] });
    const job = store.getJob(2);
    expect(job.shapes.map((shape) => shape.frame)).toEqual([12]);
    expect(job.tracks[0]!.shapes.map((shape) => [shape.frame, shape.points])).toEqual([
      [10, [10, 10, 20, 20]],
      [15, [15, 15, 25, 25]],
    ]);
  });

  it('a job PUT replaces that job only', () => {
    const store = jobStore();
    store.put({ shapes: [rectangle(2), rectangle(12)] });
    const answer = store.putJob(2, { shapes: [rectangle(15)] });
    expect(answer.shapes[0]!.id).toBe(3);
    expect(store.get().shapes.map((shape) => [shape.id, shape.frame])).toEqual([
      [1, 2],
      [3, 15],
    ]);
  });

  it('a job delete ignores ids of other jobs; a job update of another job\u2019s id is a database error', () => {
    const store = jobStore();
    store.put({ shapes: [rectangle(2), rectangle(12)] });
    store.patchJob(1, 'delete', { shapes: [{ ...rectangle(12), id: 2 }] });
    expect(store.get().shapes).toHaveLength(2);
    expect(() => store.patchJob(1, 'update', { shapes: [{ ...rectangle(5), id: 2 }] })).toThrow(AnnotationRequestError);
    store.patchJob(2, 'update', { shapes: [{ ...rectangle(13), id: 2 }] });
    expect(store.get().shapes.map((shape) => [shape.id, shape.frame])).toEqual([
      [1, 2],
      [2, 13],
    ]);
  });

  it('deleting a job cuts tracks that cross it and leaves every other frame as it was', () => {
    const store = jobStore();
    store.put({
      tracks: [
        { label_id: CAR, frame: 0, shapes: [box(0, 0, { attributes: [{ spec_id: MOVING_SPEC, value: 'true' }] }), box(4, 8), box(8, 16, { outside: true }), box(12, 40)].map(({ id, ...shape }) => shape) },
        { label_id: CAR, frame: 0, shapes: [box(2, 0), box(14, 24)].map(({ id, ...shape }) => shape) },
      ],
    });
    const before = statesOutside(store, 0, 9);
    store.deleteJob(1);
    expect(statesOutside(store, 0, 9)).toEqual(before);
    expect(store.getJob(1).tracks).toEqual([]);
  });

  it('a job PUT of a track keeps the rest of a crossing track and adds the new one', () => {
    const store = jobStore();
    store.put({ tracks: [{ label_id: CAR, frame: 0, shapes: [box(0, 0), box(19, 19)].map(({ id, ...shape }) => shape) }] });
    const before = statesOutside(store, 10, 19);
    store.putJob(2, { tracks: [{ label_id: CAR, frame: 10, shapes: [box(10, 50)].map(({ id, ...shape }) => shape) }] });
    const tracks = store.get().tracks;
    expect(tracks).toHaveLength(2);
    const old = statesOutside(store, 10, 19);
    expect(old['1']).toEqual(before['1']);
  });

  it('a job update of a crossing track replaces its part in the job, keeping its id', () => {
    const store = jobStore();
    store.put({ tracks: [{ label_id: CAR, frame: 0, shapes: [box(0, 0), box(19, 19)].map(({ id, ...shape }) => shape) }] });
    const before = statesOutside(store, 10, 19);
    const job = store.getJob(2);
    const moved = { ...job.tracks[0]!, shapes: job.tracks[0]!.shapes.map((shape) => ({ ...shape, points: shape.points.map((point) => point + 1) })) };
    store.patchJob(2, 'update', { tracks: [moved] });
    const tracks = store.get().tracks;
    expect(tracks.map((value) => value.id)).toEqual([1]);
    expect(statesOutside(store, 10, 19)).toEqual(before);
    expect(store.getJob(2).tracks[0]!.shapes[0]!.points).toEqual([11, 11, 21, 21]);
  });

  it('cuts skeleton element tracks along with their parent', () => {
    const store = jobStore();
    store.put({
      tracks: [{ label_id: PERSON, frame: 0, shapes: [{ type: 'skeleton', frame: 0 }], elements: [{ label_id: HEAD, frame: 0, shapes: [{ type: 'points', frame: 0, points: [1, 1] }, { type: 'points', frame: 18, points: [19, 1] }] }] }],
    });
    store.deleteJob(1);
    const [value] = store.get().tracks;
    expect(value!.frame).toBe(10);
    expect(value!.elements[0]!.shapes.map((shape) => [shape.frame, shape.points])).toEqual([
      [10, [11, 1]],
      [18, [19, 1]],
    ]);
  });
});

describe('tracks CVAT cannot interpolate', () => {
  it('a job write that would have to interpolate a two-keyframe mask track is refused, changing nothing', () => {
    const store = new AnnotationStore({ labels: testLabels(), size: 20, segmentSize: 10, mode: 'annotation' });
    const mask = (frame: number) => ({ type: 'mask', frame, points: [0, 1, 0, 0, 0, 0] });
    store.put({ tracks: [{ label_id: CAR, frame: 0, shapes: [mask(0), mask(15)] }] });
    const before = store.snapshot();
    expect(() => store.deleteJob(1)).toThrow(AnnotationRequestError);
    expect(() => store.getJob(2)).toThrow(/cannot be read/);
    expect(store.snapshot()).toEqual(before);
  });
});
