import { buildSkeletonSvg, DiagnosticBag, ParseError, type Label } from '@annoconv/core';
import { describe, expect, it } from 'vitest';
import { parseOrderedJson, OrderedJsonObject } from './dataset-meta-json.js';
import { datasetMetaPath, parseDatasetMeta, readDatasetMeta } from './dataset-meta.js';
import { readVocLabelmap } from './dataset-meta-voc.js';
import { formatDatasetMeta, formatVocDatasetMeta } from './dataset-meta-write.js';
import { MemoryTree } from './memory-tree.js';
import { vocPaletteColor } from './voc-palette.js';

const FILE = 'dataset_meta.json';

function parseError(run: () => unknown): ParseError {
  try {
    run();
  } catch (error) {
    if (error instanceof ParseError) return error;
    throw error;
  }
  throw new Error('expected a ParseError');
}

describe('parseOrderedJson', () => {
  it('keeps object keys in file order, integer-like keys included', () => {
    const value = parseOrderedJson('{"label_map": {"10": "b", "2": "a", "0": "c"}, "x": [1, -2.5e1, true, null, "s\\u00e9"]}', FILE);
    expect(value).toBeInstanceOf(OrderedJsonObject);
    const map = (value as OrderedJsonObject).get('label_map') as OrderedJsonObject;
    expect(map.members.map(([key]) => key)).toEqual(['10', '2', '0']);
    expect((value as OrderedJsonObject).get('x')).toEqual([1, -25, true, null, 'sé']);
  });

  it('keeps the first place and the last value of a repeated key, as a Python dict does', () => {
    const value = parseOrderedJson('{"a": 1, "b": 2, "a": 3}', FILE) as OrderedJsonObject;
    expect(value.members).toEqual([['a', 3], ['b', 2]]);
  });

  it('reports syntax errors with line and column', () => {
    const error = parseError(() => parseOrderedJson('{\n  "labels": ["a",]\n}', FILE));
    expect(error.where).toEqual({ file: FILE, line: 2, column: 18 });
    expect(error.message).toContain('not valid JSON');
    for (const bad of ['', '{"a": NaN}', '{"a": 1} x', '{"a": "\u0001"}', "{'a': 1}", '[1, 2', '{"a" 1}'])
      expect(() => parseOrderedJson(bad, FILE)).toThrow(ParseError);
  });
});

describe('parseDatasetMeta, common rule (parse_meta_file)', () => {
  it('lists `labels` first, then label_map names not yet listed, colours by label_map key', () => {
    const meta = parseDatasetMeta(
      JSON.stringify({
        labels: ['car', 'person'],
        label_map: { '0': 'background', '1': 'car', '2': 'tree' },
        segmentation_colors: [[0, 0, 0], [255, 0, 0], [0, 128, 0]],
        background_label: '0',
      }),
      FILE,
    );
    expect(meta.labels).toEqual([
      { name: 'car', color: [255, 0, 0], parts: [], actions: [] },
      { name: 'person', parts: [], actions: [] },
      { name: 'background', color: [0, 0, 0], parts: [], actions: [] },
      { name: 'tree', color: [0, 128, 0], parts: [], actions: [] },
    ]);
    // background_label '0' is no label's name, so it is read as an index into the labels.
    expect(meta.background).toBe(0);
  });

  it('walks label_map in file order, not in JavaScript key order', () => {
    const meta = parseDatasetMeta('{"label_map": {"2": "two", "0": "zero", "1": "one"}, "segmentation_colors": [[0,0,0],[1,1,1],[2,2,2]]}', FILE);
    expect(meta.labels.map((label) => [label.name, label.color])).toEqual([
      ['two', [2, 2, 2]],
      ['zero', [0, 0, 0]],
      ['one', [1, 1, 1]],
    ]);
  });

  it('ignores colours when every entry is null, and leaves a null colour unset', () => {
    expect(parseDatasetMeta('{"label_map": {"0": "a", "5": "b"}, "segmentation_colors": [null]}', FILE).labels.every((label) => !label.color)).toBe(true);
    const meta = parseDatasetMeta('{"label_map": {"0": "a", "1": "b"}, "segmentation_colors": [[1,2,3], null]}', FILE);
    expect(meta.labels.map((label) => label.color)).toEqual([[1, 2, 3], undefined]);
  });

  it('resolves background_label by name before index, and reports one that names nothing', () => {
    expect(parseDatasetMeta('{"labels": ["1", "x"], "background_label": "1"}', FILE).background).toBe(0);
    const diagnostics = new DiagnosticBag();
    expect(parseDatasetMeta('{"labels": ["a"], "background_label": "sky"}', FILE, { diagnostics }).background).toBeUndefined();
    expect(diagnostics.items.map((item) => item.code)).toEqual(['field-ignored']);
  });

  it('keeps the first place of a repeated label and says so', () => {
    const diagnostics = new DiagnosticBag();
    expect(parseDatasetMeta('{"labels": ["a", "b", "a"]}', FILE, { diagnostics }).labels.map((label) => label.name)).toEqual(['a', 'b']);
    expect(diagnostics.items[0]).toMatchObject({ code: 'duplicate', where: { jsonPath: '$.labels[2]' } });
  });

  it('reads YOLO pose categories', () => {
    const meta = parseDatasetMeta(
      JSON.stringify({ labels: ['body', 'head', 'tail'], label_categories: [['body', ''], ['head', 'body'], ['tail', 'body']], point_categories: [[0, ['head', 'tail'], [[1, 2]]]] }),
      FILE,
    );
    expect(meta.labelCategories).toEqual([{ name: 'body', parent: '' }, { name: 'head', parent: 'body' }, { name: 'tail', parent: 'body' }]);
    expect(meta.pointCategories).toEqual([{ label: 0, points: ['head', 'tail'], joints: [[1, 2]] }]);
  });

  it.each([
    ['[]', '$', 'expected an object'],
    ['{"labels": "car"}', '$.labels', 'expected an array'],
    ['{"labels": ["car", 3]}', '$.labels[1]', 'expected a name'],
    ['{"label_map": ["car"]}', '$.label_map', 'expected an object'],
    ['{"label_map": {"0": 7}}', '$.label_map["0"]', 'expected a label name'],
    ['{"label_map": {"0": "a"}, "segmentation_colors": {}}', '$.segmentation_colors', 'expected an array'],
    ['{"label_map": {"0": "a", "3": "b"}, "segmentation_colors": [[0,0,0]]}', '$.segmentation_colors', "needs colour 3"],
    ['{"label_map": {"0": "a"}, "segmentation_colors": [[0,0,256]]}', '$.segmentation_colors[0]', 'three integers'],
    ['{"label_map": {"0": "a"}, "segmentation_colors": [[0,0]]}', '$.segmentation_colors[0]', 'three integers'],
    ['{"label_map": {"x": "a"}, "segmentation_colors": [[0,0,0]]}', '$.label_map["x"]', 'not a colour index'],
    ['{"label_categories": [[1]]}', '$.label_categories[0]', '[name, parent]'],
    ['{"point_categories": [[0, ["a"], [[1]]]]}', '$.point_categories[0][2][0]', 'joint'],
  ])('refuses %s at %s', (text, jsonPath, message) => {
    const error = parseError(() => parseDatasetMeta(text, FILE));
    expect(error.where).toEqual({ file: FILE, jsonPath });
    expect(error.message).toContain(message);
  });
});

