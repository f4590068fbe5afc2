// Finds each frame's image file in the tree the way CVAT matches items to task frames (`match_dm_item`,
// FORMATS.md sheet B §A.3): the path as written, then the path without extension, then by a shared path suffix
// (a different root folder), then `frame_000123` numbers. Frames without an image and images without a frame are
// reported, never dropped silently.
import type { Dataset, FileTree, FormatContext } from '@annoconv/core';

const IMAGE_EXTENSIONS = new Set(['jpg', 'jpeg', 'png', 'bmp', 'gif', 'tif', 'tiff', 'webp', 'jfif', 'jpe', 'pbm', 'pgm', 'ppm']);

function extensionOf(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

function withoutExtension(path: string): string {
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  return dot > slash + 1 ? path.slice(0, dot) : path;
}

/** `frame_000123` → 123, else undefined. */
export function videoFrameNumber(name: string): number | undefined {
  const match = /(?:^|\/)frame_(\d+)$/.exec(withoutExtension(name));
  return match ? Number(match[1]) : undefined;
}

/** The image files of a tree, relative to the `images/` folder beside the XML (or the XML's folder). */
export function imageFiles(tree: FileTree, xmlPath: string): Array<{ path: string; relative: string }> {
  const base = xmlPath.includes('/') ? xmlPath.slice(0, xmlPath.lastIndexOf('/') + 1) : '';
  const files: Array<{ path: string; relative: string }> = [];
  for (const entry of tree.entries()) {
    if (!IMAGE_EXTENSIONS.has(extensionOf(entry.path)) || !entry.path.startsWith(base)) continue;
    let relative = entry.path.slice(base.length);
    if (relative.startsWith('images/')) relative = relative.slice('images/'.length);
    files.push({ path: entry.path, relative });
  }
  return files;
}

/** Attaches `frame.image` to every frame whose image the tree holds; reports the rest. */
export function attachImages(tree: FileTree, xmlPath: string, dataset: Dataset, context: FormatContext): void {
  const files = imageFiles(tree, xmlPath);
  if (files.length === 0) return;
  const exact = new Map<string, string>();
  const stem = new Map<string, string>();
  const byNumber = new Map<number, string>();
  for (const file of files) {
    exact.set(file.relative, file.path);
    if (!stem.has(withoutExtension(file.relative))) stem.set(withoutExtension(file.relative), file.path);
    const number = videoFrameNumber(file.relative);
    if (number !== undefined && !byNumber.has(number)) byNumber.set(number, file.path);
  }
  const byBase = new Map<string, Array<{ path: string; relative: string }>>();
  for (const file of files) {
    const base = withoutExtension(file.relative).slice(file.relative.lastIndexOf('/') + 1);
    const list = byBase.get(base);
    if (list) list.push(file);
    else byBase.set(base, [file]);
  }
  const used = new Set<string>();
  const bySuffix = (name: string): string | undefined => {
    // A different root: a file path that ends with the frame's path components (or the other way round).
    const wanted = withoutExtension(name);
    for (const file of byBase.get(wanted.slice(wanted.lastIndexOf('/') + 1)) ?? []) {
      const candidate = withoutExtension(file.relative);
      if (candidate.endsWith('/' + wanted) || wanted.endsWith('/' + candidate)) return file.path;
    }
    return undefined;
  };
  for (const frame of dataset.frames) {
    const prefixed = frame.subset ? `${frame.subset}/${frame.name}` : frame.name;
    const number = videoFrameNumber(frame.name);
    const path =
      exact.get(prefixed) ??
      exact.get(frame.name) ??
      stem.get(withoutExtension(prefixed)) ??
      stem.get(withoutExtension(frame.name)) ??
      bySuffix(prefixed) ??
      (number !== undefined ? byNumber.get(number) : undefined);
    if (path === undefined) {
      context.diagnostics.warn('image-missing', `no image file for frame '${frame.name}'`, { frame: frame.index, frameName: frame.name });
      continue;
    }
    used.add(path);
    frame.image = { path, read: () => tree.read(path) };
  }
  for (const file of files)
    if (!used.has(file.path))
      context.diagnostics.warn('annotation-unmatched', `image '${file.path}' matches no <image> of the annotations`, { file: file.path });
}
