// @annoconv/io: file trees over folders, zip archives and memory; safe paths; output sinks; image sizes; PNG.
export * from './limits.js';
export * from './memory-tree.js';
export * from './safe-path.js';
export * from './voc-palette.js';
export * from './labelmap.js';
export * from './folder-tree.js';
export * from './single-file-tree.js';
export * from './zip-tree.js';
export * from './open-tree.js';
export * from './output-sink.js';
export * from './folder-sink.js';
export * from './zip-sink.js';
export * from './open-sink.js';
export * from './image-size.js';
export * from './image-size-from-tree.js';
export * from './png-decode.js';
export * from './png-encode.js';
