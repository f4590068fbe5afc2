// Throughput of convert() end to end (detect, read, write) on a synthetic COCO file held in memory: 1,000 images
// and 10,000 annotations (polygons, one in ten an RLE mask).
import { bench, describe } from 'vitest';
import { generateCoco } from '@annoconv/format-coco';
import { MemorySink, MemoryTree } from '@annoconv/io';
import { convert } from './convert.js';
import { detectFormat } from './detect.js';

const json = [...generateCoco({ images: 1000, annotations: 10_000 })].join('');
const tree = new MemoryTree({ 'annotations/instances_default.json': json });

describe(`convert COCO (${(json.length / 1e6).toFixed(1)} MB, 10,000 annotations)`, () => {
  bench('detect', async () => {
    await detectFormat(tree);
  });
  bench('→ CVAT for images', async () => {
    await convert({ input: tree, from: 'coco', to: 'cvat', output: new MemorySink() });
  }, { iterations: 3, warmupIterations: 1 });
  bench('→ Datumaro', async () => {
    await convert({ input: tree, from: 'coco', to: 'datumaro', output: new MemorySink() });
  }, { iterations: 3, warmupIterations: 1 });
  bench('→ COCO', async () => {
    await convert({ input: tree, from: 'coco', to: 'coco', output: new MemorySink() });
  }, { iterations: 3, warmupIterations: 1 });
});
