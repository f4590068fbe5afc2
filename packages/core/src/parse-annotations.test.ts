// parseAnnotations / parseDataset: every problem with its model path, in CVAT's words, never a bare exception.
import { describe, expect, it } from 'vitest';
import { SchemaError } from './errors.js';
import { parseAnnotations, safeParseAnnotations, toDrfErrorBody, formatPath } from './parse-annotations.js';
import { parseDataset, safeParseDataset } from './parse-dataset.js';
import { pythonStr } from './model/annotations.js';
import { testLabels } from './operations/test-labels.js';

const rectangle = { type: 'rectangle', frame: 0, label_id: 1, points: [0, 0, 1, 1] };

describe('parseAnnotations', () => {
  it('fills CVAT defaults; {} is an empty body; unknown keys are ignored', () => {
    expect(parseAnnotations({})).toEqual({ version: 0, tags: [], shapes: [], tracks: [] });
    const parsed = parseAnnotations({ shapes: [{ ...rectangle, group: null }], intervals: [], extra: 1 });
    expect(parsed.shapes[0]).toEqual({ id: null, label_id: 1, frame: 0, group: 0, source: 'manual', attributes: [], type: 'rectangle', occluded: false, outside: false, z_order: 0, rotation: 0, points: [0, 0, 1, 1], score: 1, elements: [] });
    expect('intervals' in parsed).toBe(false);
  });

  it('lists every problem with its path, in CVAT words', () => {
    const body = { shapes: [rectangle, rectangle, rectangle, { ...rectangle, points: [1, 2, 3] }], tracks: [{ label_id: 1, frame: 0 }], tags: [{ label_id: 'x', frame: 0 }] };
    let error: unknown;
    try {
      parseAnnotations(body);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SchemaError);
    const issues = (error as SchemaError).issues;
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'shapes[3].points', message: "invalid length for shape type 'rectangle'" },
        { path: 'tracks[0].shapes', message: 'This field is required.' },
        { path: 'tags[0].label_id', message: 'A valid integer is required.' },
      ]),
    );
    expect((error as SchemaError).message).toContain("shapes[3].points: invalid length for shape type 'rectangle'");
  });

  it('applies the id rule of the action, not to tracked shapes', () => {
    const create = safeParseAnnotations({ shapes: [{ ...rectangle, id: 4 }], tracks: [{ label_id: 1, frame: 0, shapes: [{ id: 9, type: 'points', frame: 0, points: [1, 1] }] }] }, { action: 'create' });
    expect(create.success).toBe(false);
    if (!create.success) expect(create.body).toEqual({ shapes: [{ id: ['must be absent'] }] });
    expect(safeParseAnnotations({ shapes: [{ ...rectangle, id: 4 }] }, { action: 'update' }).success).toBe(true);
  });

  it('never throws a bare exception, whatever the input', () => {
    for (const input of [null, undefined, 42, 'text', [], { tags: 'x' }, { shapes: [null] }, { shapes: [{ points: 'abc' }] }]) {
      const result = safeParseAnnotations(input);
      expect(result.success).toBe(false);
      if (!result.success) expect(result.error).toBeInstanceOf(SchemaError);
    }
    const hostile = { get shapes(): never { throw new TypeError('boom'); } };
    expect(safeParseAnnotations(hostile).success).toBe(false);
  });

  it('stringifies attribute values as Python str() does', () => {
    expect([true, false, null, 3, 1.5, 1e-5, 1e16, 'x'].map(pythonStr)).toEqual(['True', 'False', 'None', '3', '1.5', '1e-05', '1e+16', 'x']);
  });

  it('builds DRF-shaped bodies and model paths', () => {
    expect(formatPath(['shapes', 3, 'elements', 0, 'points'])).toBe('shapes[3].elements[0].points');
    expect(toDrfErrorBody([{ path: ['tracks', 1, 'shapes', 0, 'frame'], message: 'm' }, { path: ['tracks', 1, 'label_id'], message: 'n' }])).toEqual({ tracks: [{}, { shapes: [{ frame: ['m'] }], label_id: ['n'] }] });
  });
});

describe('parseDataset', () => {
  const dataset = () => ({
    labels: testLabels(),
    frames: [{ index: 0, name: 'a.jpg', width: 10, height: 10 }, { index: 1, name: 'b.jpg' }],
    annotations: { shapes: [rectangle], tracks: [{ label_id: 1, frame: 0, attributes: [{ spec_id: 1, value: 'red' }], shapes: [{ type: 'points', frame: 1, points: [1, 1], attributes: [{ spec_id: 2, value: 'true' }] }] }] },
  });

  it('accepts a consistent dataset and fills defaults', () => {
    const parsed = parseDataset(dataset());
    expect(parsed.frames[1]!.subset).toBe('');
    expect(parsed.meta.mode).toBe('annotation');
  });

  it('reports broken references with their paths', () => {
    const broken = dataset();
    broken.annotations.shapes.push({ ...rectangle, label_id: 42 }, { ...rectangle, frame: 7 });
    broken.annotations.tracks[0]!.attributes = [{ spec_id: 2, value: 'true' }];
    broken.frames.push({ index: 1, name: 'c.jpg' });
    const result = safeParseDataset(broken);
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error.issues).toEqual([
      { path: 'frames[2].index', message: 'duplicate frame index 1' },
      { path: 'annotations.shapes[1].label_id', message: 'label_id `42` is invalid' },
      { path: 'annotations.shapes[2].frame', message: 'frame 7 is not a frame of the dataset' },
      { path: 'annotations.tracks[0].attributes[0].spec_id', message: 'spec_id `2` is invalid' },
    ]);
    expect(() => parseDataset(broken)).toThrow(SchemaError);
  });

  it('reports duplicate label and spec ids', () => {
    const broken = dataset();
    broken.labels[2]!.id = 1;
    broken.labels[2]!.attributes[0]!.id = 1;
    const result = safeParseDataset(broken);
    expect(result.success ? [] : result.error.issues.map((issue) => issue.path)).toEqual(expect.arrayContaining(['labels[2].id', 'labels[2].attributes[0].id']));
  });
});
