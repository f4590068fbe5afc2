// Builds the text of one frame's label file for a line-based flavour: picks the encoder per shape, reports every
// shape or property the flavour cannot hold, and appends the track id when the flavour writes one.
import type { Dataset, FormatContext, Frame, Label, Where } from '@annoconv/core';
import { SchemaError } from '@annoconv/core';
import type { ClassTable } from './classes.js';
import { ENCODERS, type LineFlavour } from './encode-shapes.js';
import type { FrameObjects } from './frame-objects.js';
import { frameSize } from './image-size.js';

export interface LineWriterSetup {
  flavour: LineFlavour;
  formatName: string;
  classes: ClassTable;
  labelsById: Map<number, Label>;
  keypoints: number;
  writeTrackIds: boolean;
}

export function labelsById(dataset: Dataset): Map<number, Label> {
  return new Map(dataset.labels.map((label) => [label.id, label]));
}

/** The label file text of one frame ('' for a frame with nothing to write). */
export async function frameLabelText(frame: Frame, objects: FrameObjects | undefined, setup: LineWriterSetup, context: FormatContext): Promise<string> {
  if (!objects) return '';
  const { formatName } = setup;
  for (const tag of objects.tags) {
    context.diagnostics.warn('tag-unsupported', `${formatName} cannot hold tags; dropped`, { frame: frame.index, frameName: frame.name, objectId: tag.id ?? undefined, objectKind: 'tag' });
  }
  const encoders = ENCODERS[setup.flavour];
  let size: { width: number; height: number } | undefined;
  const lines: string[] = [];
  for (let position = 0; position < objects.shapes.length; position++) {
    const { shape, trackId } = objects.shapes[position]!;
    const where = (): Where => ({ frame: frame.index, frameName: frame.name, objectId: shape.id ?? (trackId !== undefined ? `track ${trackId}` : position), objectKind: 'shape' });
    const encoder = encoders[shape.type];
    const classId = setup.classes.classOf.get(shape.label_id);
    const label = setup.labelsById.get(shape.label_id);
    if (!encoder || classId === undefined || !label) {
      const reason = !encoder ? `cannot hold ${shape.type} shapes` : `has no class for label ${label?.name ?? shape.label_id}`;
      context.diagnostics.warn('shape-unsupported', `${formatName} ${reason}; dropped`, where());
      continue;
    }
    if (!size) {
      size = await frameSize(frame);
      if (!size) {
        throw new SchemaError([{ path: `frames[${frame.index}]`, message: `image '${frame.name}' has no known size (no width/height and no readable image); YOLO coordinates are normalized by it` }], { subject: formatName });
      }
    }
    reportLosses(shape, setup, where, context);
    const encoded = encoder(shape, { width: size.width, height: size.height, classId, label, keypoints: setup.keypoints, where, formatName, context });
    if (setup.writeTrackIds && trackId !== undefined) for (const line of encoded) lines.push(`${line} ${trackId}`);
    else for (const line of encoded) lines.push(line);
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

function reportLosses(shape: Dataset['annotations']['shapes'][number], setup: LineWriterSetup, where: () => Where, context: FormatContext): void {
  const name = setup.formatName;
  if (shape.attributes.length > 0 || shape.elements.some((element) => element.attributes.length > 0)) {
    context.diagnostics.warn('attribute-dropped', `${name} cannot hold attributes; ${shape.attributes.length} attribute value(s) dropped`, where());
  }
  if (shape.occluded) context.diagnostics.warn('occluded-dropped', `${name} cannot hold the occluded flag; dropped`, where());
  if (shape.group) context.diagnostics.warn('group-dropped', `${name} cannot hold groups; group ${shape.group} dropped`, where());
  if (shape.z_order) context.diagnostics.warn('z-order-dropped', `${name} cannot hold z_order; ${shape.z_order} dropped`, where());
}
