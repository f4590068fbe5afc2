// Reads the real images in the shared sample datasets (written by Datumaro's test suite), when they are present.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FolderTree } from './folder-tree.js';
import { imageSizeFromTree } from './image-size-from-tree.js';
import { readImageSize } from './image-size.js';
import { decodePng } from './png-decode.js';
import { hasPngSignature } from './png-chunks.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const samples = resolve(repoRoot, '../shared/samples');

describe.skipIf(!existsSync(samples))('shared sample images', () => {
  it('every image has a size from its first bytes, equal to the whole file\'s and, for PNGs, the decoded one', async () => {
    const tree = await FolderTree.open(samples);
    const images = tree.entries().filter((entry) => /\.(jpe?g|png|bmp|gif|webp|tiff?)$/i.test(entry.path));
    expect(images.length).toBeGreaterThan(100);
    const colorTypes = new Set<string>();
    for (const image of images) {
      const bytes = await tree.read(image.path);
      const size = await imageSizeFromTree(tree, image.path);
      expect(size, image.path).toBeDefined();
      expect(readImageSize(bytes), image.path).toEqual(size);
      // Some sample `.png` files are really JPEGs; the size comes from the content, not the name.
      if (hasPngSignature(bytes)) {
        const decoded = decodePng(bytes, { name: image.path });
        expect([decoded.width, decoded.height], image.path).toEqual([size!.width, size!.height]);
        expect(decoded.data.length).toBe(decoded.width * decoded.height * decoded.channels);
        colorTypes.add(`${decoded.colorType}/${decoded.bitDepth}`);
      }
    }
    // The samples cover palette, 1-, 8- and 16-bit grey, RGB and RGBA masks and images.
    expect([...colorTypes].sort()).toEqual(expect.arrayContaining(['grey/16', 'grey/8', 'palette/4', 'rgb/8', 'rgba/8']));
  });
});
