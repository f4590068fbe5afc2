// Counts of a canonical dataset: what `annoconv stats` prints and what round-trip checks compare.
import type { Dataset } from '@annoconv/core';

export interface DatasetStats {
  frames: number;
  /** Frames per subset; the empty subset is reported as `default`, the name CVAT's exporters write for it. */
  subsets: Record<string, number>;
  /** Top-level label names in label order. */
  labels: string[];
  tags: number;
  /** Top-level shapes by type (skeleton elements are part of their skeleton). */
  shapes: Record<string, number>;
  /** Tracks by the type of their shapes. */
  tracks: Record<string, number>;
  /** Stored tracked shapes (keyframes) of all top-level tracks. */
  trackedShapes: number;
}

export function datasetStats(dataset: Dataset): DatasetStats {
  const subsets: Record<string, number> = {};
  for (const frame of dataset.frames) {
    const name = frame.subset || 'default';
    subsets[name] = (subsets[name] ?? 0) + 1;
  }
  const shapes: Record<string, number> = {};
  for (const shape of dataset.annotations.shapes) shapes[shape.type] = (shapes[shape.type] ?? 0) + 1;
  const tracks: Record<string, number> = {};
  let trackedShapes = 0;
  for (const track of dataset.annotations.tracks) {
    // A track holds one shape type; a track without shapes is reported under 'empty' rather than hidden.
    const type = track.shapes[0]?.type ?? 'empty';
    tracks[type] = (tracks[type] ?? 0) + 1;
    trackedShapes += track.shapes.length;
  }
  return {
    frames: dataset.frames.length,
    subsets: sortKeys(subsets),
    labels: dataset.labels.map((label) => label.name),
    tags: dataset.annotations.tags.length,
    shapes: sortKeys(shapes),
    tracks: sortKeys(tracks),
    trackedShapes,
  };
}

export interface LabelCounts {
  shapes: number;
  tracks: number;
  tags: number;
  /** Frames holding at least one of the label's shapes or tags (tracks are not counted: they span frames). */
  frames: number;
}

export interface LabelStats {
  /** Per top-level label, in label order (a skeleton's points count as their skeleton). */
  byLabel: Record<string, LabelCounts>;
  /** Frames with no shape, tag or track keyframe at all (background images, for a detector). */
  framesWithoutAnnotations: number;
}

/** Per-label counts, for checking class balance before training (`annoconv stats --by-label`). */
export function labelStats(dataset: Dataset): LabelStats {
  const byId = new Map<number, LabelCounts & { frameSet: Set<number> }>();
  const names = new Map<number, string>();
  for (const label of dataset.labels) {
    byId.set(label.id, { shapes: 0, tracks: 0, tags: 0, frames: 0, frameSet: new Set() });
    names.set(label.id, label.name);
  }
  const annotated = new Set<number>();
  for (const shape of dataset.annotations.shapes) {
    annotated.add(shape.frame);
    const counts = byId.get(shape.label_id);
    if (!counts) continue;
    counts.shapes++;
    counts.frameSet.add(shape.frame);
  }
  for (const tag of dataset.annotations.tags) {
    annotated.add(tag.frame);
    const counts = byId.get(tag.label_id);
    if (!counts) continue;
    counts.tags++;
    counts.frameSet.add(tag.frame);
  }
  for (const track of dataset.annotations.tracks) {
    for (const shape of track.shapes) annotated.add(shape.frame);
    const counts = byId.get(track.label_id);
    if (counts) counts.tracks++;
  }
  const byLabel: Record<string, LabelCounts> = {};
  for (const [id, { frameSet, ...counts }] of byId) byLabel[names.get(id)!] = { ...counts, frames: frameSet.size };
  return { byLabel, framesWithoutAnnotations: dataset.frames.filter((frame) => !annotated.has(frame.index)).length };
}

// Stable key order, so printed stats are byte-identical across runs and formats.
function sortKeys(record: Record<string, number>): Record<string, number> {
  const sorted: Record<string, number> = {};
  for (const key of Object.keys(record).sort()) sorted[key] = record[key];
  return sorted;
}
