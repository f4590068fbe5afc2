// A deterministic generator of synthetic COCO instances files for benchmarks: N images of 640×480, M annotations
// spread over them, about 20-vertex polygons and one annotation in ten an uncompressed RLE mask, written as
// chunks so even the largest size never exists as one string.
import { randomGenerator } from '@annoconv/geometry';

export interface GenerateCocoOptions {
  images: number;
  annotations: number;
  /** Seed of the pseudo-random sequence; the same options give the same bytes. */
  seed?: number;
  /** Fraction of annotations written as RLE masks (default 0.1). */
  rleFraction?: number;
}

const WIDTH = 640;
const HEIGHT = 480;
const CATEGORIES = 80;


function fixed(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return Number.isInteger(rounded) ? `${rounded}.0` : String(rounded);
}

/** Yields the JSON text of a COCO instances file in chunks of roughly 256 KB. */
export function* generateCoco(options: GenerateCocoOptions): Generator<string> {
  const next = randomGenerator(options.seed ?? 1);
  const rleFraction = options.rleFraction ?? 0.1;
  let text = '{"licenses":[{"name":"","id":0,"url":""}],"info":{"contributor":"","date_created":"","description":"synthetic","url":"","version":"","year":""},"categories":[';
  for (let id = 1; id <= CATEGORIES; id++) text += `${id > 1 ? ',' : ''}{"id":${id},"name":"class_${id}","supercategory":""}`;
  text += '],"images":[';
  for (let id = 1; id <= options.images; id++) {
    text += `${id > 1 ? ',' : ''}{"id":${id},"width":${WIDTH},"height":${HEIGHT},"file_name":"images/img_${String(id).padStart(7, '0')}.jpg","license":0,"flickr_url":"","coco_url":"","date_captured":0}`;
    if (text.length > 1 << 18) {
      yield text;
      text = '';
    }
  }
  text += '],"annotations":[';
  for (let id = 1; id <= options.annotations; id++) {
    // Annotations in image order, as real files mostly are.
    const imageId = Math.min(options.images, 1 + Math.floor(((id - 1) * options.images) / options.annotations));
    const category = 1 + Math.floor(next() * CATEGORIES);
    const radius = 8 + next() * 50;
    const cx = radius + next() * (WIDTH - 2 * radius);
    const cy = radius + next() * (HEIGHT - 2 * radius);
    let body: string;
    if (next() < rleFraction) {
      // An elliptic blob as column-major runs: zeros, ones, zeros per column.
      const rx = Math.max(2, Math.round(radius));
      const ry = Math.max(2, Math.round(radius * (0.5 + next() * 0.5)));
      const x0 = Math.round(cx) - rx;
      const counts: number[] = [];
      let zeros = x0 * HEIGHT;
      let area = 0;
      let minY = HEIGHT;
      let maxY = 0;
      for (let x = x0; x < x0 + 2 * rx; x++) {
        const dx = (x + 0.5 - cx) / rx;
        const half = Math.floor(ry * Math.sqrt(Math.max(0, 1 - dx * dx)));
        const top = Math.round(cy) - half;
        const ones = 2 * half;
        if (ones === 0) {
          zeros += HEIGHT;
          continue;
        }
        counts.push(zeros + top, ones);
        zeros = HEIGHT - top - ones;
        area += ones;
        minY = Math.min(minY, top);
        maxY = Math.max(maxY, top + ones);
      }
      counts.push(zeros + (WIDTH - x0 - 2 * rx) * HEIGHT);
      body = `"segmentation":{"counts":[${counts.join(',')}],"size":[${HEIGHT},${WIDTH}]},"area":${area}.0,"bbox":[${fixed(x0)},${fixed(minY)},${fixed(2 * rx)},${fixed(maxY - minY)}],"iscrowd":1`;
    } else {
      const points: string[] = [];
      let minX = Infinity;
      let minY = Infinity;
      let maxX = -Infinity;
      let maxY = -Infinity;
      for (let vertex = 0; vertex < 20; vertex++) {
        const angle = (vertex / 20) * 2 * Math.PI;
        const r = radius * (0.6 + 0.4 * next());
        const x = Math.round((cx + r * Math.cos(angle)) * 100) / 100;
        const y = Math.round((cy + r * Math.sin(angle)) * 100) / 100;
        minX = Math.min(minX, x);
        minY = Math.min(minY, y);
        maxX = Math.max(maxX, x);
        maxY = Math.max(maxY, y);
        points.push(fixed(x), fixed(y));
      }
      const area = Math.round((maxX - minX) * (maxY - minY) * 0.7);
      body = `"segmentation":[[${points.join(',')}]],"area":${area}.0,"bbox":[${fixed(minX)},${fixed(minY)},${fixed(maxX - minX)},${fixed(maxY - minY)}],"iscrowd":0`;
    }
    text += `${id > 1 ? ',' : ''}{"id":${id},"image_id":${imageId},"category_id":${category},${body},"attributes":{"occluded":false}}`;
    if (text.length > 1 << 18) {
      yield text;
      text = '';
    }
  }
  yield `${text}]}`;
}
