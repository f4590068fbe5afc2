// Import and export helpers shared by formats that go through CVAT's Datumaro adapter.
export * from './shapes-to-tracks.js';
export * from './normalize-groups.js';
export * from './attribute-values.js';
