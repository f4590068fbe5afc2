// The three benchmark sizes and their generated files, cached in the system's temporary folder.
import { createWriteStream, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { generateCoco } from './generate.js';

export const SIZES = [
  { name: '1k', images: 1_000, annotations: 10_000 },
  { name: '10k', images: 10_000, annotations: 100_000 },
  { name: '50k', images: 50_000, annotations: 500_000 },
] as const;
export type SizeName = (typeof SIZES)[number]['name'];

/** The folder of a generated dataset (`annotations/instances_default.json` inside), generated on first use. */
export async function benchDataset(name: SizeName): Promise<{ root: string; file: string; bytes: number }> {
  const size = SIZES.find((candidate) => candidate.name === name)!;
  const root = path.join(os.tmpdir(), 'annoconv-coco-bench', name);
  const file = path.join(root, 'annotations', 'instances_default.json');
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    const partial = `${file}.partial`;
    const stream = createWriteStream(partial);
    for (const chunk of generateCoco({ images: size.images, annotations: size.annotations, seed: 42 })) if (!stream.write(chunk)) await once(stream, 'drain');
    stream.end();
    await once(stream, 'finish');
    renameSync(partial, file);
  }
  return { root, file, bytes: statSync(file).size };
}
