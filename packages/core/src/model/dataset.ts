// A Dataset joins labels, frames, task meta and annotations: what every format package reads and writes.
import { z } from 'zod';
import { emptyAnnotations, labeledDataSchema, type LabeledData } from './annotations.js';
import { frameSchema, taskMetaSchema, type Frame, type TaskMeta } from './frames.js';
import { labelSchema, type Label } from './labels.js';

export interface Dataset {
  /** Label specs with globally unique ids (sub-labels included) and attribute specs with unique ids. */
  labels: Label[];
  /** Frames ordered by `index`; `frames[i].index === i` for datasets built by readers. */
  frames: Frame[];
  meta: TaskMeta;
  annotations: LabeledData;
}

export const datasetSchema = z.object({
  labels: z.array(labelSchema),
  frames: z.array(frameSchema),
  meta: taskMetaSchema.optional().default({ name: '', mode: 'annotation', startFrame: 0, frameStep: 1, deletedFrames: [], segmentSize: 0 }),
  annotations: labeledDataSchema,
});

export function emptyDataset(): Dataset {
  return {
    labels: [],
    frames: [],
    meta: { name: '', mode: 'annotation', startFrame: 0, frameStep: 1, deletedFrames: [], segmentSize: 0 },
    annotations: emptyAnnotations(),
  };
}
