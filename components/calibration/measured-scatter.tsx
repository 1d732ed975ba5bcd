"use client";
import type { Chart as ChartJS, TooltipItem } from "chart.js";
import { useRef } from "react";
import { Scatter } from "react-chartjs-2";
import { ChartCard } from "@/components/charts/chart-card";
import type { DataColumn, DataRow } from "@/components/charts/chart-data-table";
import type { LegendEntry } from "@/components/charts/chart-legend";
import { logBounds, tooltipStyle } from "@/components/charts/chart-options";
import { useChartTheme } from "@/components/charts/use-chart-theme";
import type { MeasuredRow } from "@/lib/schemas/predict";
import { identityLegend, identityLine, predictedMeasuredScales } from "./predicted-measured-axes";
import "@/components/charts/register";

export type MeasuredScatterProps = {
  id: string;
  title: string;
  unit: string;
  rows: MeasuredRow[];
  /** Source id → colour and title, in legend order. */
  sources: readonly { id: string; title: string; color: string }[];
};

type Marker = { x: number; y: number; row: MeasuredRow };


const signedPct = (row: MeasuredRow) => {
  const pct = ((row.predicted - row.measured) / row.measured) * 100;
  return `${pct >= 0 ? "+" : "−"}${Math.abs(pct).toFixed(Math.abs(pct) < 10 ? 1 : 0)} %`;
};
const KIND_LABEL = { point: "measured", "upper-bound": "fits in (bound)", oom: "out of memory (card)" } as const;

/** Held-out predictions against the measurements on log axes, one colour per source; bounds and OOM rows as hollow triangles. */
export function MeasuredScatter({ id, title, unit, rows, sources }: MeasuredScatterProps) {
  const theme = useChartTheme();
  const chartRef = useRef<ChartJS<"scatter">>(null);
  const shown = sources.filter((source) => rows.some((row) => row.sourceId === source.id));
  const datasets = shown.flatMap((source) =>
    [false, true].map((isBound) => ({
      label: `${source.title}${isBound ? " (bound or OOM)" : ""}`,
      data: rows.filter((row) => row.sourceId === source.id && (row.kind !== "point") === isBound).map((row): Marker => ({ x: row.measured, y: row.predicted, row })),
      borderColor: source.color,
      backgroundColor: isBound ? theme.background : source.color,
      borderWidth: 1.5,
      pointRadius: 4,
      pointHoverRadius: 6,
      pointStyle: isBound ? ("triangle" as const) : ("circle" as const),
    })),
  ).filter((dataset) => dataset.data.length > 0);
  const { min, max } = logBounds(rows.flatMap((row) => [row.predicted, row.measured]), 1e-3, 1.3);
  const annotations = identityLine(min, max, theme);
  const legend: LegendEntry[] = [
    ...shown.map((source) => ({ id: source.id, label: source.title, color: source.color, shape: "circle" as const })),
    ...(rows.some((row) => row.kind !== "point") ? [{ id: "bound", label: "Bound (fits in X) or out of memory: hollow", color: theme.muted, shape: "triangle" as const }] : []),
    identityLegend(theme),
  ];
  const columns: DataColumn[] = [
    { key: "row", label: "Row" },
    { key: "source", label: "Source" },
    { key: "kind", label: "Figure" },
    { key: "measured", label: `Measured (${unit})`, isNumeric: true },
    { key: "predicted", label: `Predicted, source held out (${unit})`, isNumeric: true },
    { key: "error", label: "Error", isNumeric: true },
  ];
  const titles = new Map(sources.map((source) => [source.id, source.title]));
  const dataRows: DataRow[] = rows.map((row) => ({
    row: row.name,
    source: titles.get(row.sourceId) ?? row.sourceId,
    kind: KIND_LABEL[row.kind],
    measured: row.measured.toPrecision(3),
    predicted: row.predicted.toPrecision(3),
    error: row.kind === "point" ? signedPct(row) : row.isConsistent ? "consistent" : "inconsistent",
  }));
  return (
    <ChartCard
      id={id}
      title={title}
      description="Every row predicted by a calibration fitted without its own source; on the dashed line the prediction is exact."
      query={{ isPending: false, isFetching: false, error: null }}
      emptyReason={rows.length === 0 ? "No measured row could be predicted." : null}
      legend={legend}
      columns={columns}
      rows={dataRows}
      chartRef={chartRef}
      height={380}
    >
      <Scatter
        ref={chartRef}
        role="img"
        aria-label={`Scatter of held-out predicted against measured ${unit}, log axes, coloured by source`}
        data={{ datasets }}
        options={{
          maintainAspectRatio: false,
          scales: predictedMeasuredScales(min, max, unit, theme),
          plugins: {
            legend: { display: false },
            canvasBackground: { color: theme.background },
            annotation: { annotations },
            tooltip: {
              ...tooltipStyle(theme),
              callbacks: {
                title: (items: TooltipItem<"scatter">[]) => (items[0] ? (items[0].raw as Marker).row.name : ""),
                label: (item: TooltipItem<"scatter">) => {
                  const { row } = item.raw as Marker;
                  const verdict = row.kind === "point" ? signedPct(row) : row.isConsistent ? "consistent" : "inconsistent";
                  return `${KIND_LABEL[row.kind]} ${row.measured.toPrecision(3)} · predicted ${row.predicted.toPrecision(3)} ${unit} · ${verdict}`;
                },
              },
            },
          },
        }}
      />
    </ChartCard>
  );
}
