// GET's answer as JSON text assembled from the JSON of each object, so a store can keep that JSON per object
// between writes. Internal to the operations (not exported from the package): the store's `getJson` uses it.
import type { LabeledData } from '../model/annotations.js';
import type { LabelIndex } from './label-index.js';
import { readOrder, readShape, readTag, readTrack } from './read-objects.js';

/**
 * `JSON.stringify(readAnnotations(data, labels))`, assembled from the JSON of each object. `fragments` keeps
 * that JSON per object between calls: it is only valid for objects that are never mutated (the store's).
 */
export function readAnnotationsJson(data: LabeledData, labels: LabelIndex, fragments: WeakMap<object, string> = new WeakMap()): string {
  const order = readOrder(data);
  const json = <T extends object>(objects: T[], read: (object: T, labels: LabelIndex) => unknown): string => {
    const parts = new Array<string>(objects.length);
    for (let index = 0; index < objects.length; index++) {
      const object = objects[index]!;
      let text = fragments.get(object);
      if (text === undefined) {
        text = JSON.stringify(read(object, labels));
        fragments.set(object, text);
      }
      parts[index] = text;
    }
    return parts.join(',');
  };
  // Same keys, same order as the object readAnnotations builds.
  return `{"version":0,"tags":[${json(order.tags, readTag)}],"shapes":[${json(order.shapes, readShape)}],"tracks":[${json(order.tracks, readTrack)}],"intervals":[]}`;
}
