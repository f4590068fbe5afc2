import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { MemorySink } from '@annoconv/io';
import { readVoc } from './read.js';
import { vocBox, writeVoc } from './write.js';
import { createContext } from '@annoconv/core';
import { datasetWith, shape } from '@annoconv/testing';
import { canonicalShapes, canonicalTags } from './test-helpers.js';

async function roundTrip(dataset: Parameters<typeof writeVoc>[0], options: Record<string, unknown> = {}) {
  const sink = new MemorySink();
  const writeContext = createContext();
  await writeVoc(dataset, sink, {}, writeContext);
  const readContext = createContext();
  const back = await readVoc(sink.toTree(), options, readContext);
  return { sink, back, writeContext, readContext };
}

describe('vocBox', () => {
  it('rounds corners to 2 decimals and recomputes xmax as x + w like Datumaro', () => {
    expect(vocBox([0.07, 1, 0.59, 2])).toEqual([0.07, 1, 0.5900000000000001, 2]);
    expect(vocBox([10.123, 0.125, 20.375, 3])).toEqual([10.12, 0.12, 20.38, 3]);
  });
});

describe('writeVoc → readVoc', () => {
  it('writes boxes, attributes, tags and lists as CVAT does and reads them back', async () => {
    const dataset = datasetWith(
      [
        { name: 'cat', attributes: [{ name: 'truncated', input_type: 'checkbox' }, { name: 'pose', input_type: 'text' }, { name: 'size', input_type: 'number', default_value: '3' }, { name: 'color', input_type: 'text', default_value: 'red' }] },
        { name: 'dog' },
      ],
      [
        { name: 'a/2007_0001.jpg', width: 20, height: 10, subset: 'train' },
        { name: 'b.png', width: 30, height: 40 },
        { name: 'c.jpg' },
      ],
    );
    dataset.annotations.shapes = [
      shape({ type: 'rectangle', label_id: 1, frame: 0, points: [1.5, 2, 10.25, 8], occluded: true, rotation: 30, attributes: [{ spec_id: 1, value: 'true' }, { spec_id: 2, value: 'Left' }, { spec_id: 4, value: 'blue' }] }),
      shape({ type: 'rectangle', label_id: 2, frame: 1, points: [0, 0, 1, 1], group: 3 }),
      shape({ type: 'polygon', label_id: 2, frame: 1, points: [0, 0, 5, 0, 5, 5] }),
    ];
    dataset.annotations.tags = [{ id: null, label_id: 2, frame: 0, group: 0, source: 'manual', attributes: [] }];
    const { sink, back, writeContext } = await roundTrip(dataset);

    expect(sink.text('Annotations/a/2007_0001.xml')).toBe(
      [
        '<annotation>',
        '  <folder>a/2007</folder>',
        '  <filename>a/2007_0001.jpg</filename>',
        '  <source>',
        '    <database>Unknown</database>',
        '    <annotation>Unknown</annotation>',
        '    <image>Unknown</image>',
        '  </source>',
        '  <size>',
        '    <width>20</width>',
        '    <height>10</height>',
        '    <depth></depth>',
        '  </size>',
        '  <segmented>0</segmented>',
        '  <object>',
        '    <name>cat</name>',
        '    <pose>Left</pose>',
        '    <truncated>1</truncated>',
        '    <occluded>1</occluded>',
        '    <difficult>0</difficult>',
        '    <bndbox>',
        '      <xmin>1.5</xmin>',
        '      <ymin>2.0</ymin>',
        '      <xmax>10.25</xmax>',
        '      <ymax>8.0</ymax>',
        '    </bndbox>',
        '    <attributes>',
        '      <attribute>',
        '        <name>size</name>',
        '        <value>3.0</value>',
        '      </attribute>',
        '      <attribute>',
        '        <name>color</name>',
        '        <value>blue</value>',
        '      </attribute>',
        '      <attribute>',
        '        <name>rotation</name>',
        '        <value>30.0</value>',
        '      </attribute>',
        '    </attributes>',
        '  </object>',
        '</annotation>',
        '',
      ].join('\n'),
    );
    expect(sink.text('ImageSets/Main/train.txt')).toBe('a/2007_0001\n');
    expect(sink.text('ImageSets/Main/default.txt')).toBe('b\nc\n');
    // Only the item without annotations is listed for segmentation (no masks anywhere).
    expect(sink.text('ImageSets/Segmentation/default.txt')).toBe('c\n');
    expect(sink.text('ImageSets/Segmentation/train.txt')).toBeUndefined();
    expect(sink.text('ImageSets/Main/dog_train.txt')).toBe('a/2007_0001  1\n');
    expect(sink.text('ImageSets/Main/background_train.txt')).toBe('a/2007_0001 -1\n');
    expect(sink.text('labelmap.txt')).toBe('# label:color_rgb:parts:actions\nbackground:0,0,0::\ncat:128,0,0::\ndog:0,128,0::\n');
    expect(sink.text('Annotations/c.xml')).not.toContain('<size>');

    expect(writeContext.diagnostics.items.map((item) => item.code).sort()).toEqual(['group-dropped', 'shape-unsupported']);

    expect(back.frames.map((frame) => [frame.name, frame.subset, frame.width, frame.height])).toEqual([
      ['b.png', 'default', 30, 40],
      ['c.jpg', 'default', undefined, undefined],
      ['a/2007_0001.jpg', 'train', 20, 10],
    ]);
    expect(canonicalShapes(back)).toEqual([
      { frame: 'default/b.png', label: 'dog', type: 'rectangle', points: [0, 0, 1, 1], occluded: false, rotation: 0, attributes: {} },
      {
        frame: 'train/a/2007_0001.jpg',
        label: 'cat',
        type: 'rectangle',
        points: [1.5, 2, 10.25, 8],
        occluded: true,
        rotation: 30,
        attributes: { truncated: 'true', pose: 'Left', size: '3.0', color: 'blue' },
      },
    ]);
    expect(canonicalTags(back)).toEqual(['train/a/2007_0001.jpg:dog']);
    expect(back.labels.map((label) => label.name)).toEqual(['background', 'cat', 'dog']);
  });

  it('rebuilds tracks from track_id and keyframe attributes', async () => {
    const dataset = datasetWith([{ name: 'car' }], [0, 1, 2, 3, 4].map((index) => ({ name: `frame_${index}.jpg`, width: 100, height: 100 })));
    dataset.annotations.tracks = [
      {
        id: null,
        label_id: 1,
        frame: 0,
        group: 0,
        source: 'manual',
        attributes: [],
        elements: [],
        shapes: [
          { id: null, frame: 0, type: 'rectangle', points: [0, 0, 10, 10], occluded: false, outside: false, z_order: 0, rotation: 0, attributes: [] },
          { id: null, frame: 2, type: 'rectangle', points: [20, 20, 30, 30], occluded: false, outside: false, z_order: 0, rotation: 0, attributes: [] },
          { id: null, frame: 3, type: 'rectangle', points: [20, 20, 30, 30], occluded: false, outside: true, z_order: 0, rotation: 0, attributes: [] },
        ],
      },
    ];
    const { sink, back } = await roundTrip(dataset);
    expect(sink.text('Annotations/frame_1.xml')).toContain('<name>keyframe</name>\n        <value>False</value>');
    expect(sink.text('Annotations/frame_3.xml')).not.toContain('<object>');
    expect(back.annotations.shapes).toEqual([]);
    expect(back.annotations.tracks).toHaveLength(1);
    const track = back.annotations.tracks[0]!;
    expect(track.shapes.map((item) => [item.frame, item.outside, item.points])).toEqual([
      [0, false, [0, 0, 10, 10]],
      [2, false, [20, 20, 30, 30]],
      [3, true, [20, 20, 30, 30]],
    ]);
  });

  const coordinate = fc.integer({ min: -50_000, max: 200_000 }).map((value) => value / 100);
  const box = fc.tuple(coordinate, coordinate, coordinate, coordinate).map(([x1, y1, x2, y2]) => [Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2)]);
  const object = fc.record({
    label: fc.integer({ min: 1, max: 3 }),
    points: box,
    occluded: fc.boolean(),
    rotation: fc.integer({ min: 0, max: 35_999 }).map((value) => value / 100),
    truncated: fc.boolean(),
    note: fc.stringMatching(/^[\w <>&"'.-]{0,12}$/),
  });
  test.prop([fc.array(fc.array(object, { maxLength: 5 }), { minLength: 1, maxLength: 4 })], { numRuns: 60 })('keeps boxes, flags, rotation and attributes exactly', async (frames) => {
    const dataset = datasetWith(
      ['a', 'b_c', 'd e'].map((name) => ({ name, attributes: [{ name: 'truncated', input_type: 'checkbox' as const }, { name: 'note' }] })),
      frames.map((_, index) => ({ name: `img_${index}.jpg`, width: 640, height: 480, subset: 'train' })),
    );
    dataset.annotations.shapes = frames.flatMap((objects, frame) =>
      objects.map((item) =>
        shape({
          type: 'rectangle',
          label_id: item.label,
          frame,
          points: item.points,
          occluded: item.occluded,
          rotation: item.rotation,
          attributes: [
            { spec_id: (item.label - 1) * 2 + 1, value: String(item.truncated) },
            { spec_id: (item.label - 1) * 2 + 2, value: item.note },
          ],
        }),
      ),
    );
    const { back, readContext } = await roundTrip(dataset);
    const normalize = (shapes: ReturnType<typeof canonicalShapes>) =>
      shapes.map((item) => ({ ...item, attributes: { truncated: item.attributes.truncated ?? 'false', note: item.attributes.note ?? '' } }));
    expect(normalize(canonicalShapes(back))).toEqual(normalize(canonicalShapes(dataset)));
    expect(readContext.diagnostics.items).toEqual([]);
  });
});
