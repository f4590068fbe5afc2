// The axis-aligned bounds of a flat [x0, y0, x1, y1, …] point list, the box every shape type falls back to.

/** [minX, minY, maxX, maxY] of the points, or undefined when there is no whole point. */
export function pointsBounds(points: ArrayLike<number>): [number, number, number, number] | undefined {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let index = 0; index + 1 < points.length; index += 2) {
    const x = points[index]!;
    const y = points[index + 1]!;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return minX === Infinity ? undefined : [minX, minY, maxX, maxY];
}
