import { describe, expect, it } from 'vitest';
import { parseLabelMap, writeLabelMap } from './label-map.js';

describe('label_map.pbtxt', () => {
  it('round-trips names in order', () => {
    expect(parseLabelMap(writeLabelMap(['cat', 'dog']))).toEqual([{ id: 1, name: 'cat' }, { id: 2, name: 'dog' }]);
  });
  it('reads Roboflow-style maps: fields in any order, double quotes, display_name ignored', () => {
    const text = 'item {\n  name: "b"\n  id: 2\n  display_name: "B"\n}\nitem { id: 1 name: \'a\' }';
    expect(parseLabelMap(text)).toEqual([{ id: 1, name: 'a' }, { id: 2, name: 'b' }]);
  });
});
