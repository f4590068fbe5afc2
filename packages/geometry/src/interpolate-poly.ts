// CVAT's polygon / polyline point matching for interpolation (server `interpolate_position`, the same
// algorithm as cvat-core's poly-track.ts; CVAT-MODEL §3.6): arc-length matching of the two point lists, then a
// reduction that may change the number of points from frame to frame.

function curveLength(xs: ArrayLike<number>, ys: ArrayLike<number>, start: number, stop: number): number {
  let length = 0;
  for (let i = start + 1; i <= stop; i++) {
    const dx = xs[i] - xs[i - 1];
    const dy = ys[i] - ys[i - 1];
    length += Math.sqrt(dx * dx + dy * dy);
  }
  return length;
}

/** Cumulative arc length over total length; a zero-length curve gives NaN after the first entry, as in CVAT. */
function offsetVector(xs: number[], ys: number[]): number[] {
  const length = curveLength(xs, ys, 0, xs.length - 1);
  const result = [0];
  let accumulated = 0;
  for (let i = 1; i < xs.length; i++) {
    const dx = xs[i] - xs[i - 1];
    const dy = ys[i] - ys[i - 1];
    accumulated += Math.sqrt(dx * dx + dy * dy);
    result.push(accumulated / length);
  }
  return result;
}

/** Index of the nearest value; the first wins ties, and NaN distances never win (index 0 stays). */
function nearest(value: number, curve: number[]): number {
  let best = 0;
  let bestDistance = Math.abs(value - curve[0]);
  for (let i = 1; i < curve.length; i++) {
    const distance = Math.abs(value - curve[i]);
    if (distance < bestDistance) {
      best = i;
      bestDistance = distance;
    }
  }
  return best;
}

/** Interpolated flat points `[x0, y0, …]` between two point lists at `offset` ∈ (0, 1). */
export function interpolatePolyPoints(left: readonly number[], right: readonly number[], offset: number): number[] {
  const leftCount = left.length >> 1;
  const rightCount = right.length >> 1;
  const lx: number[] = [];
  const ly: number[] = [];
  const rx: number[] = [];
  const ry: number[] = [];
  for (let i = 0; i < leftCount; i++) {
    lx.push(left[2 * i]);
    ly.push(left[2 * i + 1]);
  }
  for (let i = 0; i < rightCount; i++) {
    rx.push(right[2 * i]);
    ry.push(right[2 * i + 1]);
  }
  const leftOffsets = offsetVector(lx, ly);
  const rightOffsets = offsetVector(rx, ry);

  // Left → right, then every right point nobody chose goes to its nearest left point.
  const matching: number[][] = leftOffsets.map((value) => [nearest(value, rightOffsets)]);
  const chosen = new Set<number>();
  for (const list of matching) chosen.add(list[0]);
  for (let j = 0; j < rightCount; j++) {
    if (!chosen.has(j)) matching[nearest(rightOffsets[j], leftOffsets)].push(j);
  }
  for (const list of matching) list.sort((a, b) => a - b);

  // Every (left, right) pair, in order, with each left index's first pair position.
  const px: number[] = [];
  const py: number[] = [];
  const firstPair: number[] = [];
  for (let i = 0; i < leftCount; i++) {
    firstPair.push(px.length);
    for (const j of matching[i]) {
      px.push(lx[i] + (rx[j] - lx[i]) * offset);
      py.push(ly[i] + (ry[j] - ly[i]) * offset);
    }
  }

  const result: number[] = [];
  const minimize = (baseLength: number, n: number, start: number, stop: number) => {
    const threshold = baseLength / (2 * n);
    const keptX = [px[start]];
    const keptY = [py[start]];
    let latest = start;
    for (let i = start + 1; i < stop; i++) {
      const dx = px[latest] - px[i];
      const dy = py[latest] - py[i];
      if (Math.sqrt(dx * dx + dy * dy) >= threshold) {
        keptX.push(px[i]);
        keptY.push(py[i]);
        latest = i;
      }
    }
    keptX.push(px[stop]);
    keptY.push(py[stop]);
    if (keptX.length === 2) {
      const dx = px[start] - px[stop];
      const dy = py[start] - py[stop];
      if (Math.sqrt(dx * dx + dy * dy) < threshold) {
        // CVAT's average_point: a running sum divided by the count.
        result.push((0 + keptX[0] + keptX[1]) / 2, (0 + keptY[0] + keptY[1]) / 2);
        return;
      }
    }
    for (let i = 0; i < keptX.length; i++) result.push(keptX[i], keptY[i]);
  };
  const leftSegment = (start: number, stop: number) => {
    const startPair = firstPair[start];
    const stopPair = firstPair[stop];
    if (startPair === stopPair) {
      result.push(px[startPair], py[startPair]);
      return;
    }
    minimize(curveLength(lx, ly, start, stop), stop - start + 1, startPair, stopPair);
  };
  const rightSegment = (leftIndex: number) => {
    const list = matching[leftIndex];
    const start = list[0];
    const stop = list[list.length - 1];
    const startPair = firstPair[leftIndex];
    const stopPair = startPair + list.length - 1;
    minimize(curveLength(rx, ry, start, stop), stop - start + 1, startPair, stopPair);
  };

  let open = -1;
  for (let i = 0; i < leftCount; i++) {
    if (matching[i].length === 1) {
      if (open >= 0) {
        if (matching[i][0] === matching[open][0]) continue;
        leftSegment(open, i - 1);
        open = i;
      } else open = i;
    } else {
      if (open >= 0) {
        leftSegment(open, i - 1);
        open = -1;
      }
      rightSegment(i);
    }
  }
  if (open >= 0) leftSegment(open, leftCount - 1);
  return result;
}
