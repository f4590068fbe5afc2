// Reading CVAT XML: every shape element, tags, tracks, and bad input as typed errors naming element and line.
import { describe, expect, it } from 'vitest';
import { AbortedError, AnnoconvError, ParseError, createContext, datasetSchema } from '@annoconv/core';
import { MemoryTree } from '@annoconv/io';
import { readCvat } from './read.js';

const META = `<meta><task><name>t</name><size>3</size><mode>annotation</mode><start_frame>0</start_frame><stop_frame>2</stop_frame><frame_filter></frame_filter>
<labels>
<label><name>car</name><color>#ff0000</color><type>any</type><attributes>
<attribute><name>speed</name><mutable>True</mutable><input_type>number</input_type><default_value>0</default_value><values>0
100
1</values></attribute>
<attribute><name>model</name><mutable>False</mutable><input_type>text</input_type><default_value></default_value><values></values></attribute>
</attributes></label>
<label><name>person</name><type>skeleton</type><attributes></attributes><svg>&lt;circle data-label-name="head"&gt;&lt;/circle&gt;</svg></label>
<label><name>head</name><type>points</type><attributes></attributes><parent>person</parent></label>
</labels></task></meta>`;

function xml(body: string, meta = META): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<annotations>\n<version>1.1</version>\n${meta}\n${body}\n</annotations>\n`;
}

/** The 1-based line of the first occurrence of `needle`. */
function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}

async function read(text: string, context = createContext()) {
  return readCvat(new MemoryTree({ 'annotations.xml': text }), {}, context);
}

async function readError(text: string): Promise<ParseError> {
  try {
    await read(text);
  } catch (error) {
    expect(AnnoconvError.isInstance(error)).toBe(true);
    expect(error).toBeInstanceOf(ParseError);
    return error as ParseError;
  }
  throw new Error('no error');
}

describe('readCvat: images flavour', () => {
  it('reads every shape type, tags and their fields', async () => {
    const dataset = await read(
      xml(`<image id="0" name="a/b.jpg" width="640" height="480">
