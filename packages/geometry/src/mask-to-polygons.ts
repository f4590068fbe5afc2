// Mask → polygons as CVAT's import does it (`conv_mask_to_poly`, Datumaro `mask_to_polygons`): border
// following of every component and hole (Suzuki & Abe's algorithm, which OpenCV's `findContours` implements),
// straight runs and near-collinear points simplified away (Douglas–Peucker), each hole spliced into its outer
// contour through a bridge so that one polygon stands for one outer contour, contours of at most 2 border pixels
// and polygons under 1 pixel of area dropped. By default the vertices lie on pixel edges (CVAT's canvas
// convention), so that pycocotools' rule rasterizes them back onto the same pixels; OpenCV's vertices at
// border-pixel centres (what CVAT itself produces, half a pixel inside on every side) are an option.
import { polygonToRle } from './polygon-to-rle.js';
import { rleArea } from './rle-measures.js';
import { GeometryError } from './geometry-error.js';

export interface MaskToPolygonsOptions {
  /** Douglas–Peucker tolerance in pixels (default 1). 0 keeps every corner of the traced border. */
  tolerance?: number;
  /** Polygons whose pycocotools area is below this are dropped (default 1, as Datumaro). */
  areaThreshold?: number;
  /**
   * `'edges'` (default): the outline of the pixel squares, in CVAT's canvas coordinates.
   * `'centres'`: the centres of the border pixels, as OpenCV's findContours and so CVAT's import give them.
   */
  vertices?: 'edges' | 'centres';
}

// Neighbour directions, counter-clockwise on screen: E, NE, N, NW, W, SW, S, SE.
const DX = [1, 1, 0, -1, -1, -1, 0, 1];
const DY = [0, -1, -1, -1, 0, 1, 1, 1];

let labelScratch = new Int32Array(0);

type Border = { points: number[]; edges: number[]; hole: boolean; parent: number };

// Start corner (dx, dy from the pixel's top-left) of the crack toward a 4-neighbour, walked counter-clockwise:
// E side upward, N side leftward, W side downward, S side rightward.
const CRACK_X = [1, 0, 1, 0, 0, 0, 0, 0];
const CRACK_Y = [1, 0, 0, 0, 0, 0, 1, 0];

/**
 * Polygons `[x0, y0, x1, y1, …]` (open: the first point is not repeated) of the set pixels of a row-major bitmap,
 * one per outer border, holes spliced in.
 */
export function maskToPolygons(
  bitmap: Uint8Array,
  height: number,
  width: number,
  options: MaskToPolygonsOptions = {},
): number[][] {
  if (bitmap.length < height * width)
    throw new GeometryError('invalid-mask', `bitmap has ${bitmap.length} bytes, expected ${height}×${width}`);
  const tolerance = options.tolerance ?? 1;
  const areaThreshold = options.areaThreshold ?? 1;
  const onEdges = options.vertices !== 'centres';
  const borders = traceBorders(bitmap, height, width);

  const holesOf = new Map<number, number[]>();
  borders.forEach((border, index) => {
    if (border.hole && border.parent >= 0) {
      const list = holesOf.get(border.parent);
      if (list === undefined) holesOf.set(border.parent, [index]);
      else list.push(index);
    }
  });

  const polygons: number[][] = [];
  borders.forEach((border, index) => {
    // Datumaro drops contours of at most 2 points (OpenCV's, i.e. border pixels).
    if (border.hole || border.points.length <= 4) return;
    let polygon = simplifyClosed(onEdges ? border.edges : border.points, tolerance);
    if (polygon.length <= 4) return;
    for (const holeIndex of holesOf.get(index) ?? []) {
      const holeBorder = borders[holeIndex];
      if (holeBorder.points.length <= 4) continue;
      const hole = simplifyClosed(onEdges ? holeBorder.edges : holeBorder.points, tolerance);
      if (hole.length <= 4) continue;
      if (rleArea(polygonToRle(hole, height, width)) < areaThreshold) continue;
      polygon = splice(polygon, hole);
    }
    if (rleArea(polygonToRle(polygon, height, width)) < areaThreshold) return;
    polygons.push(polygon);
  });
  return polygons;
}

