// @annoconv/io: file trees over folders, zip archives and memory; safe paths; image sizes; PNG.
export * from './memory-tree.js';
export * from './safe-path.js';
export * from './voc-palette.js';
export * from './labelmap.js';
