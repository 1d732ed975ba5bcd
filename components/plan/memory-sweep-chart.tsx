"use client";
import type { Chart as ChartJS } from "chart.js";
import type { AnnotationOptions } from "chartjs-plugin-annotation";
import { useMemo, useRef } from "react";
import { Line } from "react-chartjs-2";
import { ChartCard } from "@/components/charts/chart-card";
import type { DataColumn, DataRow } from "@/components/charts/chart-data-table";
import type { LegendEntry } from "@/components/charts/chart-legend";
import { axisStyle, axisTitle, fixedTicks, plainTickLabel, tooltipStyle } from "@/components/charts/chart-options";
import { useChartTheme } from "@/components/charts/use-chart-theme";
import { useSweep } from "@/lib/hooks/use-predict";
import { METHOD_COLORS } from "@/lib/methods";
import type { PredictConfigInput, SWEEPABLE_FIELDS } from "@/lib/schemas/predict";
import { METHOD_LABELS } from "@/lib/schemas/run";
import { formatGb } from "./breakdown-terms";
import "@/components/charts/register";

type SweepField = (typeof SWEEPABLE_FIELDS)[number];

export type MemorySweepChartProps = {
  field: SweepField;
  /** Values on a log2 axis, e.g. 4..256 for rank. */
  values: readonly number[];
  axisLabel: string;
  /** The valid request the sweep starts from, or null while the form is invalid. */
  base: PredictConfigInput | null;
  gpu: { name: string; memoryGb: number } | null;
  /** Why the sweep does not apply (rank for full fine-tuning), else null. */
  notApplicable?: string | null;
};

const TITLES: Record<SweepField, string> = { rank: "Memory vs LoRA rank", seqLen: "Memory vs sequence length", batchSize: "Memory vs batch size", gpuCount: "Memory vs GPU count" };

/** Peak memory per GPU as one field doubles, everything else as in the form, with the GPU's capacity as a line. */
export function MemorySweepChart({ field, values, axisLabel, base, gpu, notApplicable = null }: MemorySweepChartProps) {
  const theme = useChartTheme();
  const chartRef = useRef<ChartJS<"line">>(null);
  const request = useMemo(() => (base && !notApplicable ? { base, vary: [{ field, values: [...values] }] } : null), [base, field, values, notApplicable]);
  const query = useSweep(request);
  const points = useMemo(() => (query.data?.points ?? []).map((point) => ({ x: point.values[field] ?? 0, y: point.totalGb, fits: point.fits, tokensPerSec: point.tokensPerSec })), [query.data, field]);
  const method = base?.method ?? "lora";
  const color = METHOD_COLORS[method];
  const current = base?.[field] ?? null;

  const annotations: Record<string, AnnotationOptions> = {};
  if (gpu) {
    annotations.capacity = {
      type: "line", scaleID: "y", value: gpu.memoryGb, borderColor: theme.danger, borderWidth: 2, borderDash: [6, 4],
      label: { display: true, content: `${gpu.name}: ${gpu.memoryGb} GB`, position: "end", backgroundColor: theme.background, color: theme.danger, font: { size: 11 }, padding: 2 },
    };
  }
  if (typeof current === "number") {
    annotations.current = { type: "line", scaleID: "x", value: current, borderColor: theme.muted, borderWidth: 1, borderDash: [2, 3], label: { display: true, content: "current", position: "start", color: theme.muted, backgroundColor: theme.background, font: { size: 10 }, padding: 2 } };
  }

  const legend: LegendEntry[] = [
    { id: method, label: `${METHOD_LABELS[method]}: peak per GPU`, color, shape: "line" },
    ...(gpu ? [{ id: "capacity", label: `${gpu.name} capacity`, color: theme.danger, shape: "dashed-line" as const }] : []),
  ];
  const columns: DataColumn[] = [
    { key: "value", label: axisLabel, isNumeric: true },
    { key: "gb", label: "Peak per GPU (GB)", isNumeric: true },
    { key: "fits", label: gpu ? `Fits ${gpu.name}` : "Fits" },
    { key: "tokens", label: "Tokens/s", isNumeric: true },
  ];
  const rows: DataRow[] = points.map((point) => ({
    value: point.x,
    gb: point.y.toFixed(2),
    fits: point.fits === null ? null : point.fits ? "yes" : "no",
    tokens: point.tokensPerSec === null ? null : Math.round(point.tokensPerSec),
  }));

  return (
    <ChartCard
      id={`plan-sweep-${field}`}
      title={TITLES[field]}
      description={`Peak memory per GPU (GB, 1e9 bytes) from POST /api/predict/sweep; every other field as in the form. Points above the dashed line do not fit.`}
      query={notApplicable ? { isPending: false, isFetching: false, error: null } : { ...query, isPending: query.isPending && request !== null }}
      emptyReason={notApplicable ?? (request === null ? "Fix the configuration to sweep it." : null)}
      legend={legend}
      columns={columns}
      rows={rows}
      chartRef={chartRef}
      height={260}
    >
      <Line
        ref={chartRef}
        role="img"
        aria-label={`Line chart of peak memory per GPU against ${axisLabel}`}
        data={{
          datasets: [
            {
              label: METHOD_LABELS[method],
              data: points,
              borderColor: color,
              backgroundColor: points.map((point) => (point.fits === false ? theme.danger : color)),
              pointBorderColor: points.map((point) => (point.fits === false ? theme.danger : color)),
              pointRadius: 4,
              pointStyle: points.map((point) => (point.fits === false ? "crossRot" : "circle")),
              borderWidth: 2,
            },
          ],
        }}
        options={{
          maintainAspectRatio: false,
          parsing: false,
          scales: {
            x: {
              type: "logarithmic",
              min: values[0],
              max: values[values.length - 1],
              title: axisTitle(axisLabel, theme),
              ...axisStyle(theme),
              afterBuildTicks: fixedTicks(values),
              ticks: { ...axisStyle(theme).ticks, callback: plainTickLabel, autoSkip: false, maxRotation: 0 },
            },
            // suggestedMax keeps the capacity line in view; Chart.js still rounds the top to a tick.
            y: { min: 0, suggestedMax: (gpu?.memoryGb ?? 0) * 1.1, title: axisTitle("Peak memory per GPU (GB)", theme), ...axisStyle(theme) },
          },
          plugins: {
            legend: { display: false },
            canvasBackground: { color: theme.background },
            annotation: { annotations },
            tooltip: {
              ...tooltipStyle(theme),
              callbacks: {
                title: (items) => (items[0] ? `${axisLabel}: ${plainTickLabel(Number((items[0].raw as { x: number }).x))}` : ""),
                label: (item) => {
                  const point = item.raw as (typeof points)[number];
                  return `${formatGb(point.y)} per GPU${point.fits === null ? "" : point.fits ? " · fits" : " · does not fit"}`;
                },
              },
            },
          },
        }}
      />
    </ChartCard>
  );
}