/** Suzuki & Abe border following (8-connected foreground) with the border tree; borders in discovery order. */
function traceBorders(bitmap: Uint8Array, height: number, width: number): Border[] {
  const stride = width + 2;
  const size = stride * (height + 2);
  if (labelScratch.length < size) labelScratch = new Int32Array(size);
  const labels = labelScratch;
  labels.fill(0, 0, size);
  for (let y = 0; y < height; y++) {
    const row = (y + 1) * stride + 1;
    for (let x = 0; x < width; x++) if (bitmap[y * width + x] !== 0) labels[row + x] = 1;
  }
  const offsets = DX.map((dx, s) => DY[s] * stride + dx);
  // Border numbers start at 2; number 1 is the frame, a hole border without parent.
  const borders: Border[] = [];
  const isHole = (number: number) => (number === 1 ? true : borders[number - 2].hole);
  const parentOf = (number: number) => (number === 1 ? -1 : borders[number - 2].parent);
  let next = 1;
  for (let y = 1; y <= height; y++) {
    let lastBorder = 1;
    for (let x = 1; x <= width; x++) {
      const start = y * stride + x;
      const value = labels[start];
      if (value === 0) continue;
      let from = -1;
      let hole = false;
      if (value === 1 && labels[start - 1] === 0) from = 4;
      else if (value >= 1 && labels[start + 1] === 0) {
        from = 0;
        hole = true;
        if (value > 1) lastBorder = value;
      }
      if (from >= 0) {
        next++;
        const parentNumber = hole === isHole(lastBorder) ? parentOf(lastBorder) : lastBorder - 2;
        const border: Border = { points: [], edges: [], hole, parent: parentNumber < 0 ? -1 : parentNumber };
        borders.push(border);
        follow(labels, offsets, start, from, next, border, stride);
      }
      const after = labels[start];
      if (after !== 1) lastBorder = Math.abs(after);
    }
  }
  return borders;
}

/** Follows one border from `start` (search starting at direction `from`), marking it with `number`. */
function follow(
  labels: Int32Array,
  offsets: number[],
  start: number,
  from: number,
  number: number,
  border: Border,
  stride: number,
): void {
  const points = border.points;
  const edges = border.edges;
  const push = (index: number) => points.push((index % stride) - 1, Math.floor(index / stride) - 1);
  // The cracks between a border pixel and the background 4-neighbours met while sweeping around it, in sweep
  // order, chain into the outline of the pixel squares.
  const crack = (index: number, direction: number) =>
    edges.push((index % stride) - 1 + CRACK_X[direction], Math.floor(index / stride) - 1 + CRACK_Y[direction]);
  // 3.1: clockwise from `from` for the first non-zero neighbour.
  let s = from;
  let found = -1;
  for (let k = 0; k < 8; k++) {
    s = (s + 7) & 7;
    if (labels[start + offsets[s]] !== 0) {
      found = s;
      break;
    }
  }
  if (found < 0) {
    labels[start] = -number;
    push(start);
    for (const direction of [0, 2, 4, 6]) crack(start, direction);
    return;
  }
  // The clockwise-first neighbour is the border's last pixel: reaching it, then the start, ends the border.
  const last = start + offsets[found];
  let current = start;
  s = found;
  for (;;) {
    push(current);
    // 3.3: counter-clockwise from the neighbour after the previous border pixel.
    let k = s;
    let nextPixel = current;
    let examinedEastZero = false;
    for (let step = 0; step < 8; step++) {
      k++;
      const direction = k & 7;
      const candidate = current + offsets[direction];
      if (labels[candidate] !== 0) {
        nextPixel = candidate;
        break;
      }
      if (direction === 0) examinedEastZero = true;
      if ((direction & 1) === 0) crack(current, direction);
    }
    // 3.4: a border pixel whose east neighbour is background is marked negative (a right end).
    if (examinedEastZero) labels[current] = -number;
    else if (labels[current] === 1) labels[current] = number;
    // 3.5
    if (nextPixel === start && current === last) break;
    const direction = k & 7;
    current = nextPixel;
    s = (direction + 4) & 7;
  }
}

