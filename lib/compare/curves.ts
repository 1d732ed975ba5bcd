// Pure view-building for metric curves (the run page's chart and /compare's loss curves): which unit family a
// metric key belongs to, which y axis each family gets, what x value a point has for the chosen x axis, and EMA
// smoothing. No React, no Chart.js: tests/unit/compare-curves.test.ts pins every rule here.
import { chartMetricValue, type MetricValue } from "./metric-values";

export type UnitFamily = "loss" | "learning-rate" | "grad-norm" | "throughput" | "memory" | "accuracy" | "counter" | "other";

/** How each family's axis is titled; the unit is what the metric is in, as trainers log it. */
export const UNIT_FAMILY_LABELS: Record<UnitFamily, string> = {
  loss: "Loss / perplexity (unitless)",
  "learning-rate": "Learning rate",
  "grad-norm": "Gradient norm (unitless)",
  throughput: "Throughput (per second)",
  memory: "Memory",
  accuracy: "Accuracy / score",
  counter: "Counter (epochs, steps, tokens)",
  other: "Other",
};

// Order matters: "tokens_per_second" is a throughput before it is a token counter, "eval/accuracy_loss" a loss.
const FAMILY_PATTERNS: [UnitFamily, RegExp][] = [
  ["throughput", /per_?sec|per_?second|_per_s\b|\/s$|throughput|samples_per|tokens_per|it_?s\b|tflops|mfu/],
  ["learning-rate", /learning_?rate|(^|[/_.-])lr($|[/_.-])/],
  ["grad-norm", /grad(ient)?_?norm/],
  ["memory", /mem(ory)?|allocated|reserved|vram|_gb$|_mb$|bytes/],
  ["loss", /loss|perplexity|ppl/],
  ["accuracy", /acc(uracy)?|score|f1|bleu|rouge|mmlu|exact_match|pass@|percent|pct|win_?rate/],
  ["counter", /epoch|(^|[/_.-])step|tokens|tokens_seen|samples_seen|num_input/],
];

/** The unit family of a metric key, from its name (case-insensitive); "other" when nothing matches. */
export function unitFamilyOf(key: string): UnitFamily {
  const name = key.toLowerCase();
  return FAMILY_PATTERNS.find(([, pattern]) => pattern.test(name))?.[0] ?? "other";
}

export type YAxisSpec = { id: string; family: UnitFamily; position: "left" | "right"; isLog: boolean; title: string; keys: string[] };

/**
 * One y axis per unit family among the picked keys, alternating left and right: the loss first (on the left, where
 * readers look for it), then the other families in the order their keys come (keys arrive sorted by name, and
 * "train/learning_rate" sorts before "train/loss").
 * A learning rate spans decades (warm-up from 1e-7 to 2e-4), so its axis is logarithmic when every value it
 * carries is positive; a zero (the end of a linear decay) keeps it linear rather than dropping the point.
 */
export function assignYAxes(series: { key: string; values: (number | null)[] }[]): YAxisSpec[] {
  const axes: YAxisSpec[] = [];
  const lossFirst = [...series].sort((a, b) => Number(unitFamilyOf(b.key) === "loss") - Number(unitFamilyOf(a.key) === "loss"));
  for (const { key, values } of lossFirst) {
    const family = unitFamilyOf(key);
    let axis = axes.find((candidate) => candidate.family === family);
    if (!axis) {
      axis = { id: `y${axes.length}`, family, position: axes.length % 2 === 0 ? "left" : "right", isLog: family === "learning-rate", title: UNIT_FAMILY_LABELS[family], keys: [] };
      axes.push(axis);
    }
    axis.keys.push(key);
    if (values.some((value) => value !== null && value <= 0)) axis.isLog = false;
  }
  for (const axis of axes) if (axis.isLog) axis.title += " (log scale)";
  return axes;
}

// ------------------------------------------------------------------------------------------------ x axis
export type XAxisChoice = "step" | "epoch" | "tokens" | "time";
export const X_AXIS_CHOICES: XAxisChoice[] = ["step", "epoch", "tokens", "time"];
export const X_AXIS_LABELS: Record<XAxisChoice, string> = { step: "Step", epoch: "Epoch", tokens: "Tokens seen", time: "Relative time (s)" };

/** Keys trainers log the epoch and the tokens seen under (Hugging Face's Trainer: epoch, num_input_tokens_seen). */
export const EPOCH_KEYS = ["epoch", "train/epoch"];
export const TOKEN_KEYS = ["num_input_tokens_seen", "train/num_input_tokens_seen", "tokens_seen", "train/tokens_seen", "tokens", "train/tokens"];

export type CurvePoint = { step: number; value: MetricValue; time?: string };
export type CurveSeries = { key: string; points: CurvePoint[] };
/** The run's recorded batch shape; null where it was not recorded. */
export type TokenShape = { batchSize: number | null; seqLen: number | null; gradientAccumulation: number | null; gpuCount: number | null };

/** Maps a point to its x value; null when it has none (a step outside the logged epoch range, say), and is left out. */
export type XMapper = (point: CurvePoint) => number | null;
export type XAxisResolution = { isAvailable: true; map: XMapper; title: string } | { isAvailable: false; reason: string };

/** A series' (step, value) pairs with finite values, sorted by step, for interpolation. */
function finiteByStep(series: CurveSeries): { steps: number[]; values: number[] } {
  const pairs = series.points
    .map((point) => ({ step: point.step, value: chartMetricValue(point.value) }))
    .filter((pair): pair is { step: number; value: number } => pair.value !== null)
    .sort((a, b) => a.step - b.step);
  return { steps: pairs.map((pair) => pair.step), values: pairs.map((pair) => pair.value) };
}

