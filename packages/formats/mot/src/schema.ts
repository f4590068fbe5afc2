// The native files of MOT 1.1 as data: one `gt/gt.txt` row, and `seqinfo.ini` (zod), with Datumaro's rule that
// the ini holds exactly the seven standard keys (DM `mot_format.py`).
import { z } from 'zod';

/** One row of `gt/gt.txt` as read (columns 7–10 of MOT16 and later; the 10th, world coordinates, is not kept). */
export interface MotRow {
  /** 1-based line of the row in its file. */
  line: number;
  /** 1-based MOT frame number. */
  frame: number;
  /** Track id; ≤ 0 (usually −1) for objects outside any track. */
  id: number;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Column 7: ground truth's "consider this entry" flag (0 = ignored), a detector's confidence otherwise. */
  confidence: number;
  /** Column 8: 1-based class; undefined when absent, empty or ≤ 0. */
  classId?: number;
  /** Column 9: visibility ratio 0..1, when present. */
  visibility?: number;
  /** The visibility column as written, so it goes back into the model unchanged. */
  visibilityText?: string;
}

export const SEQINFO_KEYS = ['name', 'imdir', 'framerate', 'seqlength', 'imwidth', 'imheight', 'imext'] as const;

const positiveInt = z.coerce.number().int().positive();

export const seqinfoSchema = z.object({
  name: z.string(),
  imdir: z.string(),
  framerate: z.coerce.number(),
  seqlength: positiveInt,
  imwidth: positiveInt,
  imheight: positiveInt,
  imext: z.string(),
});
export type Seqinfo = z.output<typeof seqinfoSchema>;

/** MOT16's classes, which Datumaro assumes when there is no `gt/labels.txt`. */
export const MOT16_LABELS: readonly string[] = [
  'pedestrian', 'person on vehicle', 'car', 'bicycle', 'motorbike', 'non motorized vehicle', 'static person', 'distractor',
  'occluder', 'occluder on the ground', 'occluder full', 'reflection',
];

/** MOTS labels Datumaro assumes without `labels.txt` (index + 1 = class in the PNG). */
export const MOTS_DEFAULT_LABELS: readonly string[] = ['background', 'car', 'pedestrian', 'ignored'];
