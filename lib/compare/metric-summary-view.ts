// How metric summaries read on the run page and in the diff: a value and the step it came from, which end of a
// metric is best, and the "Value at step" input's URL value. Pure, so that it is unit-tested without a browser.
import type { MetricValue } from "./metric-values";

export type StepValue = { step: number; value: MetricValue };

const significant = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 4 });
const whole = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/**
 * A metric value as people read it: four significant digits between 0.001 and 10,000 (a loss of 0.74972 is
 * "0.7497"), whole numbers with separators above (a token count), scientific notation below (a learning rate of
 * 0.0002 is "2e-4", as the chart's log axis writes it); NaN and ±Infinity spelled as logged.
 */
export function formatMetricValue(value: MetricValue): string {
  if (typeof value === "string") return value;
  const size = Math.abs(value);
  if (size === 0) return "0";
  if (size >= 10_000) return whole.format(value);
  if (size >= 0.001) return significant.format(value);
  const [mantissa, exponent] = value.toExponential(3).split("e") as [string, string];
  return `${String(Number(mantissa))}e${exponent.replace("+", "")}`;
}

/** "step 1,200": the step a value came from. */
export const formatStep = (step: number) => `step ${step.toLocaleString("en-US")}`;

/** "0.7497 at step 92,679", or "—" when there is none (a metric with no finite value, or that starts later). */
export function formatStepValue(point: StepValue | null | undefined): string {
  return point ? `${formatMetricValue(point.value)} at ${formatStep(point.step)}` : "—";
}

/** What the run page and the diff say about a metric's direction. */
export const DIRECTION_LABELS = { min: "lower is better", max: "higher is better" } as const;

/**
 * The step the "Value at step" input asks for, from its URL value (`at=`): a whole number from 0 to 1e9, as
 * GET /api/runs/{id}/metrics/summary?step= accepts; anything else is no step.
 */
export function stepFromParam(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined || !/^\d{1,10}$/.test(value.trim())) return undefined;
  const step = Number(value.trim());
  return step <= 1e9 ? step : undefined;
}

/**
 * The indices of the runs whose value is best among the given ones (finite values only, by direction); none when
 * fewer than two distinct finite values are given: a "best" mark among equals says nothing.
 */
export function bestRunIndices(values: readonly (StepValue | null)[], direction: "min" | "max"): number[] {
  const finite = values.flatMap((point, index) => (point && typeof point.value === "number" ? [{ index, value: point.value }] : []));
  if (new Set(finite.map((entry) => entry.value)).size < 2) return [];
  const best = direction === "min" ? Math.min(...finite.map((entry) => entry.value)) : Math.max(...finite.map((entry) => entry.value));
  return finite.filter((entry) => entry.value === best).map((entry) => entry.index);
}