/**
 * Linear interpolation of a counter logged at some steps (epoch, tokens) at any step between its first and last
 * logged step; null outside that range, where guessing would draw points that were never there.
 */
export function interpolateAtStep(steps: number[], values: number[], step: number): number | null {
  if (steps.length === 0 || step < steps[0]! || step > steps[steps.length - 1]!) return null;
  let low = 0;
  let high = steps.length - 1;
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    if (steps[middle]! <= step) low = middle;
    else high = middle;
  }
  const [s0, s1, v0, v1] = [steps[low]!, steps[high]!, values[low]!, values[high]!];
  if (s0 === step || s1 === s0) return v0;
  if (s1 === step) return v1;
  return v0 + ((v1 - v0) * (step - s0)) / (s1 - s0);
}

function counterMapper(series: CurveSeries): XMapper | null {
  const { steps, values } = finiteByStep(series);
  if (steps.length === 0) return null;
  return (point) => interpolateAtStep(steps, values, point.step);
}

/**
 * The x value of every point for one x-axis choice, or why the run cannot give it.
 * - epoch: from an `epoch` / `train/epoch` series, interpolated between the steps it was logged at;
 * - tokens: from a tokens series if the run logs one, else step × batch × seqLen × accumulation × GPUs (an upper
 *   bound: it counts padding as tokens), when the run records batch size and sequence length;
 * - time: seconds since the run's first timestamped point, when every drawn point carries its time.
 * `drawn` are the series on the chart; `all` every series of the run (the counters may not be drawn).
 */
export function resolveXAxis(choice: XAxisChoice, context: { drawn: CurveSeries[]; all: CurveSeries[]; shape?: TokenShape | null }): XAxisResolution {
  const { drawn, all, shape } = context;
  const byKey = (keys: string[]) => keys.map((key) => all.find((series) => series.key === key)).find((series) => series !== undefined && series.points.length > 0);
  if (choice === "step") return { isAvailable: true, map: (point) => point.step, title: "Training step" };
  if (choice === "epoch") {
    const epochs = byKey(EPOCH_KEYS);
    const map = epochs ? counterMapper(epochs) : null;
    if (!epochs || !map) return { isAvailable: false, reason: `No epoch series: log one as ${EPOCH_KEYS.join(" or ")}` };
    return { isAvailable: true, map, title: `Epoch (from ${epochs.key}, interpolated between logged steps)` };
  }
  if (choice === "tokens") {
    const tokens = byKey(TOKEN_KEYS);
    const map = tokens ? counterMapper(tokens) : null;
    if (tokens && map) return { isAvailable: true, map, title: `Tokens seen (from ${tokens.key})` };
    if (!shape?.batchSize || !shape.seqLen)
      return { isAvailable: false, reason: "No tokens series (e.g. num_input_tokens_seen), and the run does not record its batch size and sequence length" };
    const perStep = shape.batchSize * shape.seqLen * (shape.gradientAccumulation ?? 1) * (shape.gpuCount ?? 1);
    const assumed = [shape.gradientAccumulation ? null : "accumulation 1", shape.gpuCount ? null : "1 GPU"].filter(Boolean);
    return {
      isAvailable: true,
      map: (point) => point.step * perStep,
      title: `Tokens seen (step × ${perStep.toLocaleString("en-US")}, padding included${assumed.length ? `; assumes ${assumed.join(", ")}` : ""})`,
    };
  }
  const points = drawn.flatMap((series) => series.points);
  if (points.length === 0 || points.some((point) => point.time === undefined))
    return { isAvailable: false, reason: "The points carry no timestamps (downsampled reads leave them out)" };
  const start = Math.min(...points.map((point) => Date.parse(point.time!)));
  return { isAvailable: true, map: (point) => (point.time === undefined ? null : (Date.parse(point.time) - start) / 1000), title: "Seconds since the first point" };
}

// ------------------------------------------------------------------------------------------------ smoothing
/**
 * Exponential moving average with TensorBoard's debiasing: s_t = w·s_{t-1} + (1−w)·x_t, divided by 1−w^t so
 * the first points are not pulled towards zero. weight 0 returns the series unchanged. A null (a gap: NaN or
 * ±Infinity logged) stays null and does not enter the average, so one diverged step does not poison the rest.
 */
export function smoothEma<T extends number | null>(values: T[], weight: number): T[] {
  if (weight <= 0) return [...values];
  let last = 0;
  let debias = 0;
  return values.map((value) => {
    if (value === null) return value;
    last = last * weight + (1 - weight) * value;
    debias = debias * weight + (1 - weight);
    return (last / debias) as T;
  });
}

export type XYPoint = { x: number; y: number | null };
export type CurveLines = { raw: XYPoint[]; smoothed: XYPoint[] };

/**
 * A series as chart points: the raw values (NaN and ±Infinity become null, a gap in the line) and the
 * EMA-smoothed ones at the same x. Smoothing runs over every point in step order before points without an x are
 * left out, so the smoothed value at a point does not depend on the x axis chosen.
 */
export function buildCurveLines(points: CurvePoint[], mapX: XMapper, weight: number): CurveLines {
  const ys = points.map((point) => chartMetricValue(point.value));
  const smoothed = smoothEma(ys, weight);
  const raw: XYPoint[] = [];
  const smooth: XYPoint[] = [];
  points.forEach((point, index) => {
    const x = mapX(point);
    if (x === null || !Number.isFinite(x)) return;
    raw.push({ x, y: ys[index]! });
    smooth.push({ x, y: smoothed[index]! });
  });
  return { raw, smoothed: smooth };
}

/** The keys a run page preselects: its loss keys, else its first key. */
export function defaultPickedKeys(keys: string[]): string[] {
  const losses = keys.filter((key) => unitFamilyOf(key) === "loss");
  return losses.length ? losses : keys.slice(0, 1);
}
