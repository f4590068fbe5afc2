// Property: canonical → COCO 1.0 → canonical keeps everything COCO holds (frames with sizes and subsets, labels,
// rectangles with rotation, polygons, masks, occluded, label attributes) and reports what it cannot hold.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createContext, type Dataset, type Shape } from '@annoconv/core';
import { bitmapToCvatMask, cvatMaskToBitmap } from '@annoconv/geometry';
import { MemorySink } from '@annoconv/io';
import { cocoPlugin } from './plugin.js';

const coordinate = (max: number) => fc.integer({ min: 0, max: max * 100 }).map((value) => value / 100);

function shapeArbitrary(frameCount: number, labelCount: number, width: number, height: number) {
  const base = { frame: fc.integer({ min: 0, max: frameCount - 1 }), label: fc.integer({ min: 0, max: labelCount - 1 }), occluded: fc.boolean(), text: fc.string({ maxLength: 5 }), flag: fc.boolean() };
  const rectangle = fc.record({ ...base, kind: fc.constant('rectangle' as const), x: coordinate(width - 2), y: coordinate(height - 2), w: fc.integer({ min: 1, max: 100 }).map((v) => v / 100 + 1), h: fc.integer({ min: 1, max: 100 }).map((v) => v / 100 + 1), rotation: fc.constantFrom(0, 30, 90.5) });
  const polygon = fc.record({ ...base, kind: fc.constant('polygon' as const), points: fc.array(fc.tuple(coordinate(width), coordinate(height)), { minLength: 3, maxLength: 6 }) });
  const mask = fc.record({ ...base, kind: fc.constant('mask' as const), x: fc.integer({ min: 0, max: width - 2 }), y: fc.integer({ min: 0, max: height - 2 }), w: fc.integer({ min: 1, max: 2 }), h: fc.integer({ min: 1, max: 2 }), holes: fc.array(fc.nat(), { maxLength: 2 }) });
  const other = fc.record({ ...base, kind: fc.constantFrom('points' as const, 'polyline' as const), points: fc.array(fc.tuple(coordinate(width), coordinate(height)), { minLength: 2, maxLength: 3 }) });
  return fc.oneof({ arbitrary: rectangle, weight: 3 }, { arbitrary: polygon, weight: 3 }, { arbitrary: mask, weight: 2 }, { arbitrary: other, weight: 1 });
}

const datasetArbitrary = fc
  .record({ frameCount: fc.integer({ min: 1, max: 3 }), labelCount: fc.integer({ min: 1, max: 3 }), width: fc.integer({ min: 6, max: 20 }), height: fc.integer({ min: 6, max: 20 }), subset: fc.constantFrom('', 'train') })
  .chain((sizes) => fc.record({ sizes: fc.constant(sizes), shapes: fc.array(shapeArbitrary(sizes.frameCount, sizes.labelCount, sizes.width, sizes.height), { maxLength: 8 }) }))
  .map(({ sizes, shapes }): Dataset => {
    const labels = Array.from({ length: sizes.labelCount }, (_, index) => ({
      id: index + 1,
      name: `label ${index}`,
      color: '',
      type: 'any' as const,
      attributes: [
        { id: index * 2 + 1, name: 'note', mutable: false, input_type: 'text' as const, default_value: '', values: [] },
        { id: index * 2 + 2, name: 'flag', mutable: false, input_type: 'checkbox' as const, default_value: 'false', values: ['false'] },
      ],
      sublabels: [],
    }));
    const frames = Array.from({ length: sizes.frameCount }, (_, index) => ({ index, name: `dir/frame ${index}.jpg`, width: sizes.width, height: sizes.height, subset: sizes.subset }));
    const out: Shape[] = shapes.map((item) => {
      const shape: Shape = { id: null, label_id: item.label + 1, frame: item.frame, group: 0, source: 'manual', attributes: [{ spec_id: item.label * 2 + 1, value: item.text }, { spec_id: item.label * 2 + 2, value: String(item.flag) }], type: item.kind, occluded: item.occluded, outside: false, z_order: 0, rotation: 0, points: [], score: 1, elements: [] };
      if (item.kind === 'rectangle') {
        shape.points = [item.x, item.y, Math.round((item.x + item.w) * 100) / 100, Math.round((item.y + item.h) * 100) / 100];
        shape.rotation = item.rotation;
      } else if (item.kind === 'mask') {
        const bitmap = new Uint8Array(sizes.width * sizes.height);
        for (let y = item.y; y < Math.min(sizes.height, item.y + item.h + 2); y++) for (let x = item.x; x < Math.min(sizes.width, item.x + item.w + 2); x++) bitmap[y * sizes.width + x] = 1;
        for (const hole of item.holes) bitmap[(hole % sizes.height) * sizes.width + ((hole >> 3) % sizes.width)] = 0;
        bitmap[item.y * sizes.width + item.x] = 1;
        shape.points = bitmapToCvatMask(bitmap, sizes.height, sizes.width);
      } else shape.points = item.points.flat();
      return shape;
    });
    return { labels, frames, meta: { name: '', mode: 'annotation', startFrame: 0, frameStep: 1, deletedFrames: [], segmentSize: 0 }, annotations: { version: 0, tags: [], shapes: out, tracks: [] } };
  });

/** What COCO 1.0 holds, keyed by names so ids assigned on import do not matter. Masks compare as pixels. */
function project(dataset: Dataset, keep: (shape: Shape) => boolean = () => true): unknown {
  const labels = new Map(dataset.labels.map((label) => [label.id, label]));
  const frames = dataset.frames.map((frame) => ({ name: frame.name, subset: frame.subset, width: frame.width, height: frame.height }));
  const shapes = dataset.annotations.shapes.filter(keep).map((shape) => {
    const label = labels.get(shape.label_id)!;
    const frame = dataset.frames[shape.frame]!;
    const values = new Map(shape.attributes.map((attribute) => [attribute.spec_id, attribute.value]));
    const attributes = Object.fromEntries(label.attributes.map((spec) => [spec.name, values.get(spec.id) ?? spec.default_value]));
    const points = shape.type === 'mask' ? Array.from(cvatMaskToBitmap(shape.points, frame.height!, frame.width!)).join('') : shape.points;
    return JSON.stringify({ frame: frame.name, label: label.name, type: shape.type, points, occluded: shape.occluded, rotation: shape.rotation, attributes });
  });
  return { frames, labels: dataset.labels.map((label) => label.name), shapes: shapes.sort() };
}

describe('canonical → COCO 1.0 → canonical', () => {
  it('is the identity on what COCO holds and reports the rest', async () => {
    await fc.assert(
      fc.asyncProperty(datasetArbitrary, async (dataset) => {
        const sink = new MemorySink();
        const context = createContext();
        await cocoPlugin.write!(dataset, sink, {}, context);
        const unsupported = dataset.annotations.shapes.filter((shape) => shape.type === 'points' || shape.type === 'polyline');
        expect(context.diagnostics.items.filter((item) => item.code === 'shape-unsupported')).toHaveLength(unsupported.length);
        const back = await cocoPlugin.read!(sink.toTree(), {}, createContext());
        // Labels without any annotation come back without their attribute specs, so compare label names only.
        const held = (shape: Shape) => shape.type !== 'points' && shape.type !== 'polyline';
        expect(project(back)).toEqual(project(dataset, held));
        expect(back.annotations.shapes.every((shape) => shape.source === 'file')).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
