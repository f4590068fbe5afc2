// What each label covers on each frame, as sorted pixel indices keyed `subset/frame:label`, for comparing datasets
// whose formats keep only the pixels (masks, instance regions) rather than the shapes.
import type { Dataset } from '@annoconv/core';
import { cvatMaskToBitmap, rasterizeShape, tracksToShapes } from '@annoconv/geometry';

export interface ShapePixelsOptions {
  /** Label names left out. */
  skipLabels?: readonly string[];
}

/** The union of each label's plain shapes' pixels per frame (tracks not included). */
export function shapePixels(dataset: Dataset, options: ShapePixelsOptions = {}): Record<string, number[]> {
  return pixelsOf(dataset, dataset.annotations.shapes, options);
}

/** The union of each label's track pixels per frame (tracks expanded per frame, outside positions dropped). */
export function trackPixels(dataset: Dataset, options: ShapePixelsOptions = {}): Record<string, number[]> {
  return pixelsOf(dataset, tracksToShapes(dataset.annotations.tracks, { endFrame: dataset.frames.length }).filter((shape) => !shape.outside), options);
}

function pixelsOf(dataset: Dataset, shapes: ReadonlyArray<{ frame: number; label_id: number; type: string; points: number[]; rotation?: number }>, options: ShapePixelsOptions): Record<string, number[]> {
  const names = new Map(dataset.labels.map((label) => [label.id, label.name]));
  const sets = new Map<string, Set<number>>();
  for (const shape of shapes) {
    const name = names.get(shape.label_id);
    if (name !== undefined && options.skipLabels?.includes(name)) continue;
    const frame = dataset.frames[shape.frame]!;
    const bitmap = shape.type === 'mask' ? cvatMaskToBitmap(shape.points, frame.height!, frame.width!) : rasterizeShape(shape, frame.height!, frame.width!);
    const key = `${frame.subset}/${frame.name}:${name}`;
    let set = sets.get(key);
    if (!set) sets.set(key, (set = new Set()));
    bitmap.forEach((value, index) => {
      if (value) set.add(index);
    });
  }
  return Object.fromEntries([...sets].filter(([, set]) => set.size > 0).map(([key, set]) => [key, [...set].sort((a, b) => a - b)]).sort());
}
