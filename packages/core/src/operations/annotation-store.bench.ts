// Speed of the store on a large task: PUT of 10 000 shapes and 1 000 tracks, GET, a job GET that slices, a
// one-shape update (journal, change set) and the GET bytes after it (one block serialised again).
import { bench, describe } from 'vitest';
import { AnnotationStore } from './annotation-store.js';
import { CAR, COLOR_SPEC, MOVING_SPEC, testLabels } from './test-labels.js';

const size = 1000;
const shapes = Array.from({ length: 10_000 }, (_, index) => ({
  type: 'rectangle',
  frame: index % size,
  label_id: CAR,
  points: [index % 97, index % 89, (index % 97) + 20, (index % 89) + 20],
  attributes: [{ spec_id: COLOR_SPEC, value: 'blue' }],
}));
const tracks = Array.from({ length: 1000 }, (_, index) => ({
  label_id: CAR,
  frame: index % (size - 20),
  shapes: [0, 5, 10, 20].map((offset) => ({ type: 'rectangle', frame: (index % (size - 20)) + offset, points: [offset, offset, offset + 10, offset + 10], attributes: [{ spec_id: MOVING_SPEC, value: String(offset % 2 === 0) }] })),
}));
const body = { shapes, tracks };

const loaded = new AnnotationStore({ labels: testLabels(), size, segmentSize: 100 });
loaded.put(body);

describe('AnnotationStore', () => {
  bench('PUT 10 000 shapes + 1 000 tracks', () => {
    new AnnotationStore({ labels: testLabels(), size }).put(body);
  });
  bench('GET of that task', () => {
    loaded.get();
  });
  bench('GET of one job (slices crossing tracks)', () => {
    loaded.getJob(5);
  });
  let x = 0;
  const update = () => ({ shapes: [{ id: 5, type: 'rectangle', frame: 5 % size, label_id: CAR, points: [x++ % 50, 0, 60, 60] }] });
  bench('PATCH update of one shape, with its change set', () => {
    loaded.atomic(() => loaded.patch('update', update()), () => undefined);
  });
  bench('PATCH update of one shape + GET bytes (kept blocks)', () => {
    loaded.patch('update', update());
    loaded.getJsonBytes();
  });
});
