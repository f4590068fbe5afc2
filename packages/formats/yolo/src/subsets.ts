// Subset names on export: CVAT writes the empty / `default` subset as `train` and merges it with an existing
// `train` subset, case-insensitively (Datumaro `_resolve_subsets`, CVAT PR #8917). Names that are keys of the
// config file cannot be subsets; CVAT fails the export for them, so do we.
import { AnnoconvError } from '@annoconv/core';

export const DARKNET_RESERVED = ['backup', 'classes', 'names'] as const;
export const ULTRALYTICS_RESERVED = ['backup', 'classes', 'names', 'path', 'kpt_shape', 'flip_idx'] as const;

/** The subset name a frame is written under. */
export function exportSubsetName(subset: string, reserved: readonly string[]): string {
  const name = subset === '' || subset.toLowerCase() === 'default' || subset.toLowerCase() === 'train' ? 'train' : subset;
  if (reserved.includes(name.toLowerCase())) {
    throw new AnnoconvError('unsupported', `subset name '${subset}' cannot be written: it is a reserved key of the YOLO config file`);
  }
  if (name.includes('/') || name.includes('\\')) throw new AnnoconvError('unsupported', `subset name '${subset}' contains a path separator`);
  return name;
}
