// Largest-Triangle-Three-Buckets downsampling (Sveinn Steinarsson, "Downsampling Time Series for Visual
// Representation", MSc thesis, University of Iceland, 2013, ch. 4.2): keeps the points that shape a curve.

export type SeriesPoint = { step: number; value: number };

/**
 * Indices of the points LTTB keeps from a series of x (ascending) and y values. The first and last points are
 * always kept; the others are split into maxPoints − 2 equal buckets, and from each bucket the point is kept
 * that forms the largest triangle with the point kept from the previous bucket and the average of the next
 * bucket (ties: the earliest). A series of at most maxPoints points (or a maxPoints below 3, where no bucket
 * fits) keeps every index.
 *
 * Non-finite y values (NaN, ±Infinity: a diverged run) are gaps, not numbers: a bucket that holds one keeps its
 * first non-finite point, so every gap stays visible at the bucket's resolution; areas and averages are taken over
 * finite points only, measured from the last finite point kept (when there is none yet, the bucket keeps its first
 * point). A series without non-finite values is downsampled exactly as before.
 */
export function lttbIndices(xs: ArrayLike<number>, ys: ArrayLike<number>, maxPoints: number): number[] {
  const n = xs.length;
  if (n <= maxPoints || maxPoints < 3) return Array.from({ length: n }, (_, i) => i);
  const kept = [0];
  const bucketSize = (n - 2) / (maxPoints - 2);
  // The last kept point with a finite y: the triangle's first corner.
  let anchor: number | undefined = Number.isFinite(ys[0]!) ? 0 : undefined;
  for (let bucket = 0; bucket < maxPoints - 2; bucket += 1) {
    const start = Math.floor(bucket * bucketSize) + 1;
    const end = Math.floor((bucket + 1) * bucketSize) + 1;
    let gap = -1;
    for (let i = start; i < end && gap < 0; i += 1) if (!Number.isFinite(ys[i]!)) gap = i;
    if (gap >= 0) {
      kept.push(gap);
      continue;
    }
    // Average of the next bucket's finite points; for the last bucket that is the last point alone.
    const nextStart = end;
    const nextEnd = Math.min(Math.floor((bucket + 2) * bucketSize) + 1, n);
    let averageX = 0;
    let averageY = 0;
    let finiteCount = 0;
    for (let i = nextStart; i < nextEnd; i += 1) {
      if (!Number.isFinite(ys[i]!)) continue;
      averageX += xs[i]!;
      averageY += ys[i]!;
      finiteCount += 1;
    }
    let chosen = start;
    if (anchor !== undefined) {
      const ax = xs[anchor]!;
      const ay = ys[anchor]!;
      // A next bucket of gaps only: measure against a level line through the anchor at the bucket's end.
      averageX = finiteCount ? averageX / finiteCount : xs[nextEnd - 1]!;
      averageY = finiteCount ? averageY / finiteCount : ay;
      let largestArea = -1;
      for (let i = start; i < end; i += 1) {
        // Twice the triangle's area; the factor does not change which point is largest.
        const area = Math.abs((ax - averageX) * (ys[i]! - ay) - (ax - xs[i]!) * (averageY - ay));
        if (area > largestArea) {
          largestArea = area;
          chosen = i;
        }
      }
    }
    kept.push(chosen);
    anchor = chosen;
  }
  kept.push(n - 1);
  return kept;
}

/** The points LTTB keeps from a series ordered by step (see lttbIndices); the input itself when it fits. */
export function downsampleLttb<T extends SeriesPoint>(points: readonly T[], maxPoints: number): T[] {
  const indices = lttbIndices(points.map((p) => p.step), points.map((p) => p.value), maxPoints);
  return indices.map((i) => points[i]!);
}
