// Pins the public exports of @annoconv/testing.
import { expect, it } from 'vitest';

it('exports exactly these names', async () => {
  expect(Object.keys(await import('./index.js')).sort()).toEqual([
    'CountingSink',
    'annotationsArbitrary',
    'attributeSpecDraftArbitrary',
    'attributeValueArbitrary',
    'box',
    'canonicalize',
    'cvatMaskArbitrary',
    'datasetArbitrary',
    'datasetWith',
    'expectSinkToMatchFolder',
    'framesArbitrary',
    'goldenCase',
    'goldenDataset',
    'labelsArbitrary',
    'pointsArbitrary',
    'repoRoot',
    'shape',
    'shapePixels',
    'sharedSamplesDir',
    'testDataDir',
    'track',
    'trackPixels',
    'treeFromFolder',
    'updatingGolden',
  ]);
});
