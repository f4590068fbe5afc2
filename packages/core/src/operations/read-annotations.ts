// What CVAT's GET returns for stored annotations (CVAT-MODEL.md §1.8; `JobAnnotation._init_*_from_db`):
// objects ordered (tags and shapes by frame, tracks by id, keyframes by frame), attributes completed with
// defaults (tracked shapes carry missing mutable values forward from the previous keyframe), skeleton points
// emptied, empty tracks left out.
import type { LabeledData } from '../model/annotations.js';
import type { LabelIndex } from './label-index.js';
import { readOrder, readShape, readTag, readTrack } from './read-objects.js';
import type { AnnotationsResponse } from './serialize-annotations.js';

/** CVAT's GET body for stored annotations. */
export function readAnnotations(data: LabeledData, labels: LabelIndex): AnnotationsResponse {
  const order = readOrder(data);
  return {
    version: 0,
    tags: order.tags.map((tag) => readTag(tag, labels)),
    shapes: order.shapes.map((shape) => readShape(shape, labels)),
    tracks: order.tracks.map((track) => readTrack(track, labels)),
    intervals: [],
  };
}