describe('parseDatasetMeta, VOC rule (parse_from_meta_file)', () => {
  it('pairs label_map entries with colours by position, and reads parts and actions by label index', () => {
    // As Datumaro's VOC writer lists it: only coloured labels in label_map, colours packed in the same order.
    const text = JSON.stringify({
      labels: ['background', 'person', 'hand', 'extra'],
      label_map: { '0': 'background', '1': 'person', '3': 'extra' },
      segmentation_colors: [[0, 0, 0], [10, 20, 30], [40, 50, 60]],
      parts: { '1': ['hand'] },
      actions: { '1': ['jumping', 'running'] },
      background_label: 'background',
    });
    const meta = parseDatasetMeta(text, FILE, { rule: 'voc' });
    expect(meta.labels).toEqual([
      { name: 'background', color: [0, 0, 0], parts: [], actions: [] },
      { name: 'person', color: [10, 20, 30], parts: ['hand'], actions: ['jumping', 'running'] },
      { name: 'hand', parts: [], actions: [] },
      { name: 'extra', color: [40, 50, 60], parts: [], actions: [] },
    ]);
    expect(meta.background).toBe(0);
    // The common rule reads the same file by key: 'extra' (key 3) would need a fourth colour.
    expect(() => parseDatasetMeta(text, FILE)).toThrow(/needs colour 3/);
  });

  it('gives a label listed twice its first place and the parts of its last index, as Datumaro reassigns them', () => {
    const meta = parseDatasetMeta('{"labels": ["person", "car", "person"], "parts": {"0": ["hand"], "2": ["head"]}}', FILE, { rule: 'voc' });
    expect(meta.labels.map((label) => [label.name, label.parts])).toEqual([
      ['person', ['head']],
      ['car', []],
    ]);
  });

  it('refuses parts that are not name lists', () => {
    const error = parseError(() => parseDatasetMeta('{"labels": ["a"], "parts": {"0": "hand"}}', FILE, { rule: 'voc' }));
    expect(error.where).toEqual({ file: FILE, jsonPath: '$.parts["0"]' });
  });
});

