// The request bodies of CVAT's annotation API documentation, and the rules CVAT-MODEL.md §2.2–2.3 states,
// run against the in-memory store.
import { describe, expect, it } from 'vitest';
import { AnnotationStore } from './annotation-store.js';
import { AnnotationRequestError } from './annotation-request-error.js';
import { CAR, COLOR_SPEC, HAND, HEAD, MOVING_SPEC, PERSON, POSE_SPEC, SUNNY_SPEC, WEATHER, testLabels } from './test-labels.js';

function newStore(size = 10): AnnotationStore {
  return new AnnotationStore({ labels: testLabels(), size });
}

function requestError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AnnotationRequestError);
    expect((error as AnnotationRequestError).code).toBe('invalid-request');
    return (error as AnnotationRequestError).body;
  }
  throw new Error('expected an AnnotationRequestError');
}

const rectangle = { type: 'rectangle', frame: 0, label_id: CAR, group: 0, source: 'manual', attributes: [], points: [100, 100, 200, 200], occluded: false };

// "Annotation Format" of the documentation.
const documentedBody = {
  version: 0,
  tags: [{ frame: 0, label_id: WEATHER, group: 0, source: 'manual', attributes: [] }],
  shapes: [rectangle],
  tracks: [
    {
      label_id: CAR,
      frame: 0,
      group: 0,
      source: 'manual',
      attributes: [],
      shapes: [{ type: 'rectangle', frame: 0, points: [100, 100, 200, 200], occluded: false, outside: false, attributes: [] }],
    },
  ],
};

