// How CVAT splits a task's frames into jobs (CVAT-MODEL.md §2.7; `_generate_segment_params` in
// `cvat/apps/engine/task.py`): fixed-size segments that overlap by `overlap` frames.
import type { TaskMode } from '../model/frames.js';

/** A job's inclusive, task-relative frame range. */
export interface Segment {
  start: number;
  stop: number;
}

export interface SegmentOptions {
  /** Frames in the task. */
  size: number;
  /** 0 (or more than the task) = one segment for the whole task. */
  segmentSize: number;
  /** null / undefined = CVAT's default: 5 for interpolation-mode (video-like) tasks, else 0. */
  overlap?: number | null;
  mode: TaskMode;
}

export function splitIntoSegments(options: SegmentOptions): Segment[] {
  const { size } = options;
  if (size <= 0) return [];
  const segmentSize = options.segmentSize > 0 && options.segmentSize <= size ? options.segmentSize : size;
  // The default overlap is 0 when everything fits one segment; an explicit one is kept (and only capped).
  let overlap = options.overlap ?? (size <= segmentSize ? 0 : options.mode === 'interpolation' ? 5 : 0);
  overlap = Math.min(overlap, Math.floor(segmentSize / 2));
  const segments: Segment[] = [];
  const step = segmentSize - overlap;
  for (let start = 0; start < size - overlap; start += step) segments.push({ start, stop: Math.min(start + segmentSize - 1, size - 1) });
  return segments;
}
