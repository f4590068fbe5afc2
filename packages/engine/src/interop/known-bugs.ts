// Bugs the interoperability suite found that are not fixed yet, each reproduced in known-bugs.test.ts (as
// `it.fails`). The generated datasets of the matrix step around them here, so that the matrix keeps checking
// everything else; remove a workaround when its bug is fixed (its `it.fails` then fails and says so).
import type { Dataset, FormatPlugin } from '@annoconv/core';
import type { Written } from './run-conversion.js';

/** Formats whose reader rebuilds per-frame masks carrying `track_id` into one mask track. */
const rebuildsMaskTracks = new Set(['coco']);

/**
 * The dataset without what would trip a known bug when written as `target`:
 * - "mask track": an ellipse track written per frame as masks comes back from COCO as a mask track with several
 *   keyframes, which `tracksToShapes` cannot expand (untyped GeometryError in every writer after). Datumaro's
 *   reader keeps such masks per frame (fixed).
 * - "video sizes": "CVAT for video" writes `<original_size>` only for tasks in interpolation mode, from the first
 *   frame: other datasets come back without frame sizes, frames of other sizes with the wrong one, and no
 *   diagnostic says so (interpolation mode and one size for all frames here).
 * - "segmask empty": when no frame of a Segmentation mask export is listed (every frame holds only shapes it
 *   cannot paint), the output has no ImageSets list and its own reader refuses it (`isKnownReadBackFailure`).
 * - "video project": "CVAT for video" of frames in several subsets (project layout) numbers track frames across
 *   the whole dataset instead of per task, so its own reader refuses the file or loses frames
 *   (`isKnownConversionBug`; generated datasets have one subset).
 * - "coco group track": a track shape grouped with a plain shape on a frame makes COCO's reader fail (tracks are
 *   left out of groups here).
 * - "voc duplicate tags": two tags of one label on a frame become one line of the per-class list, silently
 *   (one of them is kept here).
 */
export function avoidKnownBugs(dataset: Dataset, target: FormatPlugin): Dataset {
  let result = dataset;
  if (rebuildsMaskTracks.has(target.id)) {
    result = { ...result, annotations: { ...result.annotations, tracks: result.annotations.tracks.filter((track) => !track.shapes.some((shape) => shape.type === 'ellipse' || shape.type === 'mask')) } };
  }
  if (target.id === 'coco') {
    result = { ...result, annotations: { ...result.annotations, tracks: result.annotations.tracks.map((track) => ({ ...track, group: 0 })) } };
  }
  if (target.id === 'cvat-video') {
    const width = Math.max(...result.frames.map((frame) => frame.width ?? 1));
    const height = Math.max(...result.frames.map((frame) => frame.height ?? 1));
    result = { ...result, meta: { ...result.meta, mode: 'interpolation' }, frames: result.frames.map((frame) => ({ ...frame, width, height })) };
  }
  if (target.id === 'voc') {
    const seen = new Set<string>();
    const tags = result.annotations.tags.filter((tag) => {
      const key = `${tag.frame}|${tag.label_id}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    result = { ...result, annotations: { ...result.annotations, tags } };
  }
  return result;
}

/** Known bug "segmask empty": a Segmentation mask output without any ImageSets list cannot be read back. */
export function isKnownReadBackFailure(target: FormatPlugin, written: Written): boolean {
  return target.id === 'segmask' && !written.tree.entries().some((entry) => entry.path.startsWith('ImageSets/'));
}

/** Known bugs that spoil a whole conversion, so its checks are left to known-bugs.test.ts. */
export function isKnownConversionBug(input: Dataset, target: FormatPlugin): boolean {
  return target.id === 'cvat-video' && new Set(input.frames.map((frame) => frame.subset ?? '')).size > 1;
}
