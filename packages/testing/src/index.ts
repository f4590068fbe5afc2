// @annoconv/testing (private): fast-check arbitraries for the canonical model, a canonical form of datasets
// for round-trip comparisons, and the fixtures, folder and golden-file helpers shared by the tests of every package.
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
export { repoRoot, sharedSamplesDir, testDataDir } from './repo-paths.js';
export { treeFromFolder } from './tree-from-folder.js';
export { expectSinkToMatchFolder, updatingGolden } from './expect-sink-to-match-folder.js';
export { goldenCase, goldenDataset } from './golden-case.js';
export { box, datasetWith, shape, track, type LabelDraft } from './model-factories.js';
export { shapePixels, trackPixels, type ShapePixelsOptions } from './shape-pixels.js';
export { CountingSink } from './counting-sink.js';
