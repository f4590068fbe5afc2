// In-process timings of Datumaro import on a synthetic file (2k items of 10 annotations; DATUMARO_BENCH_LARGE=1 adds
// 10k): the plain JSON.parse of the text as the baseline, the whole-file read and the streamed read.
import { bench, describe } from 'vitest';
import { createContext } from '@annoconv/core';
import { MemoryTree } from '@annoconv/io';
import { readDatumaro } from './read.js';
import { randomGenerator } from '@annoconv/geometry';

const sizes = process.env.DATUMARO_BENCH_LARGE ? [2000, 10000] : [2000];


/** A Datumaro 1.0 file as CVAT writes it: 80 labels, per item 4 boxes, 5 polygons of ~20 vertices and a tag. */
function synthetic(items: number): Uint8Array {
  const next = randomGenerator(42);
  const coordinate = (limit: number): number => Math.round(next() * limit * 100) / 100;
  const labels = Array.from({ length: 80 }, (_, index) => ({ name: `class_${index + 1}`, parent: '', attributes: [] }));
  const parts = [`{"dm_format_version":"1.0","media_type":2,"infos":{},"categories":${JSON.stringify({ label: { labels, attributes: ['occluded'] }, points: { items: [] } })},"items":[`];
  for (let item = 0; item < items; item++) {
    const annotations: unknown[] = [{ id: 0, type: 'label', attributes: {}, group: 0, label_id: Math.floor(next() * 80) }];
    for (let box = 0; box < 4; box++) {
      annotations.push({ id: 0, type: 'bbox', attributes: { occluded: false, rotation: 0 }, group: 0, label_id: Math.floor(next() * 80), z_order: 0, bbox: [coordinate(600), coordinate(440), coordinate(40), coordinate(40)] });
    }
    for (let polygon = 0; polygon < 5; polygon++) {
      const points = Array.from({ length: 40 }, (_, index) => coordinate(index % 2 === 0 ? 640 : 480));
      annotations.push({ id: 0, type: 'polygon', attributes: { occluded: false }, group: 0, label_id: Math.floor(next() * 80), z_order: 0, points });
    }
    parts.push(`${item > 0 ? ',' : ''}${JSON.stringify({ id: `frame_${item}`, annotations, attr: { frame: item }, image: { path: `frame_${item}.jpg`, size: [480, 640] } })}`);
  }
  parts.push(']}');
  return new TextEncoder().encode(parts.join(''));
}

for (const items of sizes) {
  const bytes = synthetic(items);
  const tree = new MemoryTree({ 'annotations/default.json': bytes });
  describe(`Datumaro ${items} items (${(bytes.length / 1e6).toFixed(1)} MB)`, () => {
    bench('decode + JSON.parse (baseline)', () => {
      JSON.parse(new TextDecoder().decode(bytes));
    }, { iterations: 5, warmupIterations: 1 });

    bench('Datumaro → canonical, whole file', async () => {
      await readDatumaro(tree, { streamThreshold: Number.POSITIVE_INFINITY }, createContext());
    }, { iterations: 5, warmupIterations: 1 });

    bench('Datumaro → canonical, streamed', async () => {
      await readDatumaro(tree, { streamThreshold: 0 }, createContext());
    }, { iterations: 5, warmupIterations: 1 });
  });
}
