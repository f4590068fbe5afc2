// Item ids and image file names: a frame `a/b/img.jpg` is item `a/b/img` (Datumaro's id is the path without its
// extension); frames with no extension are written with `.jpg`, Datumaro's default image extension.
import { extensionOf, isImagePath as hasImageExtension } from '@annoconv/io';

const IMAGE_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png', '.bmp', '.gif', '.tif', '.tiff', '.webp', '.jpe', '.jp2', '.pbm', '.pgm', '.ppm', '.dng', '.mpo', '.heic', '.avif', '.pfm']);

/** An image by Ultralytics' list of image extensions (longer than the other formats'). */
export function isImagePath(path: string): boolean {
  return hasImageExtension(path, IMAGE_EXTENSIONS);
}

/** Item id and image extension of a frame name. */
export function itemOf(frameName: string): { id: string; extension: string } {
  const extension = extensionOf(frameName);
  return { id: extension ? frameName.slice(0, -extension.length) : frameName, extension: extension || '.jpg' };
}

/** A path from a list or config file as Datumaro reads it: trimmed, `\` → `/`, leading `./` and `data/` removed. */
export function normalizeListedPath(path: string): string {
  let result = path.trim().replace(/\\/g, '/');
  while (result.startsWith('./')) result = result.slice(2);
  if (result.startsWith('data/')) result = result.slice(5);
  return result;
}

/** Joins a folder and a relative path ('' folder = the root). */
export function joinPath(folder: string, path: string): string {
  return folder ? `${folder}/${path}` : path;
}

export function dirnameOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/**
 * Item ids already used per subset: a second frame with the same id in one subset (`a.jpg` and `a.png`) would
 * overwrite the first one's label file, so it gets `_1`, `_2`… as CVAT's `mangle_image_name` does.
 */
export class ItemIds {
  private readonly used = new Map<string, Set<string>>();

  /** A free id for the item in the subset; `renamed` says it differs from the wanted one. */
  claim(subset: string, id: string): { id: string; renamed: boolean } {
    let ids = this.used.get(subset);
    if (!ids) this.used.set(subset, (ids = new Set()));
    let candidate = id;
    for (let n = 1; ids.has(candidate); n++) candidate = `${id}_${n}`;
    ids.add(candidate);
    return { id: candidate, renamed: candidate !== id };
  }
}
