"use client";
import { Line } from "react-chartjs-2";
import type { MetricSeries } from "@/lib/hooks/use-runs";
import "./register";

export type LossCurveChartProps = { series: MetricSeries[] };

// Okabe–Ito colours not used by the method palette, so curves never look like a method.
const SERIES_COLORS = ["#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

/** Metric history of one run, one line per key, step on x. Long series are decimated by Chart.js. */
export function LossCurveChart({ series }: LossCurveChartProps) {
  return (
    <div className="chart-box" data-testid="loss-curve-chart">
      <Line
        aria-label={`Metric history: ${series.map((s) => s.key).join(", ")}`}
        role="img"
        data={{
          datasets: series.map((s, index) => ({
            label: s.key,
            data: s.points.map((p) => ({ x: p.step, y: p.value })),
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
          plugins: { decimation: { enabled: true, algorithm: "lttb", samples: 800 }, legend: { position: "bottom" } },
          scales: {
            x: { type: "linear", title: { display: true, text: "Step" } },
            y: { type: "linear", title: { display: true, text: "Value (loss, unitless)" } },
          },
        }}
      />
    </div>
  );
}
