"use client";
import { Line } from "react-chartjs-2";
import { chartMetricValue } from "@/lib/compare/metric-values";
import type { MetricSeries } from "@/lib/schemas/run";
import "./register";

export type LossCurveChartProps = { series: MetricSeries[] };

// Okabe–Ito colours not used by the method palette, so curves never look like a method.
const SERIES_COLORS = ["#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

/** Metric history of one run, one line per key, step on x. Long series arrive downsampled by the server; non-finite values are gaps. */
export function LossCurveChart({ series }: LossCurveChartProps) {
  const downsampled = series.filter((s) => s.totalPoints > s.points.length);
  return (
    <>
      {downsampled.length ? (
        <p className="small muted" data-testid="loss-curve-downsampled">
          {downsampled.map((s) => `${s.key}: ${s.points.length.toLocaleString()} of ${s.totalPoints.toLocaleString()} points shown`).join("; ")} (downsampled on the server, peaks kept)
        </p>
      ) : null}
      <div className="chart-box" data-testid="loss-curve-chart">
        <Line
          aria-label={`Metric history: ${series.map((s) => s.key).join(", ")}`}
          role="img"
          data={{
            datasets: series.map((s, index) => ({
              label: s.key,
              // NaN and ±Infinity (a diverged run) become null: a gap in the line, never a point at 0.
              data: s.points.map((p) => ({ x: p.step, y: chartMetricValue(p.value) })),
              spanGaps: false,
              borderColor: SERIES_COLORS[index % SERIES_COLORS.length],
              backgroundColor: SERIES_COLORS[index % SERIES_COLORS.length],
              pointRadius: s.points.length > 60 ? 0 : 2,
              borderWidth: 2,
            })),
          }}
          options={{
            parsing: false,
            animation: false,
            maintainAspectRatio: false,
            interaction: { mode: "nearest", intersect: false },
            plugins: { legend: { position: "bottom" } },
            scales: {
              x: { type: "linear", title: { display: true, text: "Step" } },
              y: { type: "linear", title: { display: true, text: "Value (loss, unitless)" } },
            },
          }}
        />
      </div>
    </>
  );
}
