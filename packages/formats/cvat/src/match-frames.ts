// Finds each frame's image file in the tree the way CVAT matches items to task frames (see NameMatcher). Frames
// without an image and images without a frame are reported, never dropped silently.
import type { Dataset, FileTree, FormatContext } from '@annoconv/core';
import { NameMatcher } from './name-matcher.js';

export { videoFrameNumber } from './name-matcher.js';

const IMAGE_EXTENSIONS = new Set(['jpg', 'jpeg', 'png', 'bmp', 'gif', 'tif', 'tiff', 'webp', 'jfif', 'jpe', 'pbm', 'pgm', 'ppm']);

function extensionOf(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
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
  const matcher = new NameMatcher(files.map((file) => file.relative));
  const used = new Set<string>();
  for (const frame of dataset.frames) {
    const index = frame.subset ? matcher.find(`${frame.subset}/${frame.name}`, frame.name) : matcher.find(frame.name);
    if (index === undefined) {
      context.diagnostics.warn('image-missing', `no image file for frame '${frame.name}'`, { frame: frame.index, frameName: frame.name });
      continue;
    }
    const path = files[index]!.path;
    used.add(path);
    frame.image = { path, read: () => tree.read(path) };
  }
  for (const file of files)
    if (!used.has(file.path)) context.diagnostics.warn('annotation-unmatched', `image '${file.path}' matches no <image> of the annotations`, { file: file.path });
}
