// Public entry point of @annoconv/geometry: COCO and CVAT masks, rasterization, mask → polygons and CVAT track
// interpolation, as pure functions on typed arrays.
export type { Rle } from './rle.js';
export { GeometryError, type GeometryErrorCode } from './geometry-error.js';
export { encodeRle } from './encode-rle.js';
export { decodeRle } from './decode-rle.js';
export { rleToString, rleFromString } from './rle-string.js';
export { rleArea, rleToBbox } from './rle-measures.js';
export { rleMerge } from './rle-merge.js';
export { rleIou } from './rle-iou.js';
export { polygonToRle, polygonsToRle, bboxToRle } from './polygon-to-rle.js';
export { polygonArea } from './polygon-area.js';
export { EMPTY_CVAT_MASK, cvatMaskToRle, rleToCvatMask, cvatMaskToBitmap, bitmapToCvatMask } from './cvat-mask.js';
export type {
  AttributeValueLike,
  TrackedShapeLike,
  TrackLike,
  InterpolatedShape,
  InterpolationOptions,
} from './track-types.js';
export { interpolateTrack, findAngleDiff } from './interpolate-track.js';
export { tracksToShapes, type TrackFrameShape, type TracksToShapesOptions } from './tracks-to-shapes.js';
export { rasterizeShape, shapeToRle, rotatedRectanglePolygon, type RasterShape } from './rasterize-shape.js';
export { paintShapes, type PaintShape } from './paint-shapes.js';
export { maskToPolygons, type MaskToPolygonsOptions } from './mask-to-polygons.js';
export { instanceRegions, regionBitmap, regionPolygons, type InstanceRegion } from './instance-regions.js';
export { randomGenerator } from './random-generator.js';
export { pointsBounds } from './points-bounds.js';
