// Export helpers shared by formats that write through CVAT's Datumaro adapter.
export * from './merge-instances.js';