describe('documented requests', () => {
  it('GET of an empty task answers the empty envelope', () => {
    expect(newStore().get()).toEqual({ version: 0, tags: [], shapes: [], tracks: [], intervals: [] });
  });

  it('PUT of the documented body creates every object with ids and GET answers it normalised', () => {
    const store = newStore();
    const created = store.put(documentedBody);
    expect(created.tags[0]!.id).toBe(1);
    expect(created.shapes[0]!.id).toBe(1);
    expect(created.tracks[0]!.id).toBe(1);
    expect(created.tracks[0]!.shapes[0]!.id).toBe(1);
    const read = store.get();
    expect(JSON.stringify(read.shapes[0])).toBe(
      JSON.stringify({
        id: 1, label_id: CAR, type: 'rectangle', frame: 0, group: 0, source: 'manual', score: 1, occluded: false, outside: false, z_order: 0, rotation: 0,
        points: [100, 100, 200, 200],
        attributes: [{ spec_id: COLOR_SPEC, value: 'red' }, { spec_id: MOVING_SPEC, value: 'false' }],
        elements: [],
      }),
    );
    expect(Object.keys(read.tags[0]!)).toEqual(['id', 'label_id', 'frame', 'group', 'source', 'attributes']);
    expect(read.tags[0]!.attributes).toEqual([{ spec_id: SUNNY_SPEC, value: 'true' }]);
    expect(Object.keys(read.tracks[0]!)).toEqual(['id', 'label_id', 'frame', 'group', 'source', 'shapes', 'attributes', 'elements']);
    expect(Object.keys(read.tracks[0]!.shapes[0]!)).toEqual(['id', 'type', 'frame', 'occluded', 'outside', 'z_order', 'rotation', 'points', 'attributes']);
    // Tracks get the missing immutable attributes, keyframes the mutable ones.
    expect(read.tracks[0]!.attributes).toEqual([{ spec_id: COLOR_SPEC, value: 'red' }]);
    expect(read.tracks[0]!.shapes[0]!.attributes).toEqual([{ spec_id: MOVING_SPEC, value: 'false' }]);
  });

  it('PATCH create of the documented body adds the shape and answers it with its id', () => {
    const store = newStore();
    store.put(documentedBody);
    const created = store.patch('create', { shapes: [rectangle] });
    expect(created).toEqual({ version: 0, tags: [], shapes: [{ ...rectangle, id: 2, score: 1, outside: false, z_order: 0, rotation: 0, elements: [] }], tracks: [], intervals: [] });
    expect(store.get().shapes.map((shape) => shape.id)).toEqual([1, 2]);
  });

  it('PATCH update with the documented partial body is refused: CVAT needs whole objects', () => {
    const store = newStore();
    store.put(documentedBody);
    const before = store.get();
    const body = requestError(() => store.patch('update', { shapes: [{ id: 123, frame: 0, points: [150, 150, 250, 250], occluded: true }] }));
    expect(body).toEqual({ shapes: [{ label_id: ['This field is required.'], type: ['This field is required.'] }] });
    expect(store.get()).toEqual(before);
  });

  it('PATCH update with a whole object replaces it, keeps its id and resets omitted fields', () => {
    const store = newStore();
    store.put({ shapes: [{ ...rectangle, z_order: 3, rotation: 10, attributes: [{ spec_id: COLOR_SPEC, value: 'blue' }] }] });
    const updated = store.patch('update', { shapes: [{ id: 1, type: 'rectangle', frame: 0, label_id: CAR, points: [150, 150, 250, 250], occluded: true }] });
    expect(updated.shapes[0]!.id).toBe(1);
    const [shape] = store.get().shapes;
    expect(shape).toMatchObject({ id: 1, points: [150, 150, 250, 250], occluded: true, z_order: 0, rotation: 0 });
    expect(shape!.attributes).toEqual([{ spec_id: COLOR_SPEC, value: 'red' }, { spec_id: MOVING_SPEC, value: 'false' }]);
  });

  it('PATCH update without id creates', () => {
    const store = newStore();
    store.put({ shapes: [rectangle] });
    const answer = store.patch('update', { shapes: [rectangle] });
    expect(answer.shapes[0]!.id).toBe(2);
    expect(store.get().shapes).toHaveLength(2);
  });

  it('PATCH delete with the documented id-only body is refused: delete needs complete objects', () => {
    const store = newStore();
    store.put(documentedBody);
    const body = requestError(() => store.patch('delete', { shapes: [{ id: 123 }, { id: 124 }] }));
    const missing = { label_id: ['This field is required.'], type: ['This field is required.'], frame: ['This field is required.'] };
    expect(body).toEqual({ shapes: [missing, missing] });
  });

  it('PATCH delete removes by id, ignores unknown ids and echoes the request', () => {
    const store = newStore();
    store.put({ shapes: [rectangle, rectangle] });
    const echo = store.patch('delete', { shapes: [{ ...rectangle, id: 1 }, { ...rectangle, id: 99 }] });
    expect(echo.shapes.map((shape) => shape.id)).toEqual([1, 99]);
    expect(echo.shapes[1]).toMatchObject({ score: 1, z_order: 0, elements: [] });
    expect(store.get().shapes.map((shape) => shape.id)).toEqual([2]);
  });

  it('DELETE removes everything', () => {
    const store = newStore();
    store.put(documentedBody);
    store.deleteAll();
    expect(store.get()).toEqual({ version: 0, tags: [], shapes: [], tracks: [], intervals: [] });
  });

  it('the documented three-keyframe track is created with a tracked-shape id per keyframe', () => {
    const store = newStore();
    const keyframe = (frame: number, offset: number) => ({ type: 'rectangle', frame, points: [100 + offset, 100 + offset, 200 + offset, 200 + offset], occluded: false, outside: false, attributes: [] });
    const answer = store.patch('create', { tracks: [{ label_id: CAR, frame: 0, group: 0, source: 'manual', attributes: [], shapes: [keyframe(0, 0), keyframe(1, 5), keyframe(2, 10)] }] });
    expect(answer.tracks[0]!.shapes.map((shape) => shape.id)).toEqual([1, 2, 3]);
  });

  it('the documented batch of ten auto rectangles is created in order', () => {
    const store = newStore();
    const shapes = Array.from({ length: 10 }, (_, frame) => ({ type: 'rectangle', frame, label_id: CAR, group: 0, source: 'auto', occluded: false, points: [100 + frame * 10, 100, 200 + frame * 10, 200], attributes: [] }));
    const answer = store.patch('create', { shapes, tracks: [], tags: [] });
    expect(answer.shapes.map((shape) => shape.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(store.get().shapes.map((shape) => shape.source)).toEqual(Array(10).fill('auto'));
  });
});

describe('validation (CVAT-MODEL §2.2)', () => {
  it('ids must be absent on PUT and create', () => {
    const store = newStore();
    expect(requestError(() => store.put({ shapes: [{ ...rectangle, id: 5 }] }))).toEqual({ shapes: [{ id: ['must be absent'] }] });
    expect(requestError(() => store.patch('create', { tags: [{ id: 1, frame: 0, label_id: WEATHER }] }))).toEqual({ tags: [{ id: ['must be absent'] }] });
  });

  it('ids must be present on delete, also on elements', () => {
    const store = newStore();
    expect(requestError(() => store.patch('delete', { tags: [{ frame: 0, label_id: WEATHER }] }))).toEqual({ tags: [{ id: ['must be present and not null'] }] });
    const skeleton = { id: 1, type: 'skeleton', frame: 0, label_id: PERSON, elements: [{ type: 'points', frame: 0, label_id: HEAD, points: [1, 2] }] };
    expect(requestError(() => store.patch('delete', { shapes: [skeleton] }))).toEqual({ shapes: [{ elements: [{ id: ['must be present and not null'] }] }] });
  });

  it('tracked shape ids are not subject to the action rule', () => {
    const store = newStore();
    const answer = store.patch('create', { tracks: [{ label_id: CAR, frame: 0, shapes: [{ id: 40, type: 'points', frame: 0, points: [1, 1] }] }] });
    expect(answer.tracks[0]!.shapes[0]!.id).toBe(40);
  });

  it('lists the point-count problem at the shape it belongs to, with {} for valid items', () => {
    const store = newStore();
    const bad = { ...rectangle, points: [1, 2, 3] };
    expect(requestError(() => store.put({ shapes: [rectangle, rectangle, rectangle, bad] }))).toEqual({
      shapes: [{}, {}, {}, { points: ["invalid length for shape type 'rectangle'"] }],
    });
  });

  it('rejects non-numeric points item by item and checks skeleton elements', () => {
    const store = newStore();
    expect(requestError(() => store.put({ shapes: [{ ...rectangle, points: [1, true, '3', 4] }] }))).toEqual({
      shapes: [{ points: { 1: ['Value must be a float or an integer'], 2: ['Value must be a float or an integer'] } }],
    });
    expect(requestError(() => store.put({ shapes: [{ type: 'skeleton', frame: 0, label_id: PERSON }] }))).toEqual({ shapes: [{ elements: ['at least one required for skeleton shape'] }] });
    expect(requestError(() => store.put({ shapes: [{ ...rectangle, elements: [{ type: 'points', frame: 0, label_id: HEAD, points: [1, 2] }] }] }))).toEqual({
      shapes: [{ elements: ['not allowed for non-skeleton shape'] }],
    });
  });

  it('rejects an invalid source unless the object has an id', () => {
    const store = newStore();
    expect(requestError(() => store.put({ shapes: [{ ...rectangle, source: 'robot' }] }))).toEqual({
      shapes: [{ source: ["must be one of 'auto', 'semi-auto', 'manual', 'file', 'consensus', got 'robot'"] }],
    });
    store.put({ shapes: [rectangle] });
    store.patch('update', { shapes: [{ ...rectangle, id: 1, source: 'robot' }] });
    expect(store.get().shapes[0]!.source).toBe('manual');
  });

  it('checks ranges with DRF words', () => {
    const store = newStore();
    expect(requestError(() => store.put({ shapes: [{ ...rectangle, rotation: 361, frame: -1, score: 2 }] }))).toEqual({
      shapes: [{ rotation: ['Ensure this value is less than or equal to 360.'], frame: ['Ensure this value is greater than or equal to 0.'], score: ['Ensure this value is less than or equal to 1.'] }],
    });
    expect(requestError(() => store.put({ tags: {} }))).toEqual({ tags: ['Expected a list of items but got type "dict".'] });
    expect(requestError(() => store.put([]))).toEqual({ non_field_errors: ['Invalid data. Expected a dictionary, but got list.'] });
  });

  it('stringifies attribute values as Python does and does not check them against the spec', () => {
    const store = newStore();
    store.put({ shapes: [{ ...rectangle, attributes: [{ spec_id: COLOR_SPEC, value: true }, { spec_id: MOVING_SPEC, value: 1.5 }] }] });
    expect(store.get().shapes[0]!.attributes).toEqual([{ spec_id: COLOR_SPEC, value: 'True' }, { spec_id: MOVING_SPEC, value: '1.5' }]);
  });

  it('checks label ids, sub-labels included', () => {
    const store = newStore();
    expect(requestError(() => store.put({ shapes: [{ ...rectangle, label_id: 9 }] }))).toEqual(['label_id `9` is invalid']);
    store.put({ shapes: [{ type: 'points', frame: 0, label_id: HAND, points: [1, 2] }] });
    expect(store.get().shapes).toHaveLength(1);
  });

  it('checks spec ids by kind: tracks immutable, keyframes mutable, shapes any of their label', () => {
    const store = newStore();
    const track = (attributes: unknown[], shapeAttributes: unknown[]) => ({ label_id: CAR, frame: 0, attributes, shapes: [{ type: 'rectangle', frame: 0, points: [0, 0, 1, 1], attributes: shapeAttributes }] });
    expect(requestError(() => store.put({ tracks: [track([{ spec_id: MOVING_SPEC, value: 'true' }], [])] }))).toEqual([`spec_id \`${MOVING_SPEC}\` is invalid`]);
    expect(requestError(() => store.put({ tracks: [track([], [{ spec_id: COLOR_SPEC, value: 'red' }])] }))).toEqual([`spec_id \`${COLOR_SPEC}\` is invalid`]);
    expect(requestError(() => store.put({ shapes: [{ ...rectangle, attributes: [{ spec_id: POSE_SPEC, value: 'x' }] }] }))).toEqual([`spec_id \`${POSE_SPEC}\` is invalid`]);
    store.put({ tracks: [track([{ spec_id: COLOR_SPEC, value: 'blue' }], [{ spec_id: MOVING_SPEC, value: 'true' }])], shapes: [{ ...rectangle, attributes: [{ spec_id: MOVING_SPEC, value: 'true' }] }] });
    expect(store.get().tracks[0]!.attributes).toEqual([{ spec_id: COLOR_SPEC, value: 'blue' }]);
  });

  it('refuses an unknown PATCH action', () => {
    expect(requestError(() => newStore().patch('upsert', {}))).toEqual(["Please specify a correct 'action' for the request"]);
  });

  it('a request with any error changes nothing, not even the id sequences', () => {
    const store = newStore();
    store.put({ shapes: [rectangle] });
    const before = store.snapshot();
    requestError(() => store.patch('create', { tags: [{ frame: 0, label_id: WEATHER }], shapes: [rectangle], tracks: [{ label_id: 77, frame: 0, shapes: [{ type: 'points', frame: 0, points: [1, 1] }] }] }));
    expect(store.snapshot()).toEqual(before);
    expect(store.patch('create', { shapes: [rectangle] }).shapes[0]!.id).toBe(2);
  });
});

describe('ids (CVAT-MODEL §2.3)', () => {
  it('come from separate sequences, top-level objects before elements, tracks before their keyframes', () => {
    const store = newStore();
    const point = (label: number) => ({ type: 'points', frame: 0, label_id: label, points: [1, 2] });
    const skeleton = { type: 'skeleton', frame: 0, label_id: PERSON, elements: [point(HEAD), point(HAND)] };
    const elementTrack = (label: number) => ({ label_id: label, frame: 0, shapes: [{ type: 'points', frame: 0, points: [1, 2] }] });
    const skeletonTrack = { label_id: PERSON, frame: 0, shapes: [{ type: 'skeleton', frame: 0 }], elements: [elementTrack(HEAD), elementTrack(HAND)] };
    const answer = store.put({ tags: [{ frame: 0, label_id: WEATHER }], shapes: [skeleton, skeleton, rectangle], tracks: [skeletonTrack, skeletonTrack] });
    expect(answer.tags[0]!.id).toBe(1);
    expect(answer.shapes.map((shape) => [shape.id, shape.elements.map((element) => element.id)])).toEqual([
      [1, [4, 5]],
      [2, [6, 7]],
      [3, []],
    ]);
    expect(answer.tracks.map((track) => [track.id, track.shapes[0]!.id, track.elements.map((element) => [element.id, element.shapes[0]!.id])])).toEqual([
      [1, 1, [[3, 3], [4, 4]]],
      [2, 2, [[5, 5], [6, 6]]],
    ]);
  });

  it('sequences do not go back after a PUT', () => {
    const store = newStore();
    store.put({ shapes: [rectangle] });
    expect(store.put({ shapes: [rectangle] }).shapes[0]!.id).toBe(2);
  });

  it('an explicit id already taken is a database error', () => {
    const store = newStore();
    store.put({ shapes: [rectangle, rectangle] });
    const body = requestError(() => store.patch('update', { shapes: [{ ...rectangle, id: 1, elements: [] }, { ...rectangle, id: 1 }] }));
    expect(body).toContain('duplicate key value violates unique constraint');
  });
});

describe('tracks (CVAT-MODEL §2.3 frame normalisation)', () => {
  // A task write is first sliced to the task's frames, which sets every track's frame to its first keyframe;
  // the rules below show on writes that are stored as given (a store without a frame bound, or a job).
  const unbounded = () => new AnnotationStore({ labels: testLabels() });

  it('task writes take the track frame from the first keyframe (slicing)', () => {
    const answer = newStore().put({ tracks: [{ label_id: CAR, frame: 1, shapes: [{ type: 'rectangle', frame: 3, points: [0, 0, 2, 2] }] }] });
    expect(answer.tracks[0]!.frame).toBe(3);
    expect(answer.tracks[0]!.shapes).toHaveLength(1);
  });

  it('adds an outside copy of the first keyframe at the track frame, appended last and without its id', () => {
    const store = unbounded();
    const answer = store.put({ tracks: [{ label_id: CAR, frame: 1, shapes: [{ type: 'rectangle', frame: 3, points: [0, 0, 2, 2] }, { type: 'rectangle', frame: 5, points: [1, 1, 3, 3] }] }] });
    expect(answer.tracks[0]!.shapes.map((shape) => [shape.id, shape.frame, shape.outside])).toEqual([
      [1, 3, false],
      [2, 5, false],
      [3, 1, true],
    ]);
    expect(store.get().tracks[0]!.shapes.map((shape) => shape.frame)).toEqual([1, 3, 5]);
  });

  it('moves a skeleton keyframe to the track frame, and the track frame back to an earlier keyframe', () => {
    const store = unbounded();
    const element = { label_id: HEAD, frame: 2, shapes: [{ type: 'points', frame: 2, points: [1, 1] }] };
    const answer = store.put({
      tracks: [
        { label_id: PERSON, frame: 1, shapes: [{ type: 'skeleton', frame: 2 }], elements: [element] },
        { label_id: CAR, frame: 4, shapes: [{ type: 'rectangle', frame: 2, points: [0, 0, 2, 2] }] },
      ],
    });
    const [skeleton, box] = answer.tracks;
    expect(skeleton!.shapes[0]!.frame).toBe(1);
    // The element started after its parent: moved back to frame 1, with an outside copy there.
    expect(skeleton!.elements[0]!.frame).toBe(1);
    expect(skeleton!.elements[0]!.shapes.map((shape) => [shape.frame, shape.outside])).toEqual([
      [2, false],
      [1, true],
    ]);
    expect(box!.frame).toBe(2);
  });

  it('moves the parent back when an element starts earlier', () => {
    const store = unbounded();
    const answer = store.put({
      tracks: [{ label_id: PERSON, frame: 3, shapes: [{ type: 'skeleton', frame: 3 }], elements: [{ label_id: HEAD, frame: 1, shapes: [{ type: 'points', frame: 1, points: [1, 1] }] }, { label_id: HAND, frame: 3, shapes: [{ type: 'points', frame: 3, points: [2, 2] }] }] }],
    });
    const [track] = answer.tracks;
    expect([track!.frame, track!.shapes[0]!.frame]).toEqual([1, 1]);
    expect(track!.elements[1]!.shapes.map((shape) => [shape.frame, shape.outside])).toEqual([
      [3, false],
      [1, true],
    ]);
  });

  it('drops empty tracks and empty element tracks', () => {
    const store = newStore();
    const answer = store.put({ tracks: [{ label_id: CAR, frame: 0, shapes: [] }, { label_id: 99, frame: 0, shapes: [] }] });
    expect(answer.tracks).toEqual([]);
    expect(store.get().tracks).toEqual([]);
  });

  it('carries mutable attribute values forward from keyframe to keyframe on GET', () => {
    const store = newStore();
    store.put({
      tracks: [{ label_id: CAR, frame: 0, shapes: [
        { type: 'rectangle', frame: 4, points: [0, 0, 1, 1] },
        { type: 'rectangle', frame: 0, points: [0, 0, 1, 1], attributes: [{ spec_id: MOVING_SPEC, value: 'true' }] },
      ] }],
    });
    const shapes = store.get().tracks[0]!.shapes;
    expect(shapes.map((shape) => [shape.frame, shape.attributes])).toEqual([
      [0, [{ spec_id: MOVING_SPEC, value: 'true' }]],
      [4, [{ spec_id: MOVING_SPEC, value: 'true' }]],
    ]);
  });

  it('deleting a track removes its elements and keyframes; deleting an element id removes that element', () => {
    const store = newStore();
    const elementTrack = (label: number) => ({ label_id: label, frame: 0, shapes: [{ type: 'points', frame: 0, points: [1, 2] }] });
    const [track] = store.put({ tracks: [{ label_id: PERSON, frame: 0, shapes: [{ type: 'skeleton', frame: 0 }], elements: [elementTrack(HEAD), elementTrack(HAND)] }] }).tracks;
    const head = track!.elements[0]!;
    store.patch('delete', { tracks: [{ ...head, elements: undefined }] });
    expect(store.get().tracks[0]!.elements.map((element) => element.label_id)).toEqual([HAND]);
    store.patch('delete', { tracks: [{ ...track, elements: [] }] });
    expect(store.get().tracks).toEqual([]);
  });
});

describe('read-side normalisation (CVAT-MODEL §1.8)', () => {
  it('orders tags and shapes by frame, tracks by id, and empties skeleton points', () => {
    const store = newStore();
    store.put({ tags: [{ frame: 3, label_id: WEATHER }, { frame: 1, label_id: WEATHER }], shapes: [{ ...rectangle, frame: 5 }, { ...rectangle, frame: 2 }] });
    const read = store.get();
    expect(read.tags.map((tag) => [tag.id, tag.frame])).toEqual([[2, 1], [1, 3]]);
    expect(read.shapes.map((shape) => [shape.id, shape.frame])).toEqual([[2, 2], [1, 5]]);
  });

  it('PUT of a GET result (ids stripped) gives the same GET', () => {
    const store = newStore();
    store.put(documentedBody);
    const first = store.get();
    const strip = (value: unknown): unknown => (Array.isArray(value) ? value.map(strip) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'id').map(([key, item]) => [key, strip(item)])) : value);
    store.put(strip(first));
    expect(strip(store.get())).toEqual(strip(first));
  });
});
