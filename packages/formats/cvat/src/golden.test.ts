// Golden files in test-data/cvat/<case>/: dataset.json (canonical) → annotations.xml byte for byte as CVAT's
// dumper writes it, and annotations.xml → the same canonical dataset (CVAT names skeleton nodes in the SVG).
// Regenerate the XML after a deliberate change with CVAT_GOLDEN_UPDATE=1.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createContext, datasetSchema } from '@annoconv/core';
import type { Dataset } from '@annoconv/core';
import { MemorySink, MemoryTree } from '@annoconv/io';
import { readCvat } from './read.js';
import { writeCvat, type CvatFlavour } from './write.js';
import { formatFixed2 } from './number-format.js';
import { testDataDir } from '@annoconv/testing';

const goldenRoot = testDataDir('cvat');

const cases: Array<{ name: string; dataset?: string; flavour: CvatFlavour; diagnostics: string[]; readBack: boolean }> = [
  { name: 'images-task', flavour: 'images', diagnostics: [], readBack: true },
  { name: 'video-task', flavour: 'video', diagnostics: [], readBack: true },
  // The same tracks in "CVAT for images": visible frames only, as plain shapes.
  { name: 'video-task-as-images', dataset: 'video-task', flavour: 'images', diagnostics: ['track-flattened'], readBack: false },
];

/** CVAT writes coordinates with two decimals: what a reader gets back. */
function rounded(values: number[]): number[] {
  return values.map((value) => Number(formatFixed2(value)));
}

describe('golden files', () => {
  for (const testCase of cases) {
    const folder = path.join(goldenRoot, testCase.name);
    const dataset = datasetSchema.parse(JSON.parse(readFileSync(path.join(goldenRoot, testCase.dataset ?? testCase.name, 'dataset.json'), 'utf8'))) as Dataset;

    it(`${testCase.name}: writes annotations.xml exactly`, async () => {
      const sink = new MemorySink();
      const context = createContext();
      await writeCvat(dataset, sink, testCase.flavour, {}, context);
      const xml = new TextDecoder().decode(sink.files.get('annotations.xml')!);
      if (process.env.CVAT_GOLDEN_UPDATE) writeFileSync(path.join(folder, 'annotations.xml'), xml);
      expect(xml).toBe(readFileSync(path.join(folder, 'annotations.xml'), 'utf8'));
      expect(context.diagnostics.items.map((item) => item.code)).toEqual(testCase.diagnostics);
    });

    if (testCase.readBack)
      it(`${testCase.name}: reads annotations.xml back to dataset.json`, async () => {
        const xml = readFileSync(path.join(folder, 'annotations.xml'), 'utf8');
        const context = createContext();
        const back = await readCvat(new MemoryTree({ 'annotations.xml': xml }), {}, context);
        const expected = structuredClone(dataset);
        // CVAT's exporter writes sub-label names instead of ids into the skeleton SVG.
        for (const label of expected.labels)
          for (const sublabel of label.sublabels) if (label.svg) label.svg = label.svg.replace(`data-label-id="${sublabel.id}"`, `data-label-name="${sublabel.name}"`);
        for (const shape of expected.annotations.shapes) if (shape.type !== 'mask') shape.points = rounded(shape.points);
        expect(back).toEqual(expected);
        expect(context.diagnostics.items).toEqual([]);
      });
  }
});