<box label="car" source="auto" occluded="1" xtl="1.00" ytl="2.00" xbr="3.50" ybr="4.25" rotation="30.00" z_order="2" group_id="5"><attribute name="speed">12</attribute></box>
<polygon label="car" source="manual" occluded="0" points="0.00,0.00;10.00,0.00;10.00,10.00" z_order="0"></polygon>
<polyline label="car" source="manual" occluded="0" points="0.00,0.00;10.00,0.00" z_order="0"></polyline>
<points label="car" source="manual" occluded="0" points="5.00,5.00" z_order="-1"></points>
<ellipse label="car" source="semi-auto" occluded="0" cx="10.00" cy="20.00" rx="5.00" ry="3.00" rotation="45.00" z_order="0"></ellipse>
<cuboid label="car" source="manual" occluded="0" xtl1="1" ytl1="2" xbl1="3" ybl1="4" xtr1="5" ytr1="6" xbr1="7" ybr1="8" xtl2="9" ytl2="10" xbl2="11" ybl2="12" xtr2="13" ytr2="14" xbr2="15" ybr2="16" z_order="0"></cuboid>
<mask label="car" source="manual" occluded="0" rle="3, 5, 7" left="2" top="3" width="5" height="3" z_order="0"></mask>
<skeleton label="person" source="manual" z_order="0"><points label="head" source="manual" outside="0" occluded="1" points="1.00,2.00"></points></skeleton>
<tag label="car" source="manual" group_id="2"><attribute name="model">x</attribute></tag>
</image>
<image id="1" name="c.png" width="10" height="10"></image>`),
    );
    expect(() => datasetSchema.parse(dataset)).not.toThrow();
    const shapes = dataset.annotations.shapes;
    expect(shapes.map((shape) => shape.type)).toEqual(['rectangle', 'polygon', 'polyline', 'points', 'ellipse', 'cuboid', 'mask', 'skeleton']);
    expect(shapes[0]).toMatchObject({ source: 'auto', occluded: true, points: [1, 2, 3.5, 4.25], rotation: 30, z_order: 2, group: 5, attributes: [{ spec_id: 1, value: '12' }] });
    expect(shapes[3]!.z_order).toBe(-1);
    expect(shapes[4]).toMatchObject({ points: [10, 20, 15, 17], rotation: 45, source: 'semi-auto' });
    expect(shapes[5]!.points).toEqual(Array.from({ length: 16 }, (_, index) => index + 1));
    expect(shapes[6]!.points).toEqual([3, 5, 7, 2, 3, 6, 5]);
    expect(shapes[7]!.elements).toMatchObject([{ label_id: 3, occluded: true, outside: false, points: [1, 2], type: 'points' }]);
    expect(dataset.annotations.tags).toEqual([{ id: null, label_id: 1, frame: 0, group: 2, source: 'manual', attributes: [{ spec_id: 2, value: 'x' }] }]);
    expect(dataset.frames.map((frame) => [frame.index, frame.name, frame.width, frame.height])).toEqual([
      [0, 'a/b.jpg', 640, 480],
      [1, 'c.png', 10, 10],
    ]);
    expect(dataset.labels[0]!.attributes[0]).toMatchObject({ name: 'speed', mutable: true, input_type: 'number', values: ['0', '100', '1'] });
    expect(dataset.labels[1]).toMatchObject({ type: 'skeleton', svg: '<circle data-label-name="head"></circle>' });
  });

  it('reports image ids with gaps once (deleted frames are not in the file)', async () => {
    const context = createContext();
    const dataset = await read(xml('<image id="0" name="a.jpg"></image><image id="2" name="b.jpg"></image><image id="3" name="c.jpg"></image>'), context);
    expect(dataset.frames.map((frame) => frame.index)).toEqual([0, 1, 2]);
    expect(context.diagnostics.items.map((item) => [item.code, item.where?.frameName])).toEqual([['value-coerced', 'b.jpg']]);
  });

  it('gives source "file" to everything with sourceFile, as CVAT does', async () => {
    const dataset = await readCvat(
      new MemoryTree({ 'annotations.xml': xml('<image id="0" name="a.jpg" width="1" height="1"><box label="car" source="auto" xtl="0" ytl="0" xbr="1" ybr="1"/></image>') }),
      { sourceFile: true },
      createContext(),
    );
    expect(dataset.annotations.shapes[0]!.source).toBe('file');
  });

  it('reports undeclared attributes and takes only "1" (or "true") as true', async () => {
    const context = createContext();
    const text = xml('<image id="0" name="a.jpg" width="1" height="1"><box label="car" occluded="yes" xtl="0" ytl="0" xbr="1" ybr="1"><attribute name="color">red</attribute></box></image>');
    const dataset = await read(text, context);
    expect(dataset.annotations.shapes[0]!.occluded).toBe(false);
    expect(dataset.annotations.shapes[0]!.attributes).toEqual([]);
    expect(context.diagnostics.items.map((item) => [item.code, item.where?.line, item.where?.element])).toEqual([['attribute-dropped', lineOf(text, '<attribute name="color"'), 'annotations/image[1]/box[1]/attribute[1]']]);
  });
});

describe('readCvat: video flavour', () => {
  const videoMeta = META.replace('<mode>annotation</mode><start_frame>0</start_frame><stop_frame>2</stop_frame><frame_filter></frame_filter>', '<mode>interpolation</mode><start_frame>5</start_frame><stop_frame>11</stop_frame><frame_filter>step=2</frame_filter>').replace('<size>3</size>', '<size>4</size>');

  it('keeps keyframes only, maps absolute frames, splits attributes by mutability', async () => {
    const dataset = await read(
      xml(
        `<track id="0" label="car" source="manual" group_id="3">
