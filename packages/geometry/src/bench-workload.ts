// The deterministic benchmark workload (also exported to JSON for the pycocotools comparison script):
// 1000 blobby 640×480 masks, 10,000 polygons of 20 vertices and 10,000 tracks over 100 frames.
import { blobbyMask, randomPolygon } from './blobby-masks.js';
import { randomGenerator } from './random-generator.js';
import type { TrackedShapeLike, TrackLike } from './track-types.js';

export const MASK_HEIGHT = 480;
export const MASK_WIDTH = 640;

export function benchMasks(count = 1000): Uint8Array[] {
  const random = randomGenerator(20261129);
  const masks: Uint8Array[] = [];
  for (let i = 0; i < count; i++)
    masks.push(blobbyMask(random, MASK_HEIGHT, MASK_WIDTH, 2 + Math.floor(random() * 4), 30, 110));
  return masks;
}

export function benchPolygons(count = 10_000): number[][] {
  const random = randomGenerator(7);
  const polygons: number[][] = [];
  for (let i = 0; i < count; i++) polygons.push(randomPolygon(random, MASK_HEIGHT, MASK_WIDTH, 20));
  return polygons;
}

/** Tracks of 100 frames: 70% rectangles, 20% polygons (about 20 vertices), 10% single points; some outside gaps. */
export function benchTracks(count = 10_000): TrackLike[] {
  const random = randomGenerator(99);
  const tracks: TrackLike[] = [];
  for (let t = 0; t < count; t++) {
    const kind = random();
    const type = kind < 0.7 ? 'rectangle' : kind < 0.9 ? 'polygon' : 'points';
    const shapes: TrackedShapeLike[] = [];
    let frame = Math.floor(random() * 10);
    const first = frame;
    while (frame < 100) {
      let points: number[];
      if (type === 'rectangle') {
        const x = random() * 600;
        const y = random() * 440;
        points = [x, y, x + 10 + random() * 100, y + 10 + random() * 100];
      } else if (type === 'polygon') points = randomPolygon(random, 480, 640, 18 + Math.floor(random() * 5));
      else points = [random() * 640, random() * 480];
      shapes.push({
        frame,
        type,
        points,
        rotation: type === 'rectangle' ? random() * 360 : 0,
        occluded: random() < 0.1,
        outside: random() < 0.1,
        z_order: 0,
        attributes: [{ spec_id: 1, value: String(Math.floor(random() * 3)) }],
      });
      frame += 5 + Math.floor(random() * 20);
    }
    tracks.push({ frame: first, label_id: 1, group: 0, source: 'manual', attributes: [], shapes });
  }
  return tracks;
}