describe('readDatasetMeta and readVocLabelmap', () => {
  it('finds the file in the given folder only', async () => {
    const tree = new MemoryTree({ 'data/dataset_meta.json': '{"labels": ["a"]}' });
    expect(datasetMetaPath('')).toBe('dataset_meta.json');
    expect(datasetMetaPath('data')).toBe('data/dataset_meta.json');
    expect(await readDatasetMeta(tree, '')).toBeUndefined();
    expect((await readDatasetMeta(tree, 'data/'))?.labels.map((label) => label.name)).toEqual(['a']);
  });

  it('prefers dataset_meta.json over labelmap.txt and says labelmap.txt was not read', async () => {
    const tree = new MemoryTree({
      'voc/dataset_meta.json': '{"labels": ["background", "cat"], "label_map": {"0": "background", "1": "cat"}, "segmentation_colors": [[0,0,0],[9,9,9]]}',
      'voc/labelmap.txt': 'background:0,0,0::\ndog:1,2,3::\n',
    });
    const diagnostics = new DiagnosticBag();
    const source = await readVocLabelmap(tree, 'voc/', diagnostics);
    expect(source.file).toBe('voc/dataset_meta.json');
    expect(source.entries.map((entry) => [entry.name, entry.color])).toEqual([
      ['background', [0, 0, 0]],
      ['cat', [9, 9, 9]],
    ]);
    expect(diagnostics.items).toMatchObject([{ code: 'field-ignored', where: { file: 'voc/labelmap.txt' } }]);
  });

  it('gives uncoloured meta labels the VOC palette by position, and falls back to labelmap.txt, then the default map', async () => {
    const meta = await readVocLabelmap(new MemoryTree({ 'dataset_meta.json': '{"labels": ["background", "a", "b"]}' }), '');
    expect(meta.entries.map((entry) => entry.color)).toEqual([vocPaletteColor(0), vocPaletteColor(1), vocPaletteColor(2)]);
    const labelmap = await readVocLabelmap(new MemoryTree({ 'labelmap.txt': 'x:1,2,3::\n' }), '');
    expect(labelmap).toEqual({ entries: [{ name: 'x', color: [1, 2, 3], parts: [], actions: [] }], file: 'labelmap.txt' });
    const fallback = await readVocLabelmap(new MemoryTree({}), '');
    expect(fallback.file).toBeUndefined();
    expect(fallback.entries.map((entry) => entry.name).slice(0, 2)).toEqual(['background', 'aeroplane']);
  });
});

describe('formatVocDatasetMeta', () => {
  it('writes what Datumaro writes, and reads back to the same label map', () => {
    const entries = [
      { name: 'background', color: [0, 0, 0] as [number, number, number], parts: [], actions: [] },
      { name: 'person', color: [128, 0, 0] as [number, number, number], parts: ['hand'], actions: ['jumping'] },
      { name: 'hand', parts: [], actions: [] },
    ];
    const text = formatVocDatasetMeta(entries);
    expect(text).toBe(
      '{"labels":["background","person","hand"],"label_map":{"0":"background","1":"person"},"segmentation_colors":[[0,0,0],[128,0,0]],' +
        '"background_label":"background","parts":{"0":[],"1":["hand"],"2":[]},"actions":{"0":[],"1":["jumping"],"2":[]}}',
    );
    const meta = parseDatasetMeta(text, FILE, { rule: 'voc' });
    expect(meta.labels).toEqual(entries);
    expect(meta.background).toBe(0);
  });

  it('leaves colour fields out when no label has a colour', () => {
    expect(formatVocDatasetMeta([{ name: 'a', parts: [], actions: [] }])).toBe('{"labels":["a"],"parts":{"0":[]},"actions":{"0":[]}}');
    expect(formatVocDatasetMeta([])).toBe('{"labels":[]}');
  });
});

describe('formatDatasetMeta', () => {
  it("writes CVAT's categories as save_meta_file does: points after their skeleton, point categories from the SVG", () => {
    const skeleton: Label = {
      id: 2,
      name: 'body',
      color: '#ff0000',
      type: 'skeleton',
      attributes: [],
      svg: buildSkeletonSvg(['head', 'tail'], [[1, 2]]),
      sublabels: [
        { id: 3, name: 'head', color: '', type: 'points', attributes: [], parent_id: 2 },
        { id: 4, name: 'tail', color: '', type: 'points', attributes: [], parent_id: 2 },
      ],
    };
    const plain: Label = { id: 1, name: 'car', color: '#00ff00', type: 'any', attributes: [], sublabels: [] };
    const text = formatDatasetMeta([plain, skeleton]);
    expect(JSON.parse(text)).toEqual({
      labels: ['car', 'body', 'head', 'tail'],
      label_categories: [['car', ''], ['body', ''], ['head', 'body'], ['tail', 'body']],
      point_categories: [[1, ['head', 'tail'], [[1, 2]]]],
    });
    expect(text.startsWith('{\n  "labels": [\n    "car",')).toBe(true);
    const meta = parseDatasetMeta(text, FILE);
    expect(meta.labels.map((label) => label.name)).toEqual(['car', 'body', 'head', 'tail']);
    expect(meta.pointCategories).toEqual([{ label: 1, points: ['head', 'tail'], joints: [[1, 2]] }]);
    expect(JSON.parse(formatDatasetMeta([plain]))).toEqual({ labels: ['car'], label_categories: [['car', '']] });
  });
});
