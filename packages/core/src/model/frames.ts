// Frames (images or video frames) and task meta: names, sizes, subsets, mode, start / stop / step, deleted frames
// (CVAT-MODEL.md §1.10).
import { z } from 'zod';

/** Where a frame's image bytes can be read from, when the input has them. Not part of the JSON model. */
export interface ImageSource {
  /** Path of the image inside its tree, for messages and for copying under the same name. */
  readonly path: string;
  read(): Promise<Uint8Array>;
}

export const frameSchema = z.object({
  /** Task-relative frame index: annotations' `frame` refers to this. */
  index: z.number().int().nonnegative(),
  /** Relative path of the image with its extension (`a/b/img.jpg`), or `frame_000123` style names for video. */
  name: z.string().min(1),
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
  /** '' means no subset; exporters write `default` for it as CVAT does. */
  subset: z.string().max(64).optional().default(''),
});
export type Frame = z.output<typeof frameSchema> & { image?: ImageSource };

export const TASK_MODES = ['annotation', 'interpolation'] as const;
export type TaskMode = (typeof TASK_MODES)[number];

export const taskMetaSchema = z.object({
  name: z.string().optional().default(''),
  mode: z.enum(TASK_MODES).optional().default('annotation'),
  /** Absolute media frame numbers: the media frame of relative frame r is startFrame + r·frameStep. */
  startFrame: z.number().int().nonnegative().optional().default(0),
  stopFrame: z.number().int().nonnegative().optional(),
  frameStep: z.number().int().positive().optional().default(1),
  /** Task-relative indices of deleted frames (still counted in the task size). */
  deletedFrames: z.array(z.number().int().nonnegative()).optional().default([]),
  segmentSize: z.number().int().nonnegative().optional().default(0),
  /** Frames shared by consecutive jobs; null/absent = CVAT's default (5 for video-like tasks, else 0). */
  overlap: z.number().int().nonnegative().nullish(),
  /** '2d' for images and video, '3d' for point clouds. */
  dimension: z.enum(['2d', '3d']).optional(),
});
export type TaskMeta = z.output<typeof taskMetaSchema>;
