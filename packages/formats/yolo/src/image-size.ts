// Image sizes: YOLO files hold normalized coordinates, so every frame with objects needs its width and height.
// They come from the frame's meta, an `images.meta` side file (Datumaro), or the image file's header.
import { imageSizeFromTree, readImageSize } from '@annoconv/io';
import type { FileTree, Frame } from '@annoconv/core';
import { ParseError } from '@annoconv/core';

export interface Size {
  width: number;
  height: number;
}

/** Reads an image's size from its header (only the first bytes are read). */
export async function readTreeImageSize(tree: FileTree, path: string): Promise<Size | undefined> {
  const size = await imageSizeFromTree(tree, path);
  return size ? { width: size.width, height: size.height } : undefined;
}

/** Datumaro's `images.meta`: lines `<image name> <height> <width>`, keyed by the name (item id). */
export async function readImagesMeta(tree: FileTree, path: string): Promise<Map<string, Size>> {
  const sizes = new Map<string, Size>();
  if (!tree.has(path)) return sizes;
  const rows = (await tree.readText(path)).split('\n');
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index]!.trim();
    if (row === '' || row.startsWith('#')) continue;
    const fields = row.split(/\s+/);
    const height = Number(fields[fields.length - 2]);
    const width = Number(fields[fields.length - 1]);
    if (fields.length < 3 || !Number.isInteger(height) || !Number.isInteger(width) || height <= 0 || width <= 0) {
      throw new ParseError(`expected '<image name> <height> <width>'`, { file: path, line: index + 1 });
    }
    sizes.set(fields.slice(0, -2).join(' '), { width, height });
  }
  return sizes;
}

/** A frame's size for export: its meta, else its image's header. */
export async function frameSize(frame: Frame): Promise<Size | undefined> {
  if (frame.width !== undefined && frame.height !== undefined) return { width: frame.width, height: frame.height };
  if (!frame.image) return undefined;
  const size = readImageSize(await frame.image.read());
  return size ? { width: size.width, height: size.height } : undefined;
}