<box frame="5" keyframe="1" outside="0" occluded="0" xtl="0.00" ytl="0.00" xbr="2.00" ybr="2.00" z_order="0"><attribute name="speed">1</attribute><attribute name="model">m</attribute></box>
<box frame="7" keyframe="0" outside="0" occluded="0" xtl="1.00" ytl="1.00" xbr="3.00" ybr="3.00" z_order="0"><attribute name="speed">1</attribute><attribute name="model">m</attribute></box>
<box frame="9" keyframe="1" outside="1" occluded="0" xtl="2.00" ytl="2.00" xbr="4.00" ybr="4.00" z_order="0"><attribute name="speed">2</attribute><attribute name="model">m</attribute></box>
</track>`,
        videoMeta,
      ),
    );
    expect(dataset.frames.map((frame) => frame.name)).toEqual(['frame_000005', 'frame_000007', 'frame_000009', 'frame_000011']);
    const [track] = dataset.annotations.tracks;
    expect(track).toMatchObject({ frame: 0, group: 3, attributes: [{ spec_id: 2, value: 'm' }] });
    expect(track!.shapes.map((shape) => [shape.frame, shape.outside, shape.attributes])).toEqual([
      [0, false, [{ spec_id: 1, value: '1' }]],
      [2, true, [{ spec_id: 1, value: '2' }]],
    ]);
  });

  it('reads per-subset video files, each with its own frame range (a Datumaro export of several subsets)', async () => {
    const box = (frame: number): string => `<box frame="${frame}" keyframe="1" outside="0" occluded="0" xtl="0.00" ytl="0.00" xbr="2.00" ybr="2.00" z_order="0"></box>`;
    const valMeta = videoMeta.replace('<size>4</size>', '<size>2</size>').replace('<start_frame>5</start_frame><stop_frame>11</stop_frame><frame_filter>step=2</frame_filter>', '<start_frame>0</start_frame><stop_frame>1</stop_frame><frame_filter></frame_filter>');
    const context = createContext();
    const dataset = await readCvat(
      new MemoryTree({
        'train.xml': xml(`<track id="0" label="car" source="manual">${box(7)}</track>`, videoMeta),
        'val.xml': xml(`<track id="0" label="car" source="manual">${box(1)}</track>`, valMeta),
      }),
      {},
      context,
    );
    expect(dataset.frames.map((frame) => `${frame.subset}/${frame.name}`)).toEqual([
      'train/frame_000005', 'train/frame_000007', 'train/frame_000009', 'train/frame_000011', 'val/frame_000000', 'val/frame_000001',
    ]);
    expect(dataset.annotations.tracks.map((track) => track.shapes.map((shape) => shape.frame))).toEqual([[1], [5]]);
    expect(context.diagnostics.items.filter((item) => item.severity !== 'info')).toEqual([]);
  });

  it('makes frames as tracks name them when the meta gives no frame count', async () => {
    const countless = videoMeta.replace('<size>4</size>', '').replace('<stop_frame>11</stop_frame>', '');
    const box = (frame: number): string => `<box frame="${frame}" keyframe="1" outside="0" occluded="0" xtl="0.00" ytl="0.00" xbr="2.00" ybr="2.00" z_order="0"></box>`;
    const context = createContext();
    const dataset = await read(xml(`<track id="0" label="car" source="manual">${box(5)}${box(9)}</track><track id="1" label="car" source="manual">${box(11)}</track>`, countless), context);
    expect(dataset.frames.map((frame) => frame.name)).toEqual(['frame_000005', 'frame_000009', 'frame_000011']);
    expect(dataset.annotations.tracks.map((track) => track.shapes.map((shape) => shape.frame))).toEqual([[0, 1], [2]]);
    expect(context.diagnostics.items.map((item) => item.code)).toEqual(['invalid-value']);
  });

  it('turns a mask track into one shape from its first mask, as CVAT does, and says so', async () => {
    const context = createContext();
    const dataset = await read(
      xml(
        `<track id="0" label="car" source="manual">
