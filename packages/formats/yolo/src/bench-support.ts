// The synthetic canonical dataset behind this package's export benchmark.
import type { Dataset, Shape } from '@annoconv/core';

export function syntheticDataset(images: number, boxesPerImage: number): Dataset {
  const labels = Array.from({ length: 5 }, (_, index) => ({ id: index + 1, name: `class_${index}`, color: '', type: 'rectangle' as const, attributes: [], sublabels: [] }));
  const subsets = ['train', 'val', 'test'];
  const frames = Array.from({ length: images }, (_, index) => ({ index, name: `images/${String(index).padStart(6, '0')}.jpg`, width: 1920, height: 1080, subset: subsets[index % 3]! }));
  const shapes: Shape[] = [];
  let seed = 1;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let frame = 0; frame < images; frame++) {
    for (let box = 0; box < boxesPerImage; box++) {
      const x = random() * 1800;
      const y = random() * 1000;
      shapes.push({ id: null, label_id: 1 + (box % 5), frame, group: 0, source: 'manual', attributes: [], type: 'rectangle', occluded: false, outside: false, z_order: 0, rotation: 0, points: [x, y, x + 10 + random() * 100, y + 10 + random() * 70], score: 1, elements: [] });
    }
  }
  return { labels, frames, meta: { name: 'bench', mode: 'annotation', startFrame: 0, frameStep: 1, deletedFrames: [], segmentSize: 0 }, annotations: { version: 0, tags: [], shapes, tracks: [] } };
}
