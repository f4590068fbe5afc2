// @annoconv/core: the canonical model (CVAT's), its schemas, diagnostics, errors and the plugin and file-tree
// interfaces every other package builds on.
export * from './model/annotations.js';
export * from './model/labels.js';
export * from './model/frames.js';
export * from './model/dataset.js';
export * from './diagnostics.js';
export * from './errors.js';
export * from './file-tree.js';
export * from './plugin.js';
export * from './dataset-builder.js';
export * from './import/index.js';
export * from './skeleton-svg.js';
export * from './parse-json.js';
export * from './parse-annotations.js';
export * from './parse-dataset.js';
export * from './operations/index.js';
export * from './text-positions.js';
export * from './xml-schema-error.js';
export * from './export/index.js';