/** Douglas–Peucker on a closed ring of points (flat), keeping at least the two farthest-apart anchors. */
function simplifyClosed(points: number[], tolerance: number): number[] {
  const n = points.length >> 1;
  if (n <= 2) return points.slice();
  // Drop points in the middle of straight runs first (CHAIN_APPROX_SIMPLE), which also makes DP cheap.
  const corners: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = (i + n - 1) % n;
    const q = (i + 1) % n;
    const dx1 = points[2 * i] - points[2 * p];
    const dy1 = points[2 * i + 1] - points[2 * p + 1];
    const dx2 = points[2 * q] - points[2 * i];
    const dy2 = points[2 * q + 1] - points[2 * i + 1];
    if (dx1 !== dx2 || dy1 !== dy2) corners.push(points[2 * i], points[2 * i + 1]);
  }
  if (corners.length === 0) corners.push(points[0], points[1]);
  if (tolerance <= 0) return corners;
  const m = corners.length >> 1;
  if (m <= 3) return corners;
  // Split the ring at point 0 and the point farthest from it, then simplify both chains.
  let far = 0;
  let farDistance = -1;
  for (let i = 1; i < m; i++) {
    const dx = corners[2 * i] - corners[0];
    const dy = corners[2 * i + 1] - corners[1];
    const distance = dx * dx + dy * dy;
    if (distance > farDistance) {
      farDistance = distance;
      far = i;
    }
  }
  const keep = new Uint8Array(m);
  keep[0] = 1;
  keep[far] = 1;
  douglasPeucker(corners, 0, far, tolerance, keep, m);
  douglasPeucker(corners, far, m, tolerance, keep, m);
  const result: number[] = [];
  for (let i = 0; i < m; i++) if (keep[i]) result.push(corners[2 * i], corners[2 * i + 1]);
  return result;
}

/** Marks the points of the chain first…last (indices modulo m) that Douglas–Peucker keeps. */
function douglasPeucker(points: number[], first: number, last: number, tolerance: number, keep: Uint8Array, m: number): void {
  const stack = [first, last];
  while (stack.length > 0) {
    const b = stack.pop()!;
    const a = stack.pop()!;
    if (b - a < 2) continue;
    const ax = points[2 * (a % m)];
    const ay = points[2 * (a % m) + 1];
    const bx = points[2 * (b % m)];
    const by = points[2 * (b % m) + 1];
    const dx = bx - ax;
    const dy = by - ay;
    const length = Math.hypot(dx, dy);
    let worst = -1;
    let worstDistance = -1;
    for (let i = a + 1; i < b; i++) {
      const px = points[2 * (i % m)] - ax;
      const py = points[2 * (i % m) + 1] - ay;
      const distance = length === 0 ? Math.hypot(px, py) : Math.abs(px * dy - py * dx) / length;
      if (distance > worstDistance) {
        worstDistance = distance;
        worst = i;
      }
    }
    if (worstDistance > tolerance) {
      keep[worst % m] = 1;
      stack.push(a, worst, worst, b);
    }
  }
}

/** Splices a hole ring into an outer ring through a bridge between their closest vertices. */
function splice(outer: number[], hole: number[]): number[] {
  const n = outer.length >> 1;
  const m = hole.length >> 1;
  let bestOuter = 0;
  let bestHole = 0;
  let best = Infinity;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const dx = outer[2 * i] - hole[2 * j];
      const dy = outer[2 * i + 1] - hole[2 * j + 1];
      const distance = dx * dx + dy * dy;
      if (distance < best) {
        best = distance;
        bestOuter = i;
        bestHole = j;
      }
    }
  }
  const result = outer.slice(0, 2 * (bestOuter + 1));
  for (let k = 0; k <= m; k++) {
    const j = (bestHole + k) % m;
    result.push(hole[2 * j], hole[2 * j + 1]);
  }
  result.push(outer[2 * bestOuter], outer[2 * bestOuter + 1]);
  for (let i = 2 * (bestOuter + 1); i < outer.length; i++) result.push(outer[i]);
  return result;
}
