// Dataset → MOT 1.1 as CVAT exports it (CVAT `mot.py` + Datumaro's `mot_seq_gt` writer): boxes only, tracks
// expanded to their visible frames with ids renumbered 1, 2, … in order of first appearance, plain boxes with id
// −1, frame = int(item id) when the id is a number else 1 + item position, `gt/labels.txt` in label order, CRLF
// rows with Python's float text. Everything MOT cannot hold is reported.
import { throwIfAborted, type Dataset, type FileSink, type FormatContext, type Label, type Shape, type WriteOptions, type Where } from '@annoconv/core';
import { tracksToShapes } from '@annoconv/geometry';

import { pythonFloat } from './python-float.js';
import { withoutExtension } from '@annoconv/io';

interface Row {
  shape: Pick<Shape, 'label_id' | 'points' | 'occluded' | 'attributes' | 'rotation' | 'type'>;
  trackIndex: number;
}

const KEPT_ATTRIBUTES: ReadonlySet<string> = new Set(['visibility', 'ignored']);

export async function writeMot(dataset: Dataset, sink: FileSink, options: WriteOptions, context: FormatContext): Promise<void> {
  const diagnostics = context.diagnostics;
  const labelIndex = new Map<number, number>();
  const labelById = new Map<number, Label>();
  dataset.labels.forEach((label, index) => {
    labelIndex.set(label.id, index);
    labelById.set(label.id, label);
  });
  const deleted = new Set(dataset.meta.deletedFrames);
  const rowsByFrame = new Map<number, Row[]>();
  const push = (frame: number, row: Row): void => {
    let list = rowsByFrame.get(frame);
    if (!list) rowsByFrame.set(frame, (list = []));
    list.push(row);
  };

  const checkShape = (shape: Pick<Shape, 'type' | 'label_id' | 'rotation' | 'group' | 'z_order' | 'attributes'>, where: Where): boolean => {
    if (shape.type !== 'rectangle') {
      diagnostics.warn('shape-unsupported', `MOT holds boxes only; ${shape.type} dropped`, where);
      return false;
    }
    if (!labelById.has(shape.label_id)) {
      diagnostics.warn('label-unknown', `label id ${shape.label_id} is not in the dataset's labels; dropped`, where);
      return false;
    }
    if (shape.rotation !== 0) diagnostics.warn('rotation-dropped', `box rotation ${shape.rotation}° dropped; MOT boxes are axis-aligned`, where);
    if (shape.group) diagnostics.info('group-dropped', 'MOT keeps no groups', where);
    if (shape.z_order) diagnostics.info('z-order-dropped', 'MOT keeps no z_order', where);
    const label = labelById.get(shape.label_id)!;
    for (const attribute of shape.attributes) {
      const spec = label.attributes.find((candidate) => candidate.id === attribute.spec_id);
      if (!spec || !KEPT_ATTRIBUTES.has(spec.name)) diagnostics.info('attribute-dropped', `attribute ${spec ? `'${spec.name}'` : attribute.spec_id} dropped; MOT keeps only visibility and ignored`, where);
    }
    return true;
  };

  dataset.annotations.shapes.forEach((shape, position) => {
    const where = { frame: shape.frame, objectKind: 'shape', objectId: shape.id ?? position };
    if (checkShape(shape, where)) push(shape.frame, { shape, trackIndex: -1 });
  });
  for (const tag of dataset.annotations.tags) diagnostics.warn('tag-unsupported', 'MOT cannot hold tags; dropped', { frame: tag.frame, objectKind: 'tag', ...(tag.id !== null ? { objectId: tag.id } : {}) });

  const tracks = dataset.annotations.tracks;
  const kept = tracks.map((track, index) =>
    track.shapes.every((keyframe) =>
      checkShape({ ...keyframe, label_id: track.label_id, group: track.group, attributes: [...track.attributes, ...keyframe.attributes] }, { frame: keyframe.frame, objectKind: 'track', objectId: track.id ?? index }),
    ),
  );
  if (tracks.length > 0) diagnostics.info('track-flattened', 'tracks are written on every visible frame; on import every row becomes a keyframe');
  for (const shape of tracksToShapes(tracks, { endFrame: dataset.frames.length, deletedFrames: dataset.meta.deletedFrames })) {
    if (shape.outside || !kept[shape.track_id]) continue;
    push(shape.frame, { shape: { ...shape, label_id: shape.label_id }, trackIndex: shape.track_id });
  }

  // Datumaro renumbers track ids 1, 2, … in order of first appearance in the written rows.
  const motTrackIds = new Map<number, number>();
  const lines: string[] = [];
  let position = 0;
  /** The largest frame number with a row, and the frames written with their numbers (for the frames lost). */
  let lastRow = 0;
  const numbered: Array<{ number: number; frame: (typeof dataset.frames)[number] }> = [];
  for (const frame of dataset.frames) {
    throwIfAborted(context);
    if (deleted.has(frame.index)) {
      diagnostics.info('field-ignored', 'deleted frame not exported', { frame: frame.index, frameName: frame.name });
      continue;
    }
    position++;
    const id = withoutExtension(frame.name);
    const number = /^\d+$/.test(id) ? Number(id) : position;
    numbered.push({ number, frame });
    if ((rowsByFrame.get(frame.index)?.length ?? 0) > 0) lastRow = Math.max(lastRow, number);
    for (const { shape, trackIndex } of rowsByFrame.get(frame.index) ?? []) {
      const label = labelById.get(shape.label_id)!;
      let motId = -1;
      if (trackIndex >= 0) {
        motId = motTrackIds.get(trackIndex) ?? motTrackIds.size + 1;
        motTrackIds.set(trackIndex, motId);
      }
      const values = new Map<string, string>();
      for (const attribute of shape.attributes) {
        const spec = label.attributes.find((candidate) => candidate.id === attribute.spec_id);
        if (spec) values.set(spec.name, attribute.value);
      }
      const ignoredSpec = label.attributes.find((spec) => spec.name === 'ignored');
      const visibilitySpec = label.attributes.find((spec) => spec.name === 'visibility');
      const ignored = (values.get('ignored') ?? ignoredSpec?.default_value ?? 'false').toLowerCase() === 'true';
      const visibilityText = values.get('visibility') ?? visibilitySpec?.default_value;
      const visibility = visibilityText !== undefined && Number.isFinite(Number(visibilityText)) && visibilityText.trim() !== '' ? Number(visibilityText) : shape.occluded ? 0 : 1;
      if (shape.occluded && visibility > 0)
        diagnostics.warn('occluded-dropped', `occluded box written with visibility ${visibility} (the label's visibility attribute); read back as not occluded`, { frame: frame.index, frameName: frame.name, objectKind: trackIndex >= 0 ? 'track' : 'shape', ...(trackIndex >= 0 ? { objectId: trackIndex } : {}) });
      const [x1, y1, x2, y2] = shape.points as [number, number, number, number];
      lines.push([number, motId, pythonFloat(x1), pythonFloat(y1), pythonFloat(x2 - x1), pythonFloat(y2 - y1), ignored ? 0 : 1, labelIndex.get(label.id)! + 1, pythonFloat(visibility)].join(','));
    }
    if (options.saveImages) {
      if (frame.image) await sink.write(`img1/${frame.name}`, await frame.image.read());
      else diagnostics.warn('image-missing', 'no image bytes to save', { frame: frame.index, frameName: frame.name });
    }
    context.onProgress?.({ stage: 'writing', done: position, total: dataset.frames.length });
  }
  // Import numbers frames 1 … the last frame of gt.txt (or of img1/): CVAT writes no seqinfo.ini, so the frames
  // after the last one with a box are lost unless their images are saved.
  const lost = numbered.filter(({ number, frame }) => number > lastRow && !(options.saveImages && frame.image));
  if (lost.length > 0)
    diagnostics.info('field-dropped', `${lost.length} frame(s) after the last one with a box do not read back (MOT keeps frames only as gt.txt rows, no seqinfo.ini is written): ${lost.slice(0, 5).map(({ frame }) => `'${frame.name}'`).join(', ')}${lost.length > 5 ? ', …' : ''}`, { frame: lost[0]!.frame.index, frameName: lost[0]!.frame.name });
  // Python's csv module ends rows with CRLF.
  await sink.write('gt/gt.txt', lines.map((line) => `${line}\r\n`).join(''));
  for (const label of dataset.labels) if (label.sublabels.length > 0) diagnostics.warn('shape-unsupported', `skeleton label '${label.name}': its points are not exported`, { objectKind: 'label', objectId: label.name });
  for (const label of dataset.labels)
    if (label.name !== label.name.trim() || /[\r\n]/.test(label.name)) diagnostics.warn('invalid-value', `label '${label.name}': labels.txt lines are read back stripped, so the name will not match`, { objectKind: 'label', objectId: label.name });
  await sink.write('gt/labels.txt', dataset.labels.map((label) => label.name).join('\n'));
}
