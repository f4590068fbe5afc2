// The per-frame view a YOLO writer needs: shapes and tags grouped by frame, tracks expanded to one shape per
// visible frame (CVAT's `TrackManager.to_shapes`, outside frames left out), each remembering the index of the
// track it came from (CVAT's `track_id` attribute on export, FORMATS.md §1.3).
import type { Dataset, FormatContext, Shape, Tag } from '@annoconv/core';
import { tracksToShapes, type TrackFrameShape } from '@annoconv/geometry';

export interface FrameShape {
  shape: Shape;
  /** 0-based index of the track in the dataset's track list, for shapes expanded from a track. */
  trackId?: number;
}

export interface FrameObjects {
  shapes: FrameShape[];
  tags: Tag[];
}

/** A per-frame shape of a track as a plain canonical shape (its track identity kept aside). */
function toShape(frameShape: TrackFrameShape): Shape {
  return {
    id: null,
    label_id: frameShape.label_id,
    frame: frameShape.frame,
    group: frameShape.group,
    source: frameShape.source,
    attributes: frameShape.attributes.map((attribute) => ({ spec_id: attribute.spec_id, value: String(attribute.value) })),
    type: frameShape.type as Shape['type'],
    occluded: frameShape.occluded,
    outside: frameShape.outside,
    z_order: frameShape.z_order,
    rotation: frameShape.rotation,
    points: [...frameShape.points],
    score: 1,
    elements: frameShape.elements.map((element) => {
      const { elements, ...rest } = toShape(element);
      void elements;
      return rest;
    }),
  };
}

/** Groups a dataset's objects by frame index. `keepTrackIds` says whether the flavour writes track ids. */
export function objectsByFrame(dataset: Dataset, context: FormatContext, formatName: string, keepTrackIds: boolean): Map<number, FrameObjects> {
  const byFrame = new Map<number, FrameObjects>();
  const at = (frame: number): FrameObjects => {
    let objects = byFrame.get(frame);
    if (!objects) {
      objects = { shapes: [], tags: [] };
      byFrame.set(frame, objects);
    }
    return objects;
  };
  for (const shape of dataset.annotations.shapes) at(shape.frame).shapes.push({ shape });
  for (const tag of dataset.annotations.tags) at(tag.frame).tags.push(tag);
  const tracks = dataset.annotations.tracks;
  if (tracks.length > 0) {
    tracks.forEach((track, index) =>
      context.diagnostics.add({
        code: 'track-flattened',
        severity: keepTrackIds ? 'info' : 'warning',
        message: keepTrackIds
          ? `${formatName} writes track ${index} as per-frame shapes with track id ${index}; keyframes and interpolation are rebuilt on import`
          : `${formatName} writes track ${index} as independent per-frame shapes; the track identity is lost`,
        where: { frame: track.frame, objectId: track.id ?? index, objectKind: 'track' },
      }),
    );
    // endFrame is the first frame not produced (CVAT passes stop frame + 1).
    const expanded = tracksToShapes(tracks, { endFrame: dataset.frames.length, deletedFrames: dataset.meta.deletedFrames, includeOutside: false });
    // Outside keyframes come back too; CVAT's exports leave those frames out (include_outside=False).
    for (const frameShape of expanded) if (!frameShape.outside) at(frameShape.frame).shapes.push({ shape: toShape(frameShape), trackId: frameShape.track_id });
  }
  // CVAT sorts a frame's shapes by z_order before converting them (bindings.py); the sort is stable.
  for (const objects of byFrame.values()) objects.shapes.sort((a, b) => a.shape.z_order - b.shape.z_order);
  return byFrame;
}
