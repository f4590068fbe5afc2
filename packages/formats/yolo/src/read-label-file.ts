// Reads one label file into shapes of one frame, for every line-based flavour. A file with lines but no known
// image size is an error: normalized coordinates cannot become pixels without it (cvat#2473).
import type { FileTree, Frame, Label, Shape, TrackedShapeItem } from '@annoconv/core';
import { ParseError } from '@annoconv/core';
import { decodeLine, type DecodeSetup } from './decode-line.js';
import { decodedToShape } from './decoded-to-shape.js';
import { splitLines } from './line.js';

export interface LabelFileSetup extends Omit<DecodeSetup, 'file'> {
  /** Class index → label. */
  classes: readonly Label[];
}

export interface ReadObjects {
  shapes: Shape[];
  tracked: TrackedShapeItem[];
}

export async function readLabelFile(tree: FileTree, path: string, frame: Frame, setup: LabelFileSetup, objects: ReadObjects): Promise<void> {
  const rows = splitLines(await tree.readText(path));
  if (rows.length === 0) return;
  if (frame.width === undefined || frame.height === undefined) {
    throw new ParseError(`cannot convert normalized coordinates: the size of image '${frame.name}' is unknown (no image file, no images.meta entry)`, { file: path, line: rows[0]!.line });
  }
  const decodeSetup: DecodeSetup = { ...setup, file: path };
  for (const row of rows) {
    const decoded = decodeLine(row.fields, row.line, decodeSetup);
    const label = setup.classes[decoded.classIndex]!;
    const shape = decodedToShape(decoded, { flavour: setup.flavour, frame: frame.index, width: frame.width, height: frame.height, label });
    if (decoded.trackId !== undefined) objects.tracked.push({ shape, trackId: decoded.trackId, keyframe: true });
    else objects.shapes.push(shape);
  }
}
