// Writing: what CVAT's conventions say about numbers, booleans and escaping, and every loss as a diagnostic.
import { describe, expect, it } from 'vitest';
import { createContext } from '@annoconv/core';
import type { Dataset, Shape } from '@annoconv/core';
import { MemorySink, MemoryTree } from '@annoconv/io';
import { writeCvat, type CvatFlavour } from './write.js';
import { readCvat } from './read.js';

function shape(overrides: Partial<Shape>): Shape {
  return {
    id: null, label_id: 1, frame: 0, group: 0, source: 'manual', attributes: [], type: 'rectangle', occluded: false, outside: false,
    z_order: 0, rotation: 0, points: [0, 0, 1, 1], score: 1, elements: [], ...overrides,
  };
}

function dataset(overrides: Partial<Dataset['annotations']> = {}, frames: Dataset['frames'] = [{ index: 0, name: 'a "b" & <c>.jpg', width: 4, height: 3, subset: '' }]): Dataset {
  return {
    labels: [{ id: 1, name: 'car', color: '', type: 'any', attributes: [{ id: 1, name: 'note', mutable: false, input_type: 'text', default_value: '', values: [] }], sublabels: [] }],
    frames,
    meta: { name: 'n', mode: 'annotation', startFrame: 0, frameStep: 1, deletedFrames: [], segmentSize: 0 },
    annotations: { version: 0, tags: [], shapes: [], tracks: [], ...overrides },
  };
}

async function write(data: Dataset, flavour: CvatFlavour = 'images', options = {}) {
  const sink = new MemorySink();
  const context = createContext();
  await writeCvat(data, sink, flavour, options, context);
  return { xml: new TextDecoder().decode(sink.files.get('annotations.xml')!), codes: context.diagnostics.items.map((item) => item.code), sink };
}

describe('writeCvat', () => {
  it('escapes names and values as Python SAX does and reads them back', async () => {
    const data = dataset({ shapes: [shape({ attributes: [{ spec_id: 1, value: 'x < y & "z"\nline2\ttab' }] })] });
    const { xml } = await write(data);
    expect(xml).toContain(`<image id="0" name='a "b" &amp; &lt;c&gt;.jpg' width="4" height="3">`);
    expect(xml).toContain('<attribute name="note">x &lt; y &amp; "z"\nline2\ttab</attribute>');
    const back = await readCvat(new MemoryTree({ 'annotations.xml': xml }), {}, createContext());
    expect(back.frames[0]!.name).toBe('a "b" & <c>.jpg');
    expect(back.annotations.shapes[0]!.attributes[0]!.value).toBe('x < y & "z"\nline2\ttab');
  });

  it('writes frames as start + k·step and <dumped> only when asked', async () => {
    const data = dataset({}, [
      { index: 0, name: 'a.jpg', width: 1, height: 1, subset: '' },
      { index: 1, name: 'b.jpg', width: 1, height: 1, subset: '' },
    ]);
    data.meta = { ...data.meta, startFrame: 5, frameStep: 3 };
    const { xml } = await write(data, 'images', { dumped: '2026-01-01 00:00:00+00:00' });
    expect(xml).toContain('<image id="8" name="b.jpg"');
    expect(xml).toContain('<frame_filter>step=3</frame_filter>');
    expect(xml).toContain('<stop_frame>8</stop_frame>');
    expect(xml).toContain('<dumped>2026-01-01 00:00:00+00:00</dumped>');
    expect((await write(dataset())).xml).not.toContain('<dumped>');
  });

  it('reports what CVAT XML cannot hold', async () => {
    const lossy = dataset({
      shapes: [shape({ type: 'polygon', points: [0, 0, 1, 0, 1, 1], rotation: 30, score: 0.5 }), shape({ label_id: 9 })],
      tags: [{ id: null, label_id: 1, frame: 0, group: 0, source: 'manual', attributes: [{ spec_id: 7, value: 'x' }] }],
    });
    lossy.frames = [{ index: 0, name: 'a.jpg', subset: '' }];
    const { codes, xml } = await write(lossy);
    expect(codes).toEqual(['image-size-unknown', 'rotation-dropped', 'field-dropped', 'label-unknown', 'attribute-dropped']);
    expect(xml).toContain('<image id="0" name="a.jpg">');
  });

  it('"CVAT for video": tags are dropped and shapes become short tracks, as CVAT does', async () => {
    const data = dataset(
      { shapes: [shape({ frame: 0 }), shape({ frame: 2 })], tags: [{ id: null, label_id: 1, frame: 0, group: 0, source: 'manual', attributes: [] }] },
      [0, 1, 2].map((index) => ({ index, name: `frame_${index}`, width: 2, height: 2, subset: '' })),
    );
    const { xml, codes } = await write(data, 'video');
    expect(codes).toEqual(['tag-unsupported', 'shape-converted']);
    // Frame 0: keyframe then an outside keyframe one step later; frame 2 is the stop frame, so no closing keyframe.
    expect(xml.match(/<box frame="\d" keyframe="1" outside="\d"/g)).toEqual(['<box frame="0" keyframe="1" outside="0"', '<box frame="1" keyframe="1" outside="1"', '<box frame="2" keyframe="1" outside="0"']);
    const back = await readCvat(new MemoryTree({ 'annotations.xml': xml }), {}, createContext());
    expect(back.annotations.tracks.map((track) => track.shapes.map((keyframe) => [keyframe.frame, keyframe.outside]))).toEqual([
      [
        [0, false],
        [1, true],
      ],
      [[2, false]],
    ]);
  });

  it('"CVAT for video": a mask shape comes back as the same mask shape', async () => {
    const mask = shape({ type: 'mask', points: [1, 2, 1, 0, 0, 1, 1], frame: 1 });
    const data = dataset({ shapes: [mask] }, [0, 1, 2].map((index) => ({ index, name: `frame_${index}`, width: 2, height: 2, subset: '' })));
    const { xml, codes } = await write(data, 'video');
    expect(codes).toEqual(['shape-converted']);
    const context = createContext();
    const back = await readCvat(new MemoryTree({ 'annotations.xml': xml }), {}, context);
    expect(back.annotations.shapes).toEqual([mask]);
    expect(context.diagnostics.items.map((item) => [item.code, item.severity])).toEqual([['shape-converted', 'info']]);
  });

  it('saves images under images/, per subset in a project export', async () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const image = { path: 'src/x.jpg', read: async () => bytes };
    const data = dataset({}, [
      { index: 0, name: 'd/a.jpg', width: 1, height: 1, subset: 'train', image },
      { index: 1, name: 'b.jpg', width: 1, height: 1, subset: '', image },
    ]);
    const { sink, xml } = await write(data, 'images', { saveImages: true });
    expect([...sink.files.keys()].sort()).toEqual(['annotations.xml', 'images/default/b.jpg', 'images/train/d/a.jpg']);
    expect(xml).toContain('<image id="0" name="b.jpg" subset="default" task_id="2" width="1" height="1">');
  });
});
