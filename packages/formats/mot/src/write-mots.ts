// Dataset → MOTS PNG 1.0 as CVAT exports it (CVAT `mots.py`: KeepTracks, boxes and polygons to masks, group
// merge, Datumaro's `mots` writer): tracked shapes only, painted by z_order into one 16-bit PNG per frame with
// pixel = 1000 · (label index + 1) + track index, `labels.txt` beside the PNGs.
import { throwIfAborted, type Dataset, type FileSink, type FormatContext, type WriteOptions } from '@annoconv/core';
import { paintShapes, tracksToShapes, type PaintShape } from '@annoconv/geometry';
import { encodePng, withoutExtension } from '@annoconv/io';

const PAINTED: ReadonlySet<string> = new Set(['rectangle', 'polygon', 'ellipse', 'mask']);

export async function writeMots(dataset: Dataset, sink: FileSink, options: WriteOptions, context: FormatContext): Promise<void> {
  const diagnostics = context.diagnostics;
  const labelIndex = new Map(dataset.labels.map((label, index) => [label.id, index]));
  const deleted = new Set(dataset.meta.deletedFrames);

  dataset.annotations.shapes.forEach((shape, position) =>
    diagnostics.warn('shape-unsupported', `MOTS keeps only tracks; ${shape.type} shape dropped`, { frame: shape.frame, objectKind: 'shape', objectId: shape.id ?? position }),
  );
  for (const tag of dataset.annotations.tags) diagnostics.warn('tag-unsupported', 'MOTS cannot hold tags; dropped', { frame: tag.frame, objectKind: 'tag', ...(tag.id !== null ? { objectId: tag.id } : {}) });

  const tracks = dataset.annotations.tracks;
  const usable = tracks.map((track, index) => {
    const where = { objectKind: 'track', objectId: track.id ?? index, frame: track.frame };
    if (!labelIndex.has(track.label_id)) {
      diagnostics.warn('label-unknown', `label id ${track.label_id} is not in the dataset's labels; track dropped`, where);
      return false;
    }
    const type = track.shapes[0]?.type;
    if (type === undefined || !PAINTED.has(type)) {
      diagnostics.warn('shape-unsupported', `MOTS paints boxes, polygons, ellipses and masks; ${type ?? 'empty'} track dropped`, where);
      return false;
    }
    if (index >= 1000) {
      diagnostics.warn('invalid-value', `track index ${index} does not fit the 3 instance digits of 1000 · class + instance; dropped`, where);
      return false;
    }
    if (labelIndex.get(track.label_id)! + 1 > 65) {
      diagnostics.warn('invalid-value', `label index ${labelIndex.get(track.label_id)! + 1} does not fit a 16-bit pixel as 1000 · class + instance; dropped`, where);
      return false;
    }
    if (type !== 'mask') diagnostics.info('shape-converted', `${type} track painted as a mask`, where);
    if (track.attributes.length > 0 || track.shapes.some((shape) => shape.attributes.length > 0)) diagnostics.info('attribute-dropped', 'MOTS keeps no attributes', where);
    if (track.shapes.some((shape) => shape.occluded)) diagnostics.info('occluded-dropped', 'MOTS keeps no occluded flag', where);
    return true;
  });

  const byFrame = new Map<number, PaintShape[]>();
  const groupValue = new Map<string, number>();
  for (const shape of tracksToShapes(tracks, { endFrame: dataset.frames.length, deletedFrames: dataset.meta.deletedFrames })) {
    if (shape.outside || !usable[shape.track_id]) continue;
    let value = 1000 * (labelIndex.get(shape.label_id)! + 1) + shape.track_id;
    // Datumaro's merge_instance_segments: the members of one group (and label) on a frame are one instance.
    if (shape.group) {
      const key = `${shape.frame}:${shape.label_id}:${shape.group}`;
      value = groupValue.get(key) ?? value;
      groupValue.set(key, value);
    }
    let list = byFrame.get(shape.frame);
    if (!list) byFrame.set(shape.frame, (list = []));
    list.push({ type: shape.type, points: shape.points, rotation: shape.rotation, z_order: shape.z_order, value });
  }

  const subsets = new Set<string>();
  /** Frames that get no PNG: MOTS has no other file per frame, so they do not read back (unless images are saved). */
  const unwritten: string[] = [];
  let firstUnwritten: { frame: number; frameName: string } | undefined;
  let done = 0;
  for (const frame of dataset.frames) {
    throwIfAborted(context);
    const where = { frame: frame.index, frameName: frame.name };
    if (deleted.has(frame.index)) {
      diagnostics.info('field-ignored', 'deleted frame not exported', where);
      continue;
    }
    const subset = frame.subset || 'default';
    const shapes = byFrame.get(frame.index);
    if (shapes && shapes.length > 0) {
      if (!frame.width || !frame.height) {
        diagnostics.warn('image-size-unknown', `image size unknown; ${shapes.length} shape(s) cannot be painted`, where);
      } else {
        const target = new Uint16Array(frame.width * frame.height);
        paintShapes(shapes, frame.height, frame.width, target);
        subsets.add(subset);
        await sink.write(`${subset}/instances/${withoutExtension(frame.name)}.png`, encodePng({ width: frame.width, height: frame.height, channels: 1, bitDepth: 16, data: target }));
      }
    }
    const wrotePng = shapes !== undefined && shapes.length > 0 && Boolean(frame.width && frame.height);
    if (!wrotePng && !(options.saveImages && frame.image)) {
      unwritten.push(`'${frame.name}'`);
      firstUnwritten ??= where;
    }
    if (options.saveImages) {
      if (frame.image) await sink.write(`${subset}/images/${frame.name}`, await frame.image.read());
      else diagnostics.warn('image-missing', 'no image bytes to save', where);
    }
    context.onProgress?.({ stage: 'writing masks', done: ++done, total: dataset.frames.length });
  }
  if (unwritten.length > 0)
    diagnostics.info('field-dropped', `${unwritten.length} frame(s) without tracked shapes get no PNG and do not read back: ${unwritten.slice(0, 5).join(', ')}${unwritten.length > 5 ? ', …' : ''}`, firstUnwritten);
  for (const label of dataset.labels)
    if (label.name !== label.name.trim() || /[\r\n]/.test(label.name)) diagnostics.warn('invalid-value', `label '${label.name}': labels.txt lines are read back stripped, so the name will not match`, { objectKind: 'label', objectId: label.name });
  const names = dataset.labels.map((label) => label.name).join('\n');
  // labels.txt goes beside the PNGs: a subset without a PNG reads back as nothing, labels.txt or not (Datumaro
  // writes one in every subset). With no PNG at all, default/instances/labels.txt alone keeps the output readable,
  // as an empty dataset with its labels, whatever subsets the frames had (so that a second export is the same).
  if (subsets.size === 0) subsets.add('default');
  for (const subset of [...subsets].sort()) await sink.write(`${subset}/instances/labels.txt`, names);
}
