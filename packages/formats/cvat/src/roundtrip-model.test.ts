// Property over the model's shared arbitraries (@annoconv/testing): any dataset of shapes and tags goes through
// "CVAT for images" and back unchanged, up to what the format states it does not carry (score, rotation of
// types other than boxes and ellipses) and to order (canonicalized); losses are exactly the diagnosed ones.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createContext } from '@annoconv/core';
import type { AttributeVal, Dataset, Label } from '@annoconv/core';
import { MemorySink, MemoryTree } from '@annoconv/io';
import { annotationsArbitrary, canonicalize, datasetArbitrary, framesArbitrary, labelsArbitrary } from '@annoconv/testing';
import { readCvat } from './read.js';
import { writeCvat } from './write.js';

/** What "CVAT for images" keeps of a dataset, and the diagnostics expected for the rest. */
function expectedAfterCvat(dataset: Dataset): { dataset: Dataset; codes: Set<string> } {
  const copy = structuredClone({ ...dataset, frames: dataset.frames.map(({ image: _image, ...frame }) => frame) });
  const codes = new Set<string>();
  for (const shape of copy.annotations.shapes) {
    for (const item of [shape, ...shape.elements]) {
      if (item.score !== 1) codes.add('field-dropped');
      item.score = 1;
      if (item.rotation !== 0 && item.type !== 'rectangle' && item.type !== 'ellipse') {
        codes.add('rotation-dropped');
        item.rotation = 0;
      }
    }
    if (shape.type === 'skeleton' && shape.occluded) {
      codes.add('occluded-dropped');
      shape.occluded = false;
    }
    for (const element of shape.elements) {
      if (element.z_order !== 0) codes.add('z-order-dropped');
      element.z_order = 0;
    }
  }
  const subsets = new Set(copy.frames.map((frame) => frame.subset));
  // A project export (several subsets) carries no task numbering; a task export fills stop frame and overlap.
  copy.meta = subsets.size > 1
    ? { name: copy.meta.name, mode: 'annotation', startFrame: 0, frameStep: 1, deletedFrames: [], segmentSize: 0 }
    : { ...copy.meta, stopFrame: copy.meta.stopFrame ?? copy.meta.startFrame + (copy.frames.length - 1) * copy.meta.frameStep, overlap: copy.meta.overlap ?? 0 };
  return { dataset: copy, codes };
}

describe('canonical → CVAT for images → canonical over the shared model arbitraries', () => {
  it('keeps everything but the diagnosed losses', async () => {
    await fc.assert(
      fc.asyncProperty(datasetArbitrary({ tracks: false, fractionalPoints: true, subsets: true }), async (dataset) => {
        const sink = new MemorySink();
        const writeContext = createContext();
        await writeCvat(dataset, sink, 'images', {}, writeContext);
        const readContext = createContext();
        const back = await readCvat(new MemoryTree(sink.files), {}, readContext);
        const expected = expectedAfterCvat(dataset);
        expect(canonicalize(back, { byNames: true })).toEqual(canonicalize(expected.dataset, { byNames: true }));
        const codes = new Set([...writeContext.diagnostics.items, ...readContext.diagnostics.items].filter((item) => item.severity !== 'info').map((item) => item.code));
        expect(codes).toEqual(expected.codes);
      }),
      { numRuns: 60 },
    );
  });
});

/**
 * What "CVAT for video" keeps of tracks: keyframes as they are, except that interpolation carries mutable
 * attribute values forward from keyframe to keyframe (as CVAT's server does), and skeleton elements lose z_order.
 */
function expectedAfterCvatVideo(dataset: Dataset): { dataset: Dataset; codes: Set<string> } {
  const copy = structuredClone({ ...dataset, frames: dataset.frames.map(({ image: _image, ...frame }) => frame) });
  const codes = new Set<string>();
  const specs = new Map<number, boolean>();
  const walk = (label: Label | Label['sublabels'][number]) => label.attributes.forEach((spec) => specs.set(spec.id, spec.mutable));
  for (const label of copy.labels) {
    walk(label);
    label.sublabels.forEach(walk);
  }
  const carry = (shapes: Array<{ attributes: AttributeVal[] }>) => {
    let previous: AttributeVal[] = [];
    for (const shape of shapes) {
      const own = new Set(shape.attributes.map((value) => value.spec_id));
      shape.attributes = [...shape.attributes, ...previous.filter((value) => !own.has(value.spec_id))];
      previous = shape.attributes;
    }
  };
  for (const track of copy.annotations.tracks) {
    carry(track.shapes);
    for (const element of track.elements) {
      carry(element.shapes);
      for (const shape of element.shapes) {
        if (shape.z_order !== 0) codes.add('z-order-dropped');
        shape.z_order = 0;
      }
    }
  }
  copy.meta = { ...copy.meta, stopFrame: copy.meta.startFrame + (copy.frames.length - 1) * copy.meta.frameStep, overlap: copy.meta.overlap ?? 0 };
  return { dataset: copy, codes };
}

const videoDataset = fc
  .tuple(labelsArbitrary(), framesArbitrary({ maxFrames: 6 }))
  .chain(([labels, generated]) => {
    // A video task: frames named after their absolute numbers, all of one size.
    const frames = generated.map((frame, index) => ({ index, name: `frame_${String(index).padStart(6, '0')}`, width: generated[0]!.width, height: generated[0]!.height, subset: '' }));
    return annotationsArbitrary(labels, frames, { shapeTypes: [], tags: false, trackShapeTypes: ['rectangle', 'polygon', 'polyline', 'points', 'ellipse', 'cuboid', 'skeleton'], fractionalPoints: true }).map(
      (annotations): Dataset => ({ labels, frames, meta: { name: 'video', mode: 'interpolation', startFrame: 0, frameStep: 1, deletedFrames: [], segmentSize: 0 }, annotations }),
    );
  });

describe('canonical → CVAT for video → canonical over the shared model arbitraries', () => {
  it('keeps every track keyframe', async () => {
    await fc.assert(
      fc.asyncProperty(videoDataset, async (dataset) => {
        const sink = new MemorySink();
        const writeContext = createContext();
        await writeCvat(dataset, sink, 'video', {}, writeContext);
        const readContext = createContext();
        const back = await readCvat(new MemoryTree(sink.files), {}, readContext);
        const expected = expectedAfterCvatVideo(dataset);
        expect(canonicalize(back, { byNames: true })).toEqual(canonicalize(expected.dataset, { byNames: true }));
        const codes = new Set([...writeContext.diagnostics.items, ...readContext.diagnostics.items].filter((item) => item.severity !== 'info').map((item) => item.code));
        expect(codes).toEqual(expected.codes);
      }),
      { numRuns: 60 },
    );
  });
});

