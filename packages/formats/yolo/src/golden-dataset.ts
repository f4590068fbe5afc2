// The canonical dataset behind the golden files: every shape kind a YOLO flavour keeps, converts or drops.
import type { Dataset } from '@annoconv/core';
import { bitmapToCvatMask } from '@annoconv/geometry';
import { shape } from '@annoconv/testing';
import { element } from './test-helpers.js';

/** A 6×4 pixel block at x 20..25, y 30..33 of a 40×40 image, as a CVAT mask. */
function blockMask(): number[] {
  const bitmap = new Uint8Array(40 * 40);
  for (let y = 30; y < 34; y++) for (let x = 20; x < 26; x++) bitmap[y * 40 + x] = 1;
  return bitmapToCvatMask(bitmap, 40, 40);
}

/** Labels car, person (skeleton: nose, eye), dog — the order in which CVAT's YOLO 1.1 ids and obj.names disagree. */
export function goldenDataset(): Dataset {
  return {
    labels: [
      { id: 1, name: 'car', color: '', type: 'rectangle', attributes: [{ id: 1, name: 'model', mutable: false, input_type: 'text', default_value: '', values: [] }], sublabels: [] },
      {
        id: 2,
        name: 'person',
        color: '',
        type: 'skeleton',
        attributes: [],
        sublabels: [
          { id: 3, name: 'nose', color: '', type: 'points', attributes: [], parent_id: 2 },
          { id: 4, name: 'eye', color: '', type: 'points', attributes: [], parent_id: 2 },
        ],
      },
      { id: 5, name: 'dog', color: '', type: 'any', attributes: [], sublabels: [] },
    ],
    frames: [
      { index: 0, name: 'a.jpg', width: 100, height: 50, subset: '' },
      { index: 1, name: 'sub/b.png', width: 40, height: 40, subset: 'val' },
      { index: 2, name: 'c.jpg', width: 20, height: 10, subset: 'default' },
    ],
    meta: { name: 'golden', mode: 'annotation', startFrame: 0, frameStep: 1, deletedFrames: [], segmentSize: 0 },
    annotations: {
      version: 0,
      tags: [
        { id: 1, label_id: 1, frame: 0, group: 0, source: 'manual', attributes: [] },
        { id: 2, label_id: 5, frame: 1, group: 0, source: 'manual', attributes: [] },
      ],
      shapes: [
        shape({ id: 10, type: 'rectangle', label_id: 1, frame: 0, points: [10, 5, 30, 25], occluded: true, attributes: [{ spec_id: 1, value: 'sedan' }] }),
        shape({ id: 11, type: 'rectangle', label_id: 5, frame: 0, points: [40, 10, 60, 20], rotation: 30 }),
        shape({ id: 12, type: 'polygon', label_id: 5, frame: 0, points: [1, 1, 9, 1, 5, 7.5], group: 1 }),
        shape({
          id: 13,
          type: 'skeleton',
          label_id: 2,
          frame: 0,
          elements: [element({ label_id: 3, frame: 0, points: [50, 20] }), element({ label_id: 4, frame: 0, points: [55, 18], occluded: true })],
        }),
        shape({ id: 14, type: 'polyline', label_id: 1, frame: 1, points: [0, 0, 10, 10] }),
        shape({ id: 15, type: 'rectangle', label_id: 5, frame: 1, points: [-2, 4, 10, 44] }),
        shape({ id: 17, type: 'mask', label_id: 5, frame: 1, points: blockMask() }),
        shape({ id: 18, type: 'ellipse', label_id: 1, frame: 1, points: [20, 10, 26, 6] }),
        shape({
          id: 16,
          type: 'skeleton',
          label_id: 2,
          frame: 1,
          elements: [element({ label_id: 3, frame: 1, points: [4, 4], outside: true }), element({ label_id: 4, frame: 1, points: [8, 12] })],
        }),
      ],
      tracks: [],
    },
  };
}

