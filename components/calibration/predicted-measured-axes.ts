// What the two predicted-against-measured scatters on /calibration share: log axes over the same range on x and
// y, ticks at round values, and the dashed y = x line on which a prediction is exact.
import type { AnnotationOptions } from "chartjs-plugin-annotation";
import type { LegendEntry } from "@/components/charts/chart-legend";
import { axisStyle, axisTitle, fixedTicks, plainTickLabel } from "@/components/charts/chart-options";
import type { ChartTheme } from "@/components/charts/use-chart-theme";

/** Log-axis ticks at 1, 2, 5 × 10^k (0.001 to 5,000,000): readable at any range the rows span. */
const NICE_TICKS = Array.from({ length: 10 }, (_, k) => [1, 2, 5].map((m) => Number((m * 10 ** (k - 3)).toPrecision(1)))).flat();

/** Measured on x, predicted on y, both logarithmic over [min, max] so that y = x is the diagonal. */
export function predictedMeasuredScales(min: number, max: number, unit: string, theme: ChartTheme) {
  const axis = (title: string) => ({
    type: "logarithmic" as const,
    min,
    max,
    title: axisTitle(`${title} (${unit}, log scale)`, theme),
    ...axisStyle(theme),
    afterBuildTicks: fixedTicks(NICE_TICKS),
  });
  return {
    x: { ...axis("Measured"), ticks: { ...axisStyle(theme).ticks, callback: plainTickLabel, autoSkip: false, maxRotation: 0 } },
    y: { ...axis("Predicted"), ticks: { ...axisStyle(theme).ticks, callback: plainTickLabel, autoSkip: false } },
  };
}

/** The y = x line, labelled at its upper end. */
export function identityLine(min: number, max: number, theme: ChartTheme): Record<string, AnnotationOptions> {
  return {
    identity: {
      type: "line", xMin: min, xMax: max, yMin: min, yMax: max, borderColor: theme.muted, borderWidth: 1.5, borderDash: [6, 4],
      label: { display: true, content: "predicted = measured", position: "end", color: theme.muted, backgroundColor: theme.background, font: { size: 11 } },
    },
  };
}

export const identityLegend = (theme: ChartTheme): LegendEntry => ({ id: "identity", label: "y = x: exact prediction", color: theme.muted, shape: "dashed-line" });
