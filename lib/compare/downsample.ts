// Largest-Triangle-Three-Buckets downsampling (Sveinn Steinarsson, "Downsampling Time Series for Visual
// Representation", MSc thesis, University of Iceland, 2013, ch. 4.2): keeps the points that shape a curve.

export type SeriesPoint = { step: number; value: number };

/**
 * Indices of the points LTTB keeps from a series of x (ascending) and y values. The first and last points are
 * always kept; the others are split into maxPoints − 2 equal buckets, and from each bucket the point is kept
 * that forms the largest triangle with the point kept from the previous bucket and the average of the next
 * bucket (ties: the earliest). A series of at most maxPoints points (or a maxPoints below 3, where no bucket
 * fits) keeps every index.
 */
export function lttbIndices(xs: ArrayLike<number>, ys: ArrayLike<number>, maxPoints: number): number[] {
  const n = xs.length;
  if (n <= maxPoints || maxPoints < 3) return Array.from({ length: n }, (_, i) => i);
  const kept = [0];
  const bucketSize = (n - 2) / (maxPoints - 2);
  let previous = 0; // index of the point kept from the previous bucket
  for (let bucket = 0; bucket < maxPoints - 2; bucket += 1) {
    // Average of the next bucket; for the last bucket that is the last point alone.
    const nextStart = Math.floor((bucket + 1) * bucketSize) + 1;
    const nextEnd = Math.min(Math.floor((bucket + 2) * bucketSize) + 1, n);
    let averageX = 0;
    let averageY = 0;
    for (let i = nextStart; i < nextEnd; i += 1) {
      averageX += xs[i]!;
      averageY += ys[i]!;
    }
    averageX /= nextEnd - nextStart;
    averageY /= nextEnd - nextStart;

    const ax = xs[previous]!;
    const ay = ys[previous]!;
    let largestArea = -1;
    let chosen = Math.floor(bucket * bucketSize) + 1;
    for (let i = chosen, end = Math.floor((bucket + 1) * bucketSize) + 1; i < end; i += 1) {
      // Twice the triangle's area; the factor does not change which point is largest.
      const area = Math.abs((ax - averageX) * (ys[i]! - ay) - (ax - xs[i]!) * (averageY - ay));
      if (area > largestArea) {
        largestArea = area;
        chosen = i;
      }
    }
    kept.push(chosen);
    previous = chosen;
  }
  kept.push(n - 1);
  return kept;
}

/** The points LTTB keeps from a series ordered by step (see lttbIndices); the input itself when it fits. */
export function downsampleLttb<T extends SeriesPoint>(points: readonly T[], maxPoints: number): T[] {
  const indices = lttbIndices(points.map((p) => p.step), points.map((p) => p.value), maxPoints);
  return indices.map((i) => points[i]!);
}
