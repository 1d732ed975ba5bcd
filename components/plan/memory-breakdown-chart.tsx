"use client";
import type { Chart as ChartJS } from "chart.js";
import type { AnnotationOptions } from "chartjs-plugin-annotation";
import { useRef } from "react";
import { Bar } from "react-chartjs-2";
import { ChartCard, type ChartQueryState } from "@/components/charts/chart-card";
import type { DataColumn, DataRow } from "@/components/charts/chart-data-table";
import type { LegendEntry } from "@/components/charts/chart-legend";
import { axisStyle, axisTitle, tooltipStyle } from "@/components/charts/chart-options";
import { useChartTheme } from "@/components/charts/use-chart-theme";
import type { MemoryBreakdown } from "@/lib/schemas/predict";
import { BREAKDOWN_TERMS, formatGb } from "./breakdown-terms";
import "@/components/charts/register";

export type MemoryBreakdownChartProps = {
  breakdown: MemoryBreakdown | null;
  totalGb: number | null;
  gpu: { name: string; memoryGb: number } | null;
  query: ChartQueryState;
};

/** One stacked horizontal bar of the peak per GPU, term by term, against the chosen GPU's capacity (a dashed line). */
export function MemoryBreakdownChart({ breakdown, totalGb, gpu, query }: MemoryBreakdownChartProps) {
  const theme = useChartTheme();
  const chartRef = useRef<ChartJS<"bar">>(null);
  // Terms that are 0 for this configuration (no quantization constants on LoRA) stay out of the legend.
  const terms = BREAKDOWN_TERMS.filter((term) => (breakdown?.[term.key] ?? 0) > 0);
  const axisMax = Math.max(totalGb ?? 0, gpu?.memoryGb ?? 0) * 1.05;

  const annotations: Record<string, AnnotationOptions> = gpu
    ? {
        capacity: {
          type: "line",
          scaleID: "x",
          value: gpu.memoryGb,
          borderColor: theme.danger,
          borderWidth: 2,
          borderDash: [6, 4],
          label: { display: true, content: `${gpu.name}: ${gpu.memoryGb} GB`, position: "start", backgroundColor: theme.background, color: theme.danger, font: { size: 11, weight: "bold" }, padding: 3 },
        },
      }
    : {};

  const legend: LegendEntry[] = [
    ...terms.map((term) => ({ id: term.key, label: term.label, color: term.color, shape: "bar" as const })),
    ...(gpu ? [{ id: "capacity", label: `Capacity of one ${gpu.name}`, color: theme.danger, shape: "dashed-line" as const }] : []),
  ];
  const columns: DataColumn[] = [
    { key: "term", label: "Term" },
    { key: "gb", label: "GB (1e9 bytes) per GPU", isNumeric: true },
    { key: "share", label: "Share of the peak", isNumeric: true },
  ];
  const rows: DataRow[] = [
    ...terms.map((term) => ({ term: term.label, gb: breakdown![term.key].toFixed(3), share: totalGb ? `${((breakdown![term.key] / totalGb) * 100).toFixed(1)}%` : null })),
    { term: "Total (peak per GPU)", gb: totalGb?.toFixed(3) ?? null, share: "100%" },
    ...(gpu ? [{ term: `${gpu.name} capacity`, gb: gpu.memoryGb.toFixed(3), share: null }] : []),
  ];

  return (
    <ChartCard
      id="plan-memory-breakdown"
      title="Memory breakdown"
      description={`Peak memory per GPU in GB (1e9 bytes), stacked term by term${gpu ? `, against one ${gpu.name}'s ${gpu.memoryGb} GB (dashed)` : ""}.`}
      query={query}
      emptyReason={breakdown ? null : "Fix the configuration to see its memory."}
      legend={legend}
      columns={columns}
      rows={rows}
      chartRef={chartRef}
      isWide
      height={150}
    >
      <Bar
        ref={chartRef}
        role="img"
        aria-label={`Stacked bar: peak memory per GPU ${totalGb === null ? "" : formatGb(totalGb)}${gpu ? ` against ${gpu.memoryGb} GB` : ""}`}
        data={{
          labels: ["Peak per GPU"],
          datasets: terms.map((term) => ({ label: term.label, data: [breakdown![term.key]], backgroundColor: term.color, borderColor: theme.background, borderWidth: 1, barPercentage: 0.9, categoryPercentage: 0.9 })),
        }}
        options={{
          indexAxis: "y",
          maintainAspectRatio: false,
          layout: { padding: { top: 16, right: 8 } },
          scales: {
            x: { stacked: true, min: 0, suggestedMax: axisMax, title: axisTitle("Memory per GPU (GB)", theme), ...axisStyle(theme) },
            y: { stacked: true, ...axisStyle(theme), grid: { display: false }, ticks: { display: false } },
          },
          plugins: {
            legend: { display: false },
            canvasBackground: { color: theme.background },
            annotation: { annotations },
            tooltip: {
              ...tooltipStyle(theme),
              callbacks: {
                title: () => (totalGb === null ? "" : `Peak ${formatGb(totalGb)} per GPU`),
                label: (item) => `${item.dataset.label}: ${formatGb(Number(item.raw))}${totalGb ? ` (${((Number(item.raw) / totalGb) * 100).toFixed(1)}%)` : ""}`,
              },
            },
          },
        }}
      />
    </ChartCard>
  );
}
