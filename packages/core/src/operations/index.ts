// CVAT's annotation operations over one task held in memory: the store, jobs as frame-range views, slicing.
export * from './annotation-store.js';
export * from './annotation-request-error.js';
export * from './label-index.js';
export * from './segments.js';
export * from './slice-annotations.js';
export * from './cut-track.js';
export * from './read-annotations.js';
export * from './serialize-annotations.js';
export * from './track-frames.js';
