// Painting many shapes into one class-index or instance-index map, lowest z_order first (stable), as
// Datumaro's segmentation-mask export merges instance masks (later shapes cover earlier ones).
import { GeometryError } from './geometry-error.js';
import { ellipseSpans } from './rasterize-ellipse.js';
import { shapeToRle, type RasterShape } from './rasterize-shape.js';

export interface PaintShape extends RasterShape {
  z_order?: number;
  /** The value written where the shape covers the image (class index or instance index). */
  value: number;
}

/**
 * Paints `shapes` into the row-major `target` (`height × width`), in ascending `z_order`, keeping input order among
 * equal z_order, so a later / higher shape wins where shapes overlap. Unpainted pixels keep their value.
 */
export function paintShapes(
  shapes: readonly PaintShape[],
  height: number,
  width: number,
  target: Uint8Array | Uint16Array,
): void {
  if (target.length < height * width)
    throw new GeometryError('invalid-mask', `target has ${target.length} cells, expected ${height}×${width}`);
  const order = shapes.map((_, index) => index).sort((a, b) => (shapes[a].z_order ?? 0) - (shapes[b].z_order ?? 0) || a - b);
  for (const index of order) {
    const shape = shapes[index];
    const value = shape.value;
    if (shape.type === 'ellipse') {
      ellipseSpans(shape.points, shape.rotation ?? 0, height, width, (y, x0, x1) =>
        target.fill(value, y * width + x0, y * width + x1 + 1),
      );
      continue;
    }
    const counts = shapeToRle(shape, height, width).counts;
    // Write the 1-runs column segment by column segment; no decoded bitmap is needed.
    let position = 0;
    const area = height * width;
    for (let j = 0; j < counts.length && position < area; j++) {
      const stop = Math.min(area, position + counts[j]);
      if ((j & 1) === 1) {
        let start = position;
        while (start < stop) {
          const x = Math.floor(start / height);
          const columnBase = x * height;
          const columnStop = Math.min(stop, columnBase + height);
          for (let y = start - columnBase, last = columnStop - columnBase; y < last; y++) target[y * width + x] = value;
          start = columnStop;
        }
      }
      position = stop;
    }
  }
}
