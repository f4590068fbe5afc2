// The regions of an instance-index image: for every distinct non-zero value its bounding box and first pixel, in
// one pass, so each instance is then traced on its own crop instead of the whole image.
import { maskToPolygons } from './mask-to-polygons.js';

export interface InstanceRegion {
  value: number;
  /** Row-major index of the first pixel holding the value. */
  first: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Regions by value, ascending; `skipZero` leaves value 0 (background) out. */
export function instanceRegions(data: ArrayLike<number>, width: number, height: number, skipZero: boolean): InstanceRegion[] {
  const regions = new Map<number, InstanceRegion>();
  for (let y = 0, pixel = 0; y < height; y++) {
    for (let x = 0; x < width; x++, pixel++) {
      const value = data[pixel]!;
      if (value === 0 && skipZero) continue;
      const region = regions.get(value);
      if (region === undefined) regions.set(value, { value, first: pixel, x0: x, y0: y, x1: x, y1: y });
      else {
        if (x < region.x0) region.x0 = x;
        if (x > region.x1) region.x1 = x;
        region.y1 = y;
      }
    }
  }
  return [...regions.values()].sort((a, b) => a.value - b.value);
}

/** The full-image bitmap of one region's value. */
export function regionBitmap(data: ArrayLike<number>, width: number, height: number, region: InstanceRegion): Uint8Array {
  const bitmap = new Uint8Array(width * height);
  for (let y = region.y0; y <= region.y1; y++) {
    for (let x = region.x0, pixel = y * width + region.x0; x <= region.x1; x++, pixel++) if (data[pixel] === region.value) bitmap[pixel] = 1;
  }
  return bitmap;
}

/** maskToPolygons of one region, traced on its crop (with a one-pixel empty border) and moved back into place. */
export function regionPolygons(data: ArrayLike<number>, width: number, region: InstanceRegion): number[][] {
  const cropWidth = region.x1 - region.x0 + 3;
  const cropHeight = region.y1 - region.y0 + 3;
  const crop = new Uint8Array(cropWidth * cropHeight);
  for (let y = region.y0; y <= region.y1; y++) {
    const row = (y - region.y0 + 1) * cropWidth + 1;
    for (let x = region.x0, pixel = y * width + region.x0; x <= region.x1; x++, pixel++) if (data[pixel] === region.value) crop[row + x - region.x0] = 1;
  }
  return maskToPolygons(crop, cropHeight, cropWidth).map((polygon) => polygon.map((value, index) => value + (index % 2 === 0 ? region.x0 : region.y0) - 1));
}
