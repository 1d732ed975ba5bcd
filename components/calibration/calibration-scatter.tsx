"use client";
import type { ActiveElement, ChartEvent, Chart as ChartJS, TooltipItem } from "chart.js";
import { useRouter } from "next/navigation";
import { type ReactNode, useRef } from "react";
import { Scatter } from "react-chartjs-2";
import { ChartCard, type ChartQueryState } from "@/components/charts/chart-card";
import type { DataColumn, DataRow } from "@/components/charts/chart-data-table";
import type { LegendEntry } from "@/components/charts/chart-legend";
import { logBounds, tooltipStyle } from "@/components/charts/chart-options";
import type { RangePoint } from "@/components/charts/plugins";
import { useChartTheme } from "@/components/charts/use-chart-theme";
import { METHOD_COLORS } from "@/lib/methods";
import type { CalibrationRow } from "@/lib/schemas/predict";
import { METHOD_LABELS, METHODS } from "@/lib/schemas/run";
import { formatMeasured, formatSignedPct } from "./format";
import { identityLegend, identityLine, predictedMeasuredScales } from "./predicted-measured-axes";
import "@/components/charts/register";

export type CalibrationScatterProps = {
  id: string;
  title: string;
  description: ReactNode;
  unit: string;
  rows: CalibrationRow[];
  query: ChartQueryState;
  controls?: ReactNode;
};

type Marker = RangePoint & { row: CalibrationRow };


/** Where a measurement sits on the x axis: the point, else the middle of a closed range, else its lower bound. */
const anchor = (row: CalibrationRow) => row.measured ?? (row.measuredMax !== null ? ((row.measuredMin ?? 0) + row.measuredMax) / 2 : (row.measuredMin ?? 0));

/** Predicted against measured on log axes with the y = x line; a stated range is a hollow marker with a whisker across it. */
export function CalibrationScatter({ id, title, description, unit, rows, query, controls }: CalibrationScatterProps) {
  const theme = useChartTheme();
  const router = useRouter();
  const chartRef = useRef<ChartJS<"scatter">>(null);
  const methods = METHODS.filter((method) => rows.some((row) => row.method === method));
  const hasRanges = rows.some((row) => row.measured === null);
  const marker = (row: CalibrationRow): Marker =>
    row.measured !== null ? { x: row.measured, y: row.predicted, row } : { x: anchor(row), y: row.predicted, xMin: row.measuredMin ?? undefined, xMax: row.measuredMax, row };
  const datasets = methods.flatMap((method) =>
    [false, true].map((isRange) => {
      const data = rows.filter((row) => row.method === method && (row.measured === null) === isRange).map(marker);
      return {
        label: `${METHOD_LABELS[method]}${isRange ? " (stated range)" : ""}`,
        data,
        borderColor: METHOD_COLORS[method],
        backgroundColor: isRange ? theme.background : METHOD_COLORS[method],
        borderWidth: 2,
        pointRadius: 5,
        pointHoverRadius: 7,
        pointStyle: isRange ? ("rectRot" as const) : ("circle" as const),
      };
    }),
  ).filter((dataset) => dataset.data.length > 0);

  const values = rows.flatMap((row) => [row.predicted, row.measured ?? row.measuredMin ?? 0, row.measuredMax ?? 0]);
  const { min, max } = logBounds(values, 1e-3, 1.3);
  const annotations = identityLine(min, max, theme);

  const legend: LegendEntry[] = [
    ...methods.map((method) => ({ id: method, label: METHOD_LABELS[method], color: METHOD_COLORS[method], shape: "circle" as const })),
    ...(hasRanges ? [{ id: "range", label: "Stated range (whisker) or bound (arrow)", color: theme.muted, shape: "diamond" as const }] : []),
    identityLegend(theme),
  ];
  const columns: DataColumn[] = [
    { key: "run", label: "Run" },
    { key: "method", label: "Method" },
    { key: "measured", label: `Measured (${unit})`, isNumeric: true },
    { key: "predicted", label: `Predicted (${unit})`, isNumeric: true },
    { key: "error", label: "Error", isNumeric: true },
  ];
  const dataRows: DataRow[] = rows.map((row) => ({
    run: row.name,
    method: METHOD_LABELS[row.method],
    measured: formatMeasured(row),
    predicted: row.predicted.toFixed(2),
    error: row.measured === null ? (row.isInsideRange ? "inside" : `outside (${formatSignedPct(row.errorPct)})`) : formatSignedPct(row.errorPct),
  }));

  const onClick = (_event: ChartEvent, elements: ActiveElement[]) => {
    const element = elements[0];
    const point = element ? (datasets[element.datasetIndex]?.data[element.index] as Marker | undefined) : undefined;
    if (point) router.push(`/runs/${encodeURIComponent(point.row.runId)}`);
  };

  return (
    <ChartCard
      id={id}
      title={title}
      description={description}
      query={query}
      emptyReason={rows.length === 0 ? "No run with this measurement and enough configuration to predict it." : null}
      legend={legend}
      columns={columns}
      rows={dataRows}
      chartRef={chartRef}
      controls={controls}
      height={380}
    >
      <Scatter
        ref={chartRef}
        role="img"
        aria-label={`Scatter of predicted against measured ${unit}, log axes`}
        data={{ datasets }}
        options={{
          maintainAspectRatio: false,
          onClick,
          scales: predictedMeasuredScales(min, max, unit, theme),
          plugins: {
            legend: { display: false },
            canvasBackground: { color: theme.background },
            rangeWhiskers: { lineWidth: 2 },
            annotation: { annotations },
            tooltip: {
              ...tooltipStyle(theme),
              callbacks: {
                title: (items: TooltipItem<"scatter">[]) => (items[0] ? (items[0].raw as Marker).row.name : ""),
                label: (item: TooltipItem<"scatter">) => {
                  const { row } = item.raw as Marker;
                  const error = row.measured === null ? (row.isInsideRange ? "inside the range" : `${formatSignedPct(row.errorPct)} from the range`) : formatSignedPct(row.errorPct);
                  return `measured ${formatMeasured(row)} · predicted ${row.predicted.toFixed(2)} ${unit} · ${error}`;
                },
                footer: () => "Click: open the run",
              },
            },
          },
        }}
      />
    </ChartCard>
  );
}
