// View-building of the quality–memory chart's points: which series each point is drawn in, and the frontier in
// order. Pure; tests/unit/quality-memory-view.test.ts pins it.
//
// The points are split into one series per method, origin and selection rather than one per method with an
// option per point (marker, border, radius): Chart.js resolves and caches a dataset's element options once when
// none of them varies by point, but resolves them through its option proxies for every point, twice per draw,
// when one does. At 2,000 points that was most of the time /compare spent drawing this chart.
import { POINT_ORIGINS, type PointOrigin, type QualityMemoryResponse, type ValueRange } from "@/lib/schemas/compare";
import { METHODS, type Method } from "@/lib/schemas/run";

export type QualityMemoryPoint = QualityMemoryResponse["points"][number];

/** Points of one method and one origin, all selected or none: drawn with the same marker, size and border. */
export type QualityMemorySeries = { key: string; method: Method; origin: PointOrigin; isSelected: boolean; points: QualityMemoryPoint[] };

/** The run a point opens and selects: the first run it was built from (a paired point names several). */
export const firstRunId = (point: QualityMemoryPoint) => point.provenance[0]?.runId ?? point.id.split("+")[0]!;

/**
 * Where a point sits on the memory axis: its value, else the lower end of its range or bound, the end the server's
 * Pareto frontier is computed at (so the frontier line meets the markers).
 */
export const memoryAnchor = (range: ValueRange) => range.value ?? range.min;

/**
 * The points in series by method (METHODS order), the unselected before the selected, then origin (POINT_ORIGINS
 * order). Within a series the points keep the answer's order; empty series are left out.
 */
export function qualityMemorySeries(points: readonly QualityMemoryPoint[], selectedRunIds: ReadonlySet<string>): QualityMemorySeries[] {
  const buckets = new Map<string, QualityMemoryPoint[]>();
  const keyOf = (method: Method, origin: PointOrigin, isSelected: boolean) => `${method}:${origin}${isSelected ? ":selected" : ""}`;
  for (const point of points) {
    const key = keyOf(point.method, point.origin, selectedRunIds.has(firstRunId(point)));
    const bucket = buckets.get(key);
    if (bucket) bucket.push(point);
    else buckets.set(key, [point]);
  }
  return METHODS.flatMap((method) =>
    [false, true].flatMap((isSelected) =>
      POINT_ORIGINS.flatMap((origin) => {
        const key = keyOf(method, origin, isSelected);
        const bucket = buckets.get(key);
        return bucket ? [{ key, method, origin, isSelected, points: bucket }] : [];
      }),
    ),
  );
}

/** The frontier's points in the order the answer lists them (least memory first); ids not among the points are skipped. */
export function frontierPoints(points: readonly QualityMemoryPoint[], frontierIds: readonly string[]): QualityMemoryPoint[] {
  const byId = new Map(points.map((point) => [point.id, point]));
  return frontierIds.flatMap((id) => {
    const point = byId.get(id);
    return point ? [point] : [];
  });
}

/** A scatter point for Chart.js: at its memory anchor, with the range's ends for the whiskers when it is a range. */
export type QualityMemoryMarker = { x: number; y: number; xMin?: number; xMax?: number | null };

export function qualityMemoryMarker(point: QualityMemoryPoint): QualityMemoryMarker {
  const { memoryGb } = point;
  return { x: memoryAnchor(memoryGb), y: point.quality, ...(memoryGb.value === null ? { xMin: memoryGb.min, xMax: memoryGb.max } : {}) };
}
