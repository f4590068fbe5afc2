// Labels shared by the operations tests: a box label with one immutable and one mutable attribute, a skeleton
// with two points, and a tag label. Not exported from the package.
import type { Label } from '../model/labels.js';

export const CAR = 1;
export const PERSON = 2;
export const HEAD = 3;
export const HAND = 4;
export const WEATHER = 5;
export const COLOR_SPEC = 1; // immutable
export const MOVING_SPEC = 2; // mutable
export const POSE_SPEC = 3; // on the head sub-label
export const SUNNY_SPEC = 4;

export function testLabels(): Label[] {
  return [
    {
      id: CAR,
      name: 'car',
      color: '#ff0000',
      type: 'any',
      attributes: [
        { id: COLOR_SPEC, name: 'color', mutable: false, input_type: 'select', default_value: 'red', values: ['red', 'blue'] },
        { id: MOVING_SPEC, name: 'moving', mutable: true, input_type: 'checkbox', default_value: 'false', values: ['false'] },
      ],
      sublabels: [],
    },
    {
      id: PERSON,
      name: 'person',
      color: '',
      type: 'skeleton',
      attributes: [],
      svg: '',
      sublabels: [
        { id: HEAD, name: 'head', color: '', type: 'points', attributes: [{ id: POSE_SPEC, name: 'pose', mutable: true, input_type: 'text', default_value: 'up', values: [] }], parent_id: PERSON },
        { id: HAND, name: 'hand', color: '', type: 'points', attributes: [], parent_id: PERSON },
      ],
    },
    { id: WEATHER, name: 'weather', color: '', type: 'tag', attributes: [{ id: SUNNY_SPEC, name: 'sunny', mutable: false, input_type: 'checkbox', default_value: 'true', values: ['true'] }], sublabels: [] },
  ];
}
