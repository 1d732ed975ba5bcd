// parseMetricPointsFast must never accept what metricPointsSchema refuses, must give the schema's own output when it
// accepts, and must take the common bodies (otherwise ingest falls back to the slow path and the speed is gone).
import { describe, expect, it } from "vitest";
import { MAX_METRIC_POINTS, metricPointsSchema, parseMetricPointsFast } from "@/lib/schemas/run";

/** Both parsers on one body: the fast one either agrees with the schema or steps aside. */
function agree(body: unknown): "fast" | "schema" {
  // The fast path normalises the parsed body in place: each parser gets its own copy.
  const schema = metricPointsSchema.safeParse(structuredClone(body));
  const fast = parseMetricPointsFast(structuredClone(body));
  if (fast === undefined) return "schema";
  expect(schema.success, JSON.stringify(body).slice(0, 200)).toBe(true);
  expect(fast).toEqual(schema.data);
  return "fast";
}

const valid = [
  { key: "train/loss", step: 0, value: 2.5 },
  { key: "eval.loss-1_x", step: 1_000_000_000, value: -0.001 },
  { key: "  padded/key  ", step: 7, value: 0 },
  { key: "lr", step: 3, value: 1e-300 },
  { key: "train/loss", step: 4, value: "NaN" },
  { key: "train/loss", step: 5, value: "Infinity" },
  { key: "train/loss", step: 6, value: "-Infinity" },
  { key: "train/loss", step: 8, value: 1.5, time: "2026-11-29T10:00:00Z" },
  { key: "train/loss", step: 9, value: 1.5, time: "2026-11-29T10:00:00.123456+02:00" },
  { key: "k".repeat(100), step: 1, value: 1 },
];

const broken: unknown[] = [
  { step: 1, value: 1 },
  { key: "", step: 1, value: 1 },
  { key: "   ", step: 1, value: 1 },
  { key: "k".repeat(101), step: 1, value: 1 },
  { key: "has space", step: 1, value: 1 },
  { key: "memory/max (GiB)", step: 1, value: 1 },
  { key: 5, step: 1, value: 1 },
  { key: "a", step: -1, value: 1 },
  { key: "a", step: 1.5, value: 1 },
  { key: "a", step: 1e9 + 1, value: 1 },
  { key: "a", step: "3", value: 1 },
  { key: "a", step: 1, value: "nan" },
  { key: "a", step: 1, value: "1.5" },
  { key: "a", step: 1, value: null },
  { key: "a", step: 1, value: true },
  { key: "a", step: 1, value: Infinity },
  { key: "a", step: 1, value: Number.NaN },
  { key: "a", step: 1, value: 1, time: "2026-11-29 10:00" },
  { key: "a", step: 1, value: 1, time: "2026-11-29T10:00:00" },
  { key: "a", step: 1, value: 1, time: null },
  { key: "a", step: 1, value: 1, extra: true },
  { key: "a", step: 1, value: 1, __proto__x: 1 },
  JSON.parse('{"key":"a","step":1,"value":1,"__proto__":{"x":1}}'),
  null,
  [],
  "point",
];

describe("parseMetricPointsFast", () => {
  it("takes every valid point the schema takes, with the schema's output (keys trimmed, non-finite strings as numbers)", () => {
    for (const point of valid) expect(agree({ points: [point] }), JSON.stringify(point)).toBe("fast");
    expect(agree({ points: valid })).toBe("fast");
    const out = parseMetricPointsFast({ points: valid })!;
    expect(out.points[2]!.key).toBe("padded/key");
    expect(out.points[4]!.value).toBeNaN();
    expect(out.points[6]!.value).toBe(-Infinity);
  });

  it("steps aside for every broken point, so the schema words the 422", () => {
    for (const point of broken) {
      expect(parseMetricPointsFast({ points: [point] }), JSON.stringify(point)).toBeUndefined();
      expect(metricPointsSchema.safeParse(structuredClone({ points: [point] })).success, JSON.stringify(point)).toBe(false);
      // One broken point among valid ones refuses the whole body.
      expect(parseMetricPointsFast({ points: [...valid, point] })).toBeUndefined();
    }
  });

  it("steps aside for bodies of the wrong shape or size", () => {
    const point = valid[0]!;
    for (const body of [null, [], "x", {}, { points: [] }, { points: point }, { points: [point], extra: 1 }, { points: Array(MAX_METRIC_POINTS + 1).fill(point) }]) {
      expect(agree(body), JSON.stringify(body).slice(0, 80)).toBe("schema");
      expect(metricPointsSchema.safeParse(body).success).toBe(false);
    }
    expect(agree({ points: Array(MAX_METRIC_POINTS).fill(point) })).toBe("fast");
  });

  it("agrees with the schema on 3,000 random mixtures of valid and broken fields", () => {
    // mulberry32, seeded: the same cases on every run.
    let state = 0x5eed;
    const random = () => {
      state = (state + 0x6d2b79f5) | 0;
      let t = Math.imul(state ^ (state >>> 15), 1 | state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const keys = ["train/loss", " x ", "", "a b", "k".repeat(100), "k".repeat(101), 3, undefined];
    const steps = [0, 1, 1e9, 1e9 + 1, -1, 2.5, "1", undefined];
    const values = [0, -1.5, 1e308, "NaN", "Infinity", "-Infinity", "nan", null, true, undefined];
    const times = [undefined, "2026-11-29T10:00:00Z", "2026-11-29", null, 5];
    let fast = 0;
    for (let n = 0; n < 3000; n += 1) {
      const point: Record<string, unknown> = {};
      for (const [field, options] of [["key", keys], ["step", steps], ["value", values], ["time", times]] as const) {
        const chosen = pick(options as readonly unknown[]);
        if (chosen !== undefined) point[field] = chosen;
      }
      if (random() < 0.05) point.extra = 1;
      if (agree({ points: [point] }) === "fast") fast += 1;
    }
    // The mixture holds valid points too: the fast path must have taken some, and stepped aside for the rest.
    expect(fast).toBeGreaterThan(50);
    expect(fast).toBeLessThan(3000);
  });
});
