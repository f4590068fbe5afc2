// Deterministic "blobby" masks (unions of a few rotated ellipses) for properties and benchmarks.
import { paintShapes, type PaintShape } from './paint-shapes.js';
import { randomGenerator } from './random-generator.js';

/** A row-major 0/1 mask made of `blobs` overlapping ellipses with radii between minRadius and maxRadius. */
export function blobbyMask(
  random: () => number,
  height: number,
  width: number,
  blobs: number,
  minRadius: number,
  maxRadius: number,
): Uint8Array {
  const mask = new Uint8Array(height * width);
  const shapes: PaintShape[] = [];
  const cx0 = width * (0.3 + 0.4 * random());
  const cy0 = height * (0.3 + 0.4 * random());
  for (let i = 0; i < blobs; i++) {
    const rx = minRadius + (maxRadius - minRadius) * random();
    const ry = minRadius + (maxRadius - minRadius) * random();
    const cx = cx0 + (random() - 0.5) * maxRadius * 2;
    const cy = cy0 + (random() - 0.5) * maxRadius * 2;
    shapes.push({ type: 'ellipse', points: [cx, cy, cx + rx, cy - ry], rotation: random() * 360, value: 1 });
  }
  paintShapes(shapes, height, width, mask);
  return mask;
}

/** A star-shaped polygon of `vertices` points around a random centre, inside the image. */
export function randomPolygon(random: () => number, height: number, width: number, vertices: number): number[] {
  const radius = Math.min(height, width) * (0.05 + 0.2 * random());
  const cx = radius + (width - 2 * radius) * random();
  const cy = radius + (height - 2 * radius) * random();
  const polygon: number[] = [];
  for (let i = 0; i < vertices; i++) {
    const angle = (2 * Math.PI * i) / vertices;
    const r = radius * (0.5 + 0.5 * random());
    polygon.push(cx + r * Math.cos(angle), cy + r * Math.sin(angle));
  }
  return polygon;
}
