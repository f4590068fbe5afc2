import { describe, expect, it } from 'vitest';

describe('@annoconv/engine public exports', () => {
  it('are exactly these', async () => {
    expect(Object.keys(await import('./index.js')).sort()).toEqual([
      'CVAT_EXPORTER_ORDER',
      'CVAT_IMPORTER_ORDER',
      'RequestManager',
      'boxAround',
      'buildRequestId',
      'convert',
      'datasetStats',
      'denormalizeRequestIdValue',
      'detect',
      'detectFormat',
      'exportRequestId',
      'findFormat',
      'findTransform',
      'formats',
      'formatsListing',
      'importRequestId',
      'interruptedRequestMessage',
      'labelStats',
      'normalizeRequestIdValue',
      'optionSpecs',
      'parseRequestId',
      'randomSplit',
      'readDataset',
      'readerFor',
      'remapLabels',
      'resolveFormatOptions',
      'sortByListingOrder',
      'transforms',
      'validateDataset',
      'writerFor',
    ]);
  });
});
