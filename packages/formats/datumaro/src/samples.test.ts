// The real Datumaro datasets in the shared samples import, with what CVAT's Datumaro reads from them.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createContext, indexAttributeSpecs } from '@annoconv/core';
import { MemorySink } from '@annoconv/io';
import { readDatumaro } from './read.js';
import { writeDatumaro } from './write.js';
import { detectDatumaro } from './detect.js';
import { sharedSamplesDir, treeFromFolder } from '@annoconv/testing';

const samples = sharedSamplesDir();

function counts(dataset: Awaited<ReturnType<typeof readDatumaro>>): Record<string, number> {
  const result: Record<string, number> = {};
  for (const shape of dataset.annotations.shapes) result[shape.type] = (result[shape.type] ?? 0) + 1;
  if (dataset.annotations.tags.length) result.tag = dataset.annotations.tags.length;
  return result;
}

const present = fs.existsSync(samples);

/**
 * Annotations with attribute spec ids replaced by names (spec ids follow the order values are met) and values equal
 * to their spec's default left out (CVAT's export writes every attribute, filled with its default).
 */
function withAttributeNames(dataset: Awaited<ReturnType<typeof readDatumaro>>): unknown {
  const specs = indexAttributeSpecs(dataset.labels);
  return JSON.parse(JSON.stringify(dataset.annotations), (key, value) => {
    if (key !== 'attributes' || !Array.isArray(value)) return value;
    return value
      .filter((attribute: { spec_id: number; value: string }) => attribute.value !== specs.get(attribute.spec_id)?.spec.default_value)
      .map((attribute: { spec_id: number; value: string }) => ({ name: specs.get(attribute.spec_id)?.spec.name, value: attribute.value }));
  });
}

describe.skipIf(!present)('Datumaro samples', () => {
  it('reads with_skeleton: one skeleton of three points, as CVAT does', async () => {
    const tree = treeFromFolder(path.join(samples, 'cvat-datumaro/datumaro_dataset/with_skeleton'));
    expect((await detectDatumaro(tree)).confidence).toBeGreaterThan(0.5);
    const dataset = await readDatumaro(tree, {}, createContext());
    expect(dataset.frames).toMatchObject([{ name: '100.jpg', subset: 'default', height: 10, width: 6 }]);
    expect(dataset.labels.map((label) => [label.name, label.sublabels.map((sublabel) => sublabel.name)])).toEqual([
      ['skeleton-label', ['point1-label', 'point3-label', 'point2-label']],
    ]);
    expect(counts(dataset)).toEqual({ skeleton: 1 });
    const skeleton = dataset.annotations.shapes[0]!;
    expect(skeleton.elements.map((element) => element.points)).toEqual([[0.9, 3.53], [2.45, 7.6], [5.2, 2.5]]);
    const checkbox = dataset.labels[0]!.sublabels[1]!.attributes[0]!;
    expect(checkbox).toMatchObject({ name: 'point3-attribute-checkbox', input_type: 'checkbox' });
    expect(skeleton.elements[1]!.attributes).toEqual([{ spec_id: checkbox.id, value: 'true' }]);
    expect(dataset.frames[0]!.image?.path).toBe('images/default/100.jpg');
  });

  it('reads the legacy envelope with subset-prefixed image paths', async () => {
    const dataset = await readDatumaro(treeFromFolder(path.join(samples, 'datumaro/datumaro_dataset/legacy')), {}, createContext());
    expect(dataset.frames.map((frame) => `${frame.subset}/${frame.name}`)).toEqual(['test/c.jpg', 'train/a.jpg', 'train/b.jpg', 'validation/d.jpg']);
    expect(dataset.labels.map((label) => label.name)).toEqual(['car', 'bicycle', 'tom', 'mary']);
    expect(counts(dataset)).toEqual({ tag: 7 });
    expect(dataset.frames[1]!.image?.path).toBe('images/train/a.jpg');
  });

  it('reads diverse, reporting what CVAT cannot hold instead of failing', async () => {
    const context = createContext();
    const dataset = await readDatumaro(treeFromFolder(path.join(samples, 'cvat-datumaro/datumaro_dataset/diverse')), {}, context);
    expect(dataset.frames.map((frame) => `${frame.subset}/${frame.name}`)).toEqual(['default/42', 'default/43.qq', 'test/1', 'test/42', 'train/100.jpg', 'train/21', 'val/2']);
    expect(counts(dataset)).toEqual({ rectangle: 1, points: 1, mask: 1, tag: 2 });
    const codes = context.diagnostics.countByCode();
    expect(codes.get('data-unsupported')).toBe(3); // three captions
    expect(codes.get('label-unknown')).toBe(4); // null labels and label_id 5
    expect(codes.get('shape-unsupported')).toBe(1); // the 3D cuboid
    const mask = dataset.annotations.shapes.find((shape) => shape.type === 'mask')!;
    // "06" over 2×3 is a 0-run of 0 and a 1-run of 6: the full 3×2 box.
    expect(mask.points).toEqual([0, 6, 0, 0, 2, 1]);
  });

  it('round-trips every sample through its own export', async () => {
    for (const folder of ['cvat-datumaro/datumaro_dataset/with_skeleton', 'datumaro/datumaro_dataset/legacy']) {
      const first = await readDatumaro(treeFromFolder(path.join(samples, folder)), {}, createContext());
      const sink = new MemorySink();
      await writeDatumaro(first, sink, {}, createContext());
      const second = await readDatumaro(sink.toTree(), {}, createContext());
      expect(withAttributeNames(second)).toEqual(withAttributeNames(first));
      expect(second.labels.map((label) => label.name)).toEqual(first.labels.map((label) => label.name));
      expect(second.frames.map(({ name, subset, width, height }) => ({ name, subset, width, height }))).toEqual(first.frames.map(({ name, subset, width, height }) => ({ name, subset, width, height })));
    }
  });
});
