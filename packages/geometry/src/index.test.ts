// Pins the public exports of @annoconv/geometry: changing them is a deliberate act.
import { expect, it } from 'vitest';

it('exports exactly the public API', async () => {
  expect(Object.keys(await import('./index.js')).sort()).toEqual(
    [
      'EMPTY_CVAT_MASK',
      'GeometryError',
      'bboxToRle',
      'bitmapToCvatMask',
      'cvatMaskToBitmap',
      'cvatMaskToRle',
      'decodeRle',
      'encodeRle',
      'findAngleDiff',
      'instanceRegions',
      'interpolateTrack',
      'maskToPolygons',
      'paintShapes',
      'rasterizeShape',
      'regionBitmap',
      'regionPolygons',
      'rotatedRectanglePolygon',
      'shapeToRle',
      'tracksToShapes',
      'pointsBounds',
      'polygonArea',
      'polygonToRle',
      'polygonsToRle',
      'randomGenerator',
      'rleArea',
      'rleFromString',
      'rleIou',
      'rleMerge',
      'rleToBbox',
      'rleToCvatMask',
      'rleToString',
    ].sort(),
  );
});
