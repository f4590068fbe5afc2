// Properties of the annotation store (@annoconv/core) over generated datasets: create then delete restores,
// PUT of a GET result is a no-op, a failing request changes nothing, a job write leaves other frames as they were.
import { AnnotationRequestError, AnnotationStore, type Dataset } from '@annoconv/core';
import { interpolateTrack } from '@annoconv/geometry';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { annotationsArbitrary, datasetArbitrary } from './model-arbitraries.js';

function withoutIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutIds);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'id').map(([key, item]) => [key, withoutIds(item)]));
  return value;
}

/** A dataset plus a second batch of annotations on the same labels and frames. */
const datasetAndBatch = datasetArbitrary().chain((dataset) => annotationsArbitrary(dataset.labels, dataset.frames).map((batch) => ({ dataset, batch })));

describe('AnnotationStore properties', () => {
  it('create then delete by the returned objects restores the store', () => {
    fc.assert(
      fc.property(datasetAndBatch, ({ dataset, batch }) => {
        const store = AnnotationStore.fromDataset(dataset);
        const before = store.get();
        const snapshot = store.snapshot();
        const created = store.patch('create', batch);
        store.patch('delete', created);
        expect(store.get()).toEqual(before);
        expect(store.snapshot()).toEqual(snapshot);
      }),
      { numRuns: 30 },
    );
  });

  it('PUT of a GET result (ids stripped, as clients do) gives the same GET', () => {
    fc.assert(
      fc.property(datasetArbitrary(), (dataset) => {
        const store = AnnotationStore.fromDataset(dataset);
        const first = store.get();
        store.put(withoutIds(first));
        expect(withoutIds(store.get())).toEqual(withoutIds(first));
      }),
      { numRuns: 40 },
    );
  });

  it('a request with any error leaves the store unchanged', () => {
    const broken = fc.constantFrom('label', 'spec', 'points', 'id');
    fc.assert(
      fc.property(datasetAndBatch, broken, fc.constantFrom('put', 'create', 'update'), ({ dataset, batch }, how, action) => {
        const store = AnnotationStore.fromDataset(dataset);
        const snapshot = store.snapshot();
        const body = structuredClone(batch) as Dataset['annotations'];
        const victim = body.shapes[0] ?? body.tags[0];
        const target = victim ?? (body.tags[0] = { id: null, label_id: dataset.labels[0]!.id, frame: 0, group: 0, source: 'manual', attributes: [] });
        // A tag has no points: break its label instead.
        if (how === 'label' || (how === 'points' && !('type' in target))) target.label_id = 10_000;
        if (how === 'spec') target.attributes.push({ spec_id: 10_000, value: 'x' });
        if (how === 'points') (target as { points?: number[] }).points = [1];
        if (how === 'id') target.id = action === 'update' ? null : 5;
        if (how === 'id' && action === 'update') target.label_id = 10_000;
        const request = () => (action === 'put' ? store.put(body) : store.patch(action, body));
        expect(request).toThrow(AnnotationRequestError);
        expect(store.snapshot()).toEqual(snapshot);
      }),
      { numRuns: 40 },
    );
  });

  it('a job write leaves the frames of other jobs as they were', () => {
    const options = { shapeTypes: ['rectangle', 'points', 'skeleton'] as const, trackShapeTypes: ['rectangle', 'points', 'skeleton'] as const, rotation: false, maxFrames: 8 };
    const scenario = datasetArbitrary({ ...options, shapeTypes: [...options.shapeTypes], trackShapeTypes: [...options.trackShapeTypes] }).chain((dataset) => {
      const size = dataset.frames.length;
      return fc.integer({ min: 1, max: size }).chain((segmentSize) => {
        const jobCount = Math.ceil(size / segmentSize);
        return fc.integer({ min: 1, max: jobCount }).chain((jobId) => {
          const start = (jobId - 1) * segmentSize;
          const stop = Math.min(start + segmentSize - 1, size - 1);
          const jobFrames = dataset.frames.filter((frame) => frame.index >= start && frame.index <= stop);
          return fc.record({
            dataset: fc.constant({ ...dataset, meta: { ...dataset.meta, mode: 'annotation' as const, segmentSize } }),
            jobId: fc.constant(jobId),
            write: fc.constantFrom('put', 'delete-all', 'delete-some', 'update-view'),
            body: annotationsArbitrary(dataset.labels, jobFrames, { ...options, shapeTypes: [...options.shapeTypes], trackShapeTypes: [...options.trackShapeTypes] }),
          });
        });
      });
    });
    fc.assert(
      fc.property(scenario, ({ dataset, jobId, write, body }) => {
        const store = AnnotationStore.fromDataset(dataset);
        const job = store.job(jobId);
        const before = outside(store, job.start, job.stop, dataset.frames.length);
        if (write === 'put') store.putJob(jobId, body);
        else if (write === 'delete-all') store.deleteJob(jobId);
        else if (write === 'update-view') {
          // A client moves everything it sees in the job by one pixel and sends whole objects back.
          const view = store.getJob(jobId);
          const move = (points: number[]) => points.map((point) => point + 1);
          store.patchJob(jobId, 'update', {
            shapes: view.shapes.map((shape) => ({ ...shape, points: move(shape.points), elements: shape.elements.map((element) => ({ ...element, points: move(element.points) })) })),
            tracks: view.tracks.map((track) => ({ ...track, shapes: track.shapes.map((shape) => ({ ...shape, points: move(shape.points) })), elements: track.elements.map((element) => ({ ...element, shapes: element.shapes.map((shape) => ({ ...shape, points: move(shape.points) })) })) })),
          });
        } else {
          const view = store.getJob(jobId);
          store.patchJob(jobId, 'delete', { ...view, tags: view.tags.filter((_, index) => index % 2 === 0), shapes: view.shapes.filter((_, index) => index % 2 === 1) });
        }
        const after = outside(store, job.start, job.stop, dataset.frames.length);
        // Objects that existed before keep every state they had outside the job.
        for (const [key, states] of before) expect(after.get(key) ?? []).toEqual(states);
      }),
      { numRuns: 60 },
    );
  });
});

/** Every object's per-frame state outside [start, stop], keyed by kind and id. */
function outside(store: AnnotationStore, start: number, stop: number, size: number): Map<string, unknown[]> {
  const result = new Map<string, unknown[]>();
  const away = (frame: number) => frame < start || frame > stop;
  const data = store.get();
  for (const tag of data.tags) if (away(tag.frame)) result.set(`tag ${tag.id}`, [tag]);
  for (const shape of data.shapes) if (away(shape.frame)) result.set(`shape ${shape.id}`, [shape]);
  const states = (track: { frame: number; shapes: Dataset['annotations']['tracks'][number]['shapes'] }) =>
    interpolateTrack(track, { endFrame: size })
      .filter((state) => away(state.frame))
      .map((state) => ({
        frame: state.frame,
        outside: state.outside,
        occluded: state.occluded,
        z_order: state.z_order,
        points: state.points.map((point) => Math.round(point * 1e6) / 1e6),
        attributes: [...state.attributes].sort((a, b) => a.spec_id - b.spec_id || a.value.localeCompare(b.value)),
      }));
  for (const track of data.tracks) {
    // A skeleton's own keyframes carry no geometry; what a viewer sees of it is its elements.
    if (track.elements.length === 0) result.set(`track ${track.id}`, states(track));
    for (const element of track.elements) result.set(`track ${track.id} element ${element.label_id}`, states(element));
  }
  return result;
}
