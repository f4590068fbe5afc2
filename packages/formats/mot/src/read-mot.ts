// MOT 1.1 → Dataset, as CVAT imports it (CVAT `mot.py` over Datumaro's `mot_seq`): frame index = MOT frame − 1,
// labels from `dataset_meta.json` or `gt/labels.txt` (else MOT16's), rows with a positive id become tracks whose
// every row is a keyframe (outside after gaps and after the last row), other rows plain boxes; `occluded` =
// visibility ≤ 0, and the `visibility` / `ignored` values kept as attributes.
import {
  DatasetBuilder, ParseError, shapesToTracks, throwIfAborted,
  type AttributeVal, type Dataset, type FileTree, type FormatContext, type Label, type ReadOptions, type Shape, type TrackedShapeItem,
} from '@annoconv/core';
import { imageSizeFromTree, readDatasetMeta, extensionOf, isImagePath, withoutExtension } from '@annoconv/io';
import { parseGtText, parseLabelsText, parseSeqinfo } from './mot-text.js';
import { MOT16_LABELS, type Seqinfo } from './schema.js';
import { pad6 } from './names.js';
import { pythonFloat } from './python-float.js';

/** The folder holding `gt/gt.txt` ('' for the root, else with a trailing slash); the shallowest one wins. */
export function findMotRoot(paths: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const path of paths) {
    if (path !== 'gt/gt.txt' && !path.endsWith('/gt/gt.txt')) continue;
    const root = path.slice(0, -'gt/gt.txt'.length);
    if (best === undefined || root.split('/').length < best.split('/').length) best = root;
  }
  return best;
}

export async function readMot(tree: FileTree, _options: ReadOptions, context: FormatContext): Promise<Dataset> {
  const paths = tree.entries().map((entry) => entry.path);
  const root = findMotRoot(paths);
  if (root === undefined) throw new ParseError('no gt/gt.txt found', { file: tree.name });
  const diagnostics = context.diagnostics;
  const builder = new DatasetBuilder();

  // Labels: dataset_meta.json in the sequence folder (beside gt/), else gt/labels.txt, else MOT16's (Datumaro's order).
  const labelsPath = `${root}gt/labels.txt`;
  const meta = await readDatasetMeta(tree, root, { diagnostics });
  if (meta && tree.has(labelsPath)) diagnostics.info('field-ignored', `${labelsPath} is not read: labels come from ${meta.file}`, { file: labelsPath });
  const labelNames = meta ? meta.labels.map((entry) => entry.name) : tree.has(labelsPath) ? parseLabelsText(await tree.readText(labelsPath)) : [...MOT16_LABELS];
  const labelSource = meta ? ` in ${meta.file}` : tree.has(labelsPath) ? ` in ${labelsPath}` : ', MOT16 defaults';
  const labels: Label[] = labelNames.map((name) => builder.label(name));

  const seqinfoPath = `${root}seqinfo.ini`;
  const seqinfo: Seqinfo | undefined = tree.has(seqinfoPath) ? parseSeqinfo(await tree.readText(seqinfoPath), seqinfoPath) : undefined;
  const imageDir = `${root}${seqinfo?.imdir ?? 'img1'}/`;

  // Images by MOT frame number; CVAT takes int(item id) − 1 as the frame, so only numeric names can be placed.
  const imagesByNumber = new Map<number, string>();
  for (const path of paths) {
    if (!path.startsWith(imageDir) || !isImagePath(path)) continue;
    const id = withoutExtension(path.slice(imageDir.length));
    if (!/^\d+$/.test(id)) {
      diagnostics.warn('annotation-unmatched', `image name '${id}' is not a frame number; CVAT maps MOT frames by int(name) − 1, so it is not read`, { file: path });
      continue;
    }
    const number = Number(id);
    if (number < 1) {
      diagnostics.warn('annotation-unmatched', `image '${path}' is frame ${number}; MOT frames are 1-based, so it is not read`, { file: path });
      continue;
    }
    imagesByNumber.set(number, path);
  }

  const gtPath = `${root}gt/gt.txt`;
  const rows = parseGtText(await tree.readText(gtPath), gtPath);
  let last = seqinfo?.seqlength ?? 0;
  for (const number of imagesByNumber.keys()) last = Math.max(last, number);
  for (const row of rows) last = Math.max(last, row.frame);

  const defaultExtension = seqinfo?.imext ?? (imagesByNumber.size > 0 ? extensionOf(imagesByNumber.values().next().value!) : '.jpg');
  for (let number = 1; number <= last; number++) {
    const image = imagesByNumber.get(number);
    const name = image ? image.slice(imageDir.length) : pad6(number) + defaultExtension;
    const frame = builder.frame(name, image ? { image: { path: image, read: () => tree.read(image) } } : {});
    if (seqinfo) {
      frame.width = seqinfo.imwidth;
      frame.height = seqinfo.imheight;
    } else if (image) {
      const size = await imageSizeFromTree(tree, image);
      if (size) {
        frame.width = size.width;
        frame.height = size.height;
      }
    }
    if (number % 1024 === 0) throwIfAborted(context);
  }

  const shapes: Shape[] = [];
  const trackItems: TrackedShapeItem[] = [];
  for (const row of rows) {
    const where = { file: gtPath, line: row.line, frame: row.frame - 1 };
    if (row.classId === undefined) {
      diagnostics.warn('label-unknown', 'row has no class (absent, empty or ≤ 0); CVAT refuses unlabeled annotations, so it is dropped', where);
      continue;
    }
    const label = labels[row.classId - 1];
    if (!label) throw new ParseError(`class ${row.classId} is not in the label list (${labels.length} labels${labelSource})`, { file: gtPath, line: row.line });
    const attributes: AttributeVal[] = [];
    // CVAT keeps `visibility` and `ignored` when the label declares them; declared here so they survive.
    const ignored = builder.attribute(label, 'ignored', { mutable: true, input_type: 'checkbox', default_value: 'false', values: ['false', 'true'] });
    attributes.push({ spec_id: ignored.id, value: row.confidence === 0 ? 'true' : 'false' });
    if (row.visibility !== undefined) {
      const visibility = builder.attribute(label, 'visibility', { mutable: true, input_type: 'number', default_value: '1', values: ['0', '1', '0.01'] });
      attributes.push({ spec_id: visibility.id, value: pythonFloat(row.visibility) });
    }
    const shape: Shape = {
      id: null, label_id: label.id, frame: row.frame - 1, group: 0, source: 'file', attributes, type: 'rectangle',
      // Datumaro's occlusion threshold is 0: only a visibility of 0 (or less) makes a box occluded.
      occluded: row.visibility !== undefined && row.visibility <= 0,
      outside: false, z_order: 0, rotation: 0, points: [row.x, row.y, row.x + row.width, row.y + row.height], score: 1, elements: [],
    };
    if (row.id > 0) trackItems.push({ shape, trackId: row.id, keyframe: true });
    else shapes.push(shape);
  }
  const dataset = builder.build();
  if (seqinfo) dataset.meta.name = seqinfo.name;
  const tracks = shapesToTracks(trackItems, { lastFrame: dataset.frames.length - 1, labels: dataset.labels });
  dataset.annotations = { version: 0, tags: [], shapes, tracks };
  return dataset;
}
