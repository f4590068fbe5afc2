// @annoconv/testing (private): fast-check arbitraries for the canonical model and a canonical form of datasets
// for round-trip comparisons, shared by the tests of every package.
export {
  annotationsArbitrary,
  attributeSpecDraftArbitrary,
  attributeValueArbitrary,
  cvatMaskArbitrary,
  datasetArbitrary,
  framesArbitrary,
  labelsArbitrary,
  pointsArbitrary,
  type ModelArbitraryOptions,
} from './model-arbitraries.js';
export { canonicalize, type CanonicalizeOptions } from './canonicalize.js';