<mask frame="5" keyframe="1" outside="0" occluded="0" rle="0, 4" left="0" top="0" width="2" height="2" z_order="0"><attribute name="speed">3</attribute><attribute name="model">m</attribute></mask>
<mask frame="7" keyframe="1" outside="0" occluded="0" rle="1, 3" left="0" top="0" width="2" height="2" z_order="0"></mask>
</track>`,
        videoMeta,
      ),
      context,
    );
    expect(dataset.annotations.tracks).toEqual([]);
    expect(dataset.annotations.shapes.map((shape) => [shape.type, shape.frame, shape.points, shape.attributes])).toEqual([
      [
        'mask',
        0,
        [0, 4, 0, 0, 1, 1],
        [
          { spec_id: 1, value: '3' },
          { spec_id: 2, value: 'm' },
        ],
      ],
    ]);
    expect(context.diagnostics.items.map((item) => item.code)).toContain('track-flattened');
  });

  it('reports a shape on a frame that is not start + k·step', async () => {
    const context = createContext();
    await expect(
      read(xml(`<track id="0" label="car"><box frame="6" keyframe="1" outside="0" occluded="0" xtl="0" ytl="0" xbr="1" ybr="1"></box></track>`, videoMeta), context),
    ).rejects.toThrow(/no keyframes/);
    expect(context.diagnostics.items.map((item) => item.code)).toEqual(['annotation-unmatched']);
  });
});

describe('readCvat: bad input', () => {
  it('malformed XML names the element and line', async () => {
    const error = await readError('<annotations>\n<image id="0" name="a">\n<box>\n</image>\n</annotations>');
    expect(error.where).toMatchObject({ file: 'annotations.xml', line: 4, element: 'image' });
  });

  it('an unknown label names the element and line', async () => {
    const text = xml('<image id="0" name="a.jpg" width="1" height="1">\n<box label="truck" xtl="0" ytl="0" xbr="1" ybr="1"></box></image>');
    const error = await readError(text);
    expect(error.message).toMatch(/unknown label 'truck'/);
    expect(error.where).toMatchObject({ line: lineOf(text, '<box'), element: 'annotations/image[1]/box[1]' });
    expect(error.message).toContain(`annotations.xml:${lineOf(text, '<box')}`);
  });

  it('a box missing a coordinate names the element and line', async () => {
    const text = xml('<image id="0" name="a.jpg" width="1" height="1">\n\n<box label="car" xtl="0" ytl="0" xbr="1"></box></image>');
    const error = await readError(text);
    expect(error.message).toMatch(/<box> has no 'ybr' attribute/);
    expect(error.where).toMatchObject({ line: lineOf(text, '<box'), element: 'annotations/image[1]/box[1]' });
  });

  it('a track without keyframes names the element and line', async () => {
    const text = xml('<track id="0" label="car">\n<box frame="0" keyframe="0" outside="0" occluded="0" xtl="0" ytl="0" xbr="1" ybr="1"></box></track>');
    const error = await readError(text);
    expect(error.message).toMatch(/no keyframes/);
    expect(error.where).toMatchObject({ line: lineOf(text, '<track'), element: 'annotations/track[1]' });
    expect((await readError(xml('<track id="0" label="car"></track>'))).message).toMatch(/no keyframes/);
  });

  it('non-numeric coordinates, bad points, bad masks and a DTD', async () => {
    expect((await readError(xml('<image id="0" name="a.jpg"><box label="car" xtl="x" ytl="0" xbr="1" ybr="1"/></image>'))).message).toMatch(/not a number/);
    expect((await readError(xml('<image id="0" name="a.jpg"><polygon label="car" points="1,2;3"/></image>'))).message).toMatch(/not 'x,y'/);
    expect((await readError(xml('<image id="0" name="a.jpg"><polygon label="car" points="1,2;3,4"/></image>'))).message).toMatch(/at least 3/);
    expect((await readError(xml('<image id="0" name="a.jpg"><mask label="car" rle="1, 2" left="0" top="0" width="2" height="2"/></image>'))).message).toMatch(/sum to 3/);
    expect((await readError('<!DOCTYPE annotations>\n<annotations/>')).message).toMatch(/not allowed/);
    expect((await readError(xml('<image name="a.jpg"/>'))).message).toMatch(/no 'id'/);
  });
});

describe('readCvat: importing into a task (taskFrames)', () => {
  const taskFrames = [
    { name: 'set/a.jpg', width: 10, height: 10 },
    { name: 'set/b.png', width: 10, height: 10 },
    { name: 'c.jpg', width: 10, height: 10 },
    { name: 'frame_000003.jpg', width: 10, height: 10 },
  ];
  const box = '<box label="car" xtl="0" ytl="0" xbr="1" ybr="1"></box>';

  it('matches images by name, stem, path suffix, frame number and id; reports the rest', async () => {
    const context = createContext();
    const dataset = await readCvat(
      new MemoryTree({
        'annotations.xml': xml(
          [
            `<image id="9" name="set/a.jpg">${box}</image>`,
            `<image id="9" name="set/b.jpg">${box}</image>`,
            `<image id="9" name="other/root/c.jpg">${box}</image>`,
            `<image id="9" name="frame_000003">${box}</image>`,
            `<image id="1" name="renamed.jpg">${box}</image>`,
            `<image id="7" name="nowhere.jpg">${box}${box}</image>`,
          ].join('\n'),
        ),
      }),
      { taskFrames },
      context,
    );
    expect(dataset.frames.map((frame) => frame.name)).toEqual(taskFrames.map((frame) => frame.name));
    expect(dataset.annotations.shapes.map((shape) => shape.frame)).toEqual([0, 1, 2, 3, 1]);
    expect(context.diagnostics.items.map((item) => [item.code, item.where?.frameName])).toEqual([['annotation-unmatched', 'nowhere.jpg']]);
    expect(context.diagnostics.items[0]!.message).toMatch(/2 annotation\(s\) are dropped/);
  });
});

describe('readCvat: long work', () => {
  const images = Array.from({ length: 3000 }, (_, index) => `<image id="${index}" name="${index}.jpg" width="1" height="1"></image>`).join('\n');

  it('stops when the signal fires', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(readCvat(new MemoryTree({ 'annotations.xml': xml(images) }), {}, createContext({ signal: controller.signal }))).rejects.toBeInstanceOf(AbortedError);
  });

  it('reports parsing progress on big files', async () => {
    const stages: Array<{ done: number; total?: number }> = [];
    const big = xml(images + '\n' + `<!-- ${'x'.repeat(5 << 20)} -->`);
    await readCvat(new MemoryTree({ 'annotations.xml': big }), {}, createContext({ onProgress: (progress) => stages.push(progress) }));
    expect(stages.length).toBeGreaterThan(0);
    expect(stages.every((stage) => stage.total === big.length && stage.done <= big.length)).toBe(true);
  });
});

