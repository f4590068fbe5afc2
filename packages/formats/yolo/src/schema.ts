// Zod schemas of YOLO's native config files: Ultralytics `data.yaml` (names as a list or an id → name mapping,
// optional `kpt_shape` / `flip_idx`, any other key kept for the subset scan) and Classification's `labels.json`.
import { z } from 'zod';

const nameValue = z.union([z.string(), z.number(), z.boolean()]).transform((value) => String(value));

export const dataYamlSchema = z.looseObject({
  names: z.union([z.array(nameValue), z.record(z.string(), nameValue)]),
  kpt_shape: z.tuple([z.number().int().nonnegative(), z.union([z.literal(2), z.literal(3)])]).optional(),
  flip_idx: z.array(z.number().int().nonnegative()).optional(),
});
export type DataYaml = z.output<typeof dataYamlSchema>;

export const labelsJsonSchema = z.record(
  z.string(),
  z.looseObject({
    labels: z.array(nameValue).optional().default([]),
    path: z.string().optional(),
  }),
);
export type LabelsJson = z.output<typeof labelsJsonSchema>;

/** Keys of data.yaml that are never subsets: Datumaro's reserved keys plus the common Ultralytics / Roboflow keys
 * (`nc`, `download`, `roboflow`, …) that break CVAT's import (cvat#8958) and that we ignore instead. */
export const NON_SUBSET_KEYS: ReadonlySet<string> = new Set([
  'backup', 'classes', 'names', 'path', 'kpt_shape', 'flip_idx', 'nc', 'download', 'roboflow', 'channels', 'kpt_names', 'yaml_file',
]);
