// A format-plugin test double for the engine's own tests (never listed in formats.ts): a tiny JSON format,
// `fake.json`, that can hold rectangles and polygons only, so conversions into it report losses.
import type { Dataset, FileSink, FileTree, FormatContext, FormatPlugin, ShapeType } from '@annoconv/core';
import { DatasetBuilder, ParseError, listing, throwIfAborted } from '@annoconv/core';

interface FakeFile {
  labels: string[];
  frames: Array<{ name: string; subset?: string; width?: number; height?: number }>;
  shapes: Array<{ frame: number; label: string; type: ShapeType; points: number[] }>;
  tracks?: Array<{ frame: number; label: string; shapes: Array<{ frame: number; type: ShapeType; points: number[]; outside?: boolean }> }>;
}

const supported: readonly ShapeType[] = ['rectangle', 'polygon'];

async function readFake(tree: FileTree, _options: unknown, context: FormatContext): Promise<Dataset> {
  let file: FakeFile;
  try {
    file = JSON.parse(await tree.readText('fake.json')) as FakeFile;
  } catch (error) {
    throw new ParseError(`invalid JSON: ${(error as Error).message}`, { file: 'fake.json', line: 1 });
  }
  if (!Array.isArray(file.labels)) throw new ParseError('labels must be a list', { file: 'fake.json', jsonPath: '$.labels' });
  const builder = new DatasetBuilder();
  for (const name of file.labels) builder.label(name);
  for (const frame of file.frames ?? []) builder.frame(frame.name, { ...(frame.subset ? { subset: frame.subset } : {}), ...(frame.width ? { width: frame.width, height: frame.height } : {}) });
  file.shapes.forEach((shape, index) => {
    throwIfAborted(context);
    const label = builder.findLabel(shape.label);
    if (!label) {
      context.diagnostics.warn('label-unknown', `unknown label '${shape.label}', shape dropped`, { file: 'fake.json', jsonPath: `$.shapes[${index}]` });
      return;
    }
    builder.dataset.annotations.shapes.push({
      id: null, label_id: label.id, frame: shape.frame, group: 0, source: 'file', attributes: [], type: shape.type, occluded: false,
      outside: false, z_order: 0, rotation: 0, points: shape.points, score: 1, elements: [],
    } as Dataset['annotations']['shapes'][number]);
  });
  for (const track of file.tracks ?? []) {
    const label = builder.label(track.label);
    builder.dataset.annotations.tracks.push({
      id: null, label_id: label.id, frame: track.frame, group: 0, source: 'file', attributes: [], elements: [],
      shapes: track.shapes.map((shape) => ({ id: null, frame: shape.frame, attributes: [], type: shape.type, occluded: false, outside: shape.outside ?? false, z_order: 0, rotation: 0, points: shape.points })),
    } as Dataset['annotations']['tracks'][number]);
  }
  return builder.build();
}

async function writeFake(dataset: Dataset, sink: FileSink, _options: unknown, context: FormatContext): Promise<void> {
  const names = new Map(dataset.labels.map((label) => [label.id, label.name]));
  const file: FakeFile = {
    labels: dataset.labels.map((label) => label.name),
    frames: dataset.frames.map((frame) => ({ name: frame.name, ...(frame.subset ? { subset: frame.subset } : {}) })),
    shapes: [],
  };
  dataset.annotations.shapes.forEach((shape, index) => {
    if (!supported.includes(shape.type)) {
      context.diagnostics.warn('shape-unsupported', `fake cannot hold a ${shape.type}; dropped`, { frame: shape.frame, objectKind: 'shape', objectId: shape.id ?? index });
      return;
    }
    file.shapes.push({ frame: shape.frame, label: names.get(shape.label_id) ?? '?', type: shape.type, points: shape.points });
  });
  for (const track of dataset.annotations.tracks) {
    context.diagnostics.warn('track-flattened', 'fake has no tracks; keyframes written as shapes', { frame: track.frame, objectKind: 'track', objectId: track.id ?? 0 });
    for (const shape of track.shapes) if (!shape.outside) file.shapes.push({ frame: shape.frame, label: names.get(track.label_id) ?? '?', type: shape.type, points: shape.points });
  }
  await sink.write('fake.json', `${JSON.stringify(file, null, 2)}\n`);
}

/** The strong double: recognises `fake.json` with confidence 1. */
export const fakePlugin: FormatPlugin = {
  id: 'fake',
  names: ['Fake 1.0'],
  description: 'test double',
  importer: listing('Fake', '1.0', 'JSON, ZIP'),
  exporter: listing('Fake', '1.0'),
  capabilities: { shapes: supported, tags: false, tracks: 'none', attributes: false, imageSizes: false, images: false },
  options: [{ name: 'pretty', type: 'boolean', default: true, description: 'indent the JSON' }],
  async detect(tree) {
    return tree.has('fake.json') ? { confidence: 1, reasons: [] } : { confidence: 0, reasons: ['no fake.json at the root'] };
  },
  read: readFake,
  write: writeFake,
};

/** A weaker double claiming the same files, to test ranking. */
export const weakFakePlugin: FormatPlugin = {
  ...fakePlugin,
  id: 'weak-fake',
  names: ['Weak Fake 1.0'],
  importer: listing('Weak Fake', '1.0'),
  exporter: undefined,
  options: [],
  write: undefined,
  async detect(tree) {
    return tree.entries().some((entry) => entry.path.endsWith('.json')) ? { confidence: 0.4, reasons: [] } : { confidence: 0, reasons: ['no .json file'] };
  },
};

/** A double whose detector crashes: detection must record the failure as a reason, not stop. */
export const brokenFakePlugin: FormatPlugin = {
  ...fakePlugin,
  id: 'broken-fake',
  names: ['Broken Fake 1.0'],
  importer: listing('COCO', '1.0', 'JSON, ZIP'),
  exporter: listing('CVAT for images', '1.1'),
  async detect() {
    throw new TypeError('boom');
  },
};

/** A double CVAT also knows, to test the listing order (names CVAT lists come first, in CVAT's order). */
export const cvatNamedFakePlugin: FormatPlugin = {
  ...fakePlugin,
  id: 'cvat-named-fake',
  names: ['CVAT for video 1.1'],
  importer: listing('CVAT', '1.1', 'XML, ZIP'),
  exporter: listing('CVAT for video', '1.1'),
  detect: undefined,
};

export const fakePlugins: FormatPlugin[] = [fakePlugin, weakFakePlugin, brokenFakePlugin, cvatNamedFakePlugin];
