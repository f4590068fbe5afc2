// File-name pieces every format needs: a path's extension, the path without it (Datumaro's item id of a frame
// name), and whether a path names an image.

/** The image extensions formats look for beside their annotations (a format with its own list passes it). */
export const IMAGE_EXTENSIONS: ReadonlySet<string> = new Set(['.jpg', '.jpeg', '.png', '.bmp', '.gif', '.tif', '.tiff', '.webp', '.jpe']);

/** `.jpg` of `a/b.jpg`; '' when the last component has no extension (a leading dot is not one). */
export function extensionOf(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot) : '';
}

/** The path without its extension: a frame name's item id (`a/b.jpg` → `a/b`). */
export function withoutExtension(path: string): string {
  const extension = extensionOf(path);
  return extension ? path.slice(0, -extension.length) : path;
}

/** Whether the path's extension (any case) is one of `extensions`. */
export function isImagePath(path: string, extensions: ReadonlySet<string> = IMAGE_EXTENSIONS): boolean {
  return extensions.has(extensionOf(path).toLowerCase());
}
