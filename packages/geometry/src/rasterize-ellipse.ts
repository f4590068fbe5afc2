// Filled, rotated ellipse raster in the manner of CVAT's `EllipsesToMasks` (OpenCV `cv2.ellipse` with
// thickness −1): centre and axes rounded to integers (Python `round`), the rotation to whole degrees, the outline
// sampled every 90/30/18/5 degrees depending on size as OpenCV's `ellipse2Poly` does, and the resulting convex
// polygon filled with its 8-connected outline. Close to OpenCV, not guaranteed identical on every edge pixel.

/** Python's round(): half to even. */
export function pythonRound(value: number): number {
  const floor = Math.floor(value);
  const difference = value - floor;
  if (difference > 0.5) return floor + 1;
  if (difference < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

const DEGREE = Math.PI / 180;

/** Outline vertices of the ellipse (OpenCV ellipse2Poly sampling, float32 sine table, 1/65536 precision). */
function ellipseVertices(cx: number, cy: number, rx: number, ry: number, angle: number): number[] {
  const radius = Math.max(rx, ry);
  const delta = radius < 3 ? 90 : radius < 10 ? 30 : radius < 15 ? 18 : 5;
  let rotation = angle;
  while (rotation < 0) rotation += 360;
  while (rotation > 360) rotation -= 360;
  const alpha = Math.fround(Math.cos(rotation * DEGREE));
  const beta = Math.fround(Math.sin(rotation * DEGREE));
  const vertices: number[] = [];
  let previousX = Number.NaN;
  let previousY = Number.NaN;
  for (let i = 0; i < 360 + delta; i += delta) {
    const t = Math.min(i, 360);
    const x = rx * Math.fround(Math.cos(t * DEGREE));
    const y = ry * Math.fround(Math.sin(t * DEGREE));
    // OpenCV keeps 16 fractional bits of each vertex.
    const px = Math.round((cx + x * alpha - y * beta) * 65536) / 65536;
    const py = Math.round((cy + x * beta + y * alpha) * 65536) / 65536;
    if (px !== previousX || py !== previousY) {
      vertices.push(px, py);
      previousX = px;
      previousY = py;
    }
  }
  return vertices;
}

/**
 * Calls `span(y, x0, x1)` (inclusive, clipped to the image) for every row of the filled ellipse given by CVAT
 * points `[cx, cy, cx + rx, cy − ry]` and a rotation in degrees.
 */
export function ellipseSpans(
  points: ArrayLike<number>,
  rotation: number,
  height: number,
  width: number,
  span: (y: number, x0: number, x1: number) => void,
): void {
  const cx = pythonRound(points[0]);
  const cy = pythonRound(points[1]);
  const rx = Math.abs(pythonRound(points[2] - points[0]));
  const ry = Math.abs(pythonRound(points[1] - points[3]));
  const vertices = ellipseVertices(cx, cy, rx, ry, pythonRound(rotation));
  const count = vertices.length >> 1;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < count; i++) {
    minY = Math.min(minY, vertices[2 * i + 1]);
    maxY = Math.max(maxY, vertices[2 * i + 1]);
  }
  const y0 = Math.max(0, Math.round(minY));
  const y1 = Math.min(height - 1, Math.round(maxY));
  for (let y = y0; y <= y1; y++) {
    // Extent of the convex polygon on this row, outline included: every edge contributes the pixels whose
    // centre row it passes within half a pixel of, as an 8-connected line does.
    let left = Infinity;
    let right = -Infinity;
    for (let i = 0; i < count; i++) {
      const ax = vertices[2 * i];
      const ay = vertices[2 * i + 1];
      const j = (i + 1) % count;
      const bx = vertices[2 * j];
      const by = vertices[2 * j + 1];
      if (ay === by) {
        if (Math.abs(ay - y) <= 0.5) {
          left = Math.min(left, ax, bx);
          right = Math.max(right, ax, bx);
        }
        continue;
      }
      const low = Math.max(y - 0.5, Math.min(ay, by));
      const high = Math.min(y + 0.5, Math.max(ay, by));
      if (low > high) continue;
      const xLow = ax + ((bx - ax) * (low - ay)) / (by - ay);
      const xHigh = ax + ((bx - ax) * (high - ay)) / (by - ay);
      left = Math.min(left, Math.round(Math.min(xLow, xHigh)));
      right = Math.max(right, Math.round(Math.max(xLow, xHigh)));
    }
    if (left > right) continue;
    const x0 = Math.max(0, left);
    const x1 = Math.min(width - 1, right);
    if (x0 <= x1) span(y, x0, x1);
  }
}
