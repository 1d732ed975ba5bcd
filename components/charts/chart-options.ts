// Scale and tooltip settings the charts share, so axes look the same everywhere.
import type { ChartTheme } from "./use-chart-theme";

/** An axis title with its unit, in the theme's text colour. */
export function axisTitle(text: string, theme: ChartTheme) {
  return { display: true, text, color: theme.text, font: { size: theme.isNarrow ? 11 : 13, weight: 600 as const } };
}

/**
 * Tick settings for a phone-width chart: at most 5 labels, skipped rather than overlapped, turned up to 50° when
 * they still do not fit, in a smaller font. Empty when wide, so a chart's own tick settings stand.
 */
export function narrowTicks(theme: Pick<ChartTheme, "isNarrow">) {
  if (!theme.isNarrow) return {};
  return { autoSkip: true, autoSkipPadding: 6, maxTicksLimit: 5, maxRotation: 50, font: { size: 10 } };
}

/** For a category axis whose every label matters (model sizes, module sets): turned, not skipped, on a phone. */
export function narrowCategoryTicks(theme: Pick<ChartTheme, "isNarrow">) {
  if (!theme.isNarrow) return {};
  return { maxRotation: 50, font: { size: 10 } };
}

export function axisStyle(theme: ChartTheme) {
  return { ticks: { color: theme.muted, ...narrowTicks(theme) }, grid: { color: theme.grid }, border: { color: theme.grid } };
}

/** Log-axis ticks at the given values only (Chart.js's own log ticks crowd "2 3 4 5 6 7 8 9"). */
export function fixedTicks(values: readonly number[]) {
  return (scale: { min: number; max: number; ticks: { value: number }[] }) => {
    scale.ticks = values.filter((value) => value >= scale.min * 0.999 && value <= scale.max * 1.001).map((value) => ({ value }));
  };
}

export const POWERS_OF_TWO = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096];

/** Log-axis bounds with some room on both sides (a factor of `pad`). */
export function logBounds(values: number[], floor = 1, pad = 1.5): { min: number; max: number } {
  const finite = values.filter((value) => Number.isFinite(value) && value > 0);
  if (finite.length === 0) return { min: floor, max: floor * 16 };
  return { min: Math.max(floor, Math.min(...finite) / pad), max: Math.max(...finite) * pad };
}

/** Tick labels for a log axis: plain numbers (Chart.js's own log formatter hides most of them). */
export const plainTickLabel = (value: number | string) => Number(value).toLocaleString("en-US");

/** A titled log axis over `bounds` with plain labels at powers of two (memory in GB, LoRA rank). */
export function powersOfTwoLogAxis(title: string, bounds: { min: number; max: number }, theme: ChartTheme) {
  return {
    type: "logarithmic" as const,
    min: bounds.min,
    max: bounds.max,
    afterBuildTicks: fixedTicks(POWERS_OF_TWO),
    title: axisTitle(title, theme),
    ...axisStyle(theme),
    ticks: { color: theme.muted, callback: plainTickLabel, ...narrowTicks(theme) },
  };
}

export function tooltipStyle(theme: ChartTheme) {
  return {
    backgroundColor: theme.isDark ? "rgba(230, 233, 237, 0.95)" : "rgba(27, 31, 36, 0.92)",
    titleColor: theme.isDark ? "#111418" : "#ffffff",
    bodyColor: theme.isDark ? "#111418" : "#ffffff",
    footerColor: theme.isDark ? "#333a44" : "#d6dae0",
    padding: 10,
    boxPadding: 4,
    usePointStyle: true,
  };
}
