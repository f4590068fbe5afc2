// The per-frame view a YOLO writer needs: shapes and tags grouped by frame, tracks expanded to one shape per
// visible frame (CVAT's `TrackManager.to_shapes`, outside frames left out), each remembering the index of the
// track it came from (CVAT's `track_id` attribute on export, FORMATS.md §1.3).
import type { Dataset, FormatContext, Shape, Tag } from '@annoconv/core';
import { tracksToShapes } from '@annoconv/geometry';

export interface FrameShape {
  shape: Shape;
  /** 0-based index of the track in the dataset's track list, for shapes expanded from a track. */
  trackId?: number;
}

export interface FrameObjects {
  shapes: FrameShape[];
  tags: Tag[];
}

interface ExpandedShape extends Shape {
  track_id?: number;
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
    const lastFrame = Math.max(dataset.frames.length - 1, 0);
    const expanded = tracksToShapes(tracks, { endFrame: lastFrame, deletedFrames: dataset.meta.deletedFrames, includeOutside: false }) as ExpandedShape[];
    for (const shape of expanded) {
      const { track_id: trackId, ...rest } = shape as ExpandedShape & { keyframe?: boolean };
      delete (rest as { keyframe?: boolean }).keyframe;
      at(shape.frame).shapes.push(trackId === undefined ? { shape: rest as Shape } : { shape: rest as Shape, trackId });
    }
  }
  // CVAT sorts a frame's shapes by z_order before converting them (bindings.py); the sort is stable.
  for (const objects of byFrame.values()) objects.shapes.sort((a, b) => a.shape.z_order - b.shape.z_order);
  return byFrame;
}
