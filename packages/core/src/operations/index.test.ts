// Pins what the operations add to @annoconv/core's public exports.
import { expect, it } from 'vitest';

it('exports exactly these names', async () => {
  expect(Object.keys(await import('./index.js')).sort()).toEqual([
    'AnnotationRequestError',
    'AnnotationStore',
    'LabelIndex',
    'PATCH_ACTIONS',
    'correctTrackFrame',
    'cutTrack',
    'isTrackInside',
    'mergeTrackIntoRange',
    'readAnnotations',
    'serializeAnnotations',
    'serializeShape',
    'serializeSubShape',
    'serializeSubTrack',
    'serializeTag',
    'serializeTrack',
    'serializeTrackedShape',
    'sliceAnnotations',
    'sliceTrack',
    'splitIntoSegments',
    'syncTrackFrames',
  ]);
});

it('is re-exported from the package entry point, with the parsers', async () => {
  const core = await import('../index.js');
  for (const name of ['AnnotationStore', 'AnnotationRequestError', 'parseAnnotations', 'safeParseAnnotations', 'parseDataset', 'safeParseDataset', 'annotationSchemas', 'splitIntoSegments'])
    expect(Object.keys(core)).toContain(name);
});
