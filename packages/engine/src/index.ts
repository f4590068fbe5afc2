// @annoconv/engine: the explicit list of formats, detection, convert(), dataset reading and stats, the CVAT
// formats listing, dataset transforms and asynchronous import / export requests.
export { formats } from './formats.js';
export { CVAT_EXPORTER_ORDER, CVAT_IMPORTER_ORDER, sortByListingOrder } from './listing-order.js';
export { formatsListing, type FormatsListing } from './formats-listing.js';
export { findFormat } from './find-format.js';
export { detect, detectFormat, type DetectionCandidate, type DetectionResult, type DetectOptions } from './detect.js';
export { optionSpecs, resolveFormatOptions } from './format-options.js';
export { readDataset, readerFor, writerFor, type ReadDatasetOptions, type ReadDatasetResult } from './read-dataset.js';
export { convert, type ConvertOptions, type ConvertResult } from './convert.js';
export { transforms, findTransform, boxAround, remapLabels, randomSplit, type DatasetTransform, type RemapLabelsOptions, type RandomSplitOptions } from './transforms/index.js';
export { datasetStats, labelStats, type DatasetStats, type LabelCounts, type LabelStats } from './dataset-stats.js';
export { validateDataset } from './validate-dataset.js';
export type { OutputTarget } from './open-input.js';
export * from './requests/request-id.js';
export * from './requests/request-serializer.js';
export * from './requests/request-manager.js';
export * from './requests/request-store.js';
