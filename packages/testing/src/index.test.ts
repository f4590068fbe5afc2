// Pins the public exports of @annoconv/testing.
import { expect, it } from 'vitest';

it('exports exactly these names', async () => {
  expect(Object.keys(await import('./index.js')).sort()).toEqual([
    'annotationsArbitrary',
    'attributeSpecDraftArbitrary',
    'attributeValueArbitrary',
    'canonicalize',
    'cvatMaskArbitrary',
    'datasetArbitrary',
    'framesArbitrary',
    'labelsArbitrary',
    'pointsArbitrary',
  ]);
});
