"use client";
import type { ActiveElement, ChartEvent, Chart as ChartJS } from "chart.js";
import { useRouter } from "next/navigation";
import { useMemo, useRef } from "react";
import { Bar } from "react-chartjs-2";
import { useTargetModules } from "@/lib/hooks/use-compare";
import { type CompareFilters, TARGET_MODULE_SETS, type TargetModulesResponse, type ValueRange } from "@/lib/schemas/compare";
import { ChartCard } from "./chart-card";
import type { DataColumn, DataRow } from "./chart-data-table";
import type { LegendEntry } from "./chart-legend";
import { axisStyle, axisTitle, narrowCategoryTicks, narrowTicks, tooltipStyle } from "./chart-options";
import { formatRange } from "./format";
import { useChartSelectMode } from "./select-mode";
import { useChartTheme } from "./use-chart-theme";
import { useHiddenSeries } from "./use-hidden-series";
import "./register";

type Group = TargetModulesResponse["groups"][number];

export type TargetModulesChartProps = { filters: CompareFilters; onToggleRun: (runId: string) => void };

// Okabe–Ito colours outside the method palette: these series are quantities, not methods.
const SERIES = {
  share: { id: "share", label: "Trainable parameters (% of model, left axis)", color: "#56B4E9", axisId: "y" },
  gain: { id: "gain", label: "Quality gain over q,v only (%, right axis)", color: "#CC79A7", axisId: "y2" },
} as const;

const COLUMNS: DataColumn[] = [
  { key: "set", label: "Target modules" },
  { key: "share", label: "Trainable parameters (% of model)", isNumeric: true },
  { key: "gain", label: "Quality gain over q,v only (%)", isNumeric: true },
  { key: "memory", label: "Memory (as printed)" },
];

const formatShare = (range: ValueRange | null) => (range ? `${formatRange(range, 3)}%` : null);
function formatGain(range: ValueRange | null): string {
  if (!range || (range.min === 0 && (range.max ?? 0) === 0)) return "baseline";
  return `${range.min >= 0 ? "+" : ""}${formatRange(range)}%`;
}
/** A point is a bar from zero; a range ("+3-5%") a floating bar over it. */
const toBar = (range: ValueRange | null): number | [number, number] | null => (range ? (range.value ?? [range.min, range.max ?? range.min]) : null);
/** "All attention (q, k, v, o)" on two lines, the modules under the name, so the axis needs no rotation. */
const splitLabel = (label: string) => {
  const at = label.indexOf(" (");
  return at > 0 ? [label.slice(0, at), label.slice(at + 1)] : label;
};

/** Trainable-parameter share and quality gain for each set of LoRA target modules. */
export function TargetModulesChart({ filters, onToggleRun }: TargetModulesChartProps) {
  const query = useTargetModules(filters);
  const theme = useChartTheme();
  const router = useRouter();
  const chartRef = useRef<ChartJS<"bar">>(null);
  const { hidden, toggle } = useHiddenSeries();

  const groups = useMemo(
    () => [...(query.data?.groups ?? [])].filter((group) => group.trainableSharePct || group.qualityGainPct).sort((a, b) => TARGET_MODULE_SETS.indexOf(a.set) - TARGET_MODULE_SETS.indexOf(b.set)),
    [query.data],
  );

  const rows: DataRow[] = groups.map((group) => ({
    set: group.label,
    share: formatShare(group.trainableSharePct),
    gain: formatGain(group.qualityGainPct),
    memory: group.memoryText,
  }));

  const legend: LegendEntry[] = Object.values(SERIES).map((series) => ({
    id: series.id, label: series.label, color: series.color, shape: "bar" as const, hidden: hidden.has(series.id), onToggle: () => toggle(series.id),
  }));

  const isSelectMode = useChartSelectMode();
  const onClick = (event: ChartEvent, elements: ActiveElement[]) => {
    const element = elements[0];
    const runId = element ? groups[element.index]?.runIds[0] : undefined;
    if (!runId) return;
    if ((event.native as MouseEvent | null)?.shiftKey || isSelectMode) onToggleRun(runId);
    else router.push(`/runs/${encodeURIComponent(runId)}`);
  };

  const describe = (group: Group) => group.cells.map((cell) => `  ${cell.field}: “${cell.text}”`);
  const emptyReason = query.data && groups.length === 0 ? "No LoRA run with a stated target-module set and its parameter share or quality gain matches these filters." : null;

  return (
    <ChartCard
      id="target-modules"
      title="Target modules"
      description="Which layers LoRA adapts: the share of the model's parameters that become trainable, and the quality gain over adapting q,v only, as the source states them."
      query={query}
      emptyReason={emptyReason}
      legend={legend}
      columns={COLUMNS}
      rows={rows}
      chartRef={chartRef}
    >
      <Bar
        ref={chartRef}
        role="img"
        aria-label="Bar chart of trainable-parameter share and quality gain per target-module set"
        data={{
          labels: groups.map((group) => splitLabel(group.label)),
          datasets: [
            {
              label: SERIES.share.label,
              hidden: hidden.has("share"),
              yAxisID: "y",
              data: groups.map((group) => toBar(group.trainableSharePct)),
              backgroundColor: SERIES.share.color,
              borderRadius: 3,
              minBarLength: 3,
            },
            {
              label: SERIES.gain.label,
              hidden: hidden.has("gain"),
              yAxisID: "y2",
              data: groups.map((group) => toBar(group.qualityGainPct)),
              backgroundColor: SERIES.gain.color,
              borderRadius: 3,
            },
          ],
        }}
        options={{
          maintainAspectRatio: false,
          onClick,
          layout: { padding: { top: 18 } },
          scales: {
            x: { title: axisTitle("LoRA target modules", theme), ...axisStyle(theme), grid: { display: false }, ticks: { color: theme.muted, maxRotation: 0, autoSkip: false, ...narrowCategoryTicks(theme) } },
            y: { beginAtZero: true, grace: "12%", title: axisTitle("Trainable parameters (% of model)", theme), ...axisStyle(theme), ticks: { color: theme.muted, callback: (value) => `${value}%`, ...narrowTicks(theme) } },
            y2: {
              beginAtZero: true,
              grace: "12%",
              position: "right",
              title: axisTitle("Quality gain over q,v only (%)", theme),
              grid: { display: false },
              border: { color: theme.grid },
              ticks: { color: theme.muted, callback: (value) => `+${value}%` },
            },
          },
          plugins: {
            legend: { display: false },
            canvasBackground: { color: theme.background },
            barLabels: {
              labels: [groups.map((group) => formatShare(group.trainableSharePct)), groups.map((group) => (group.qualityGainPct ? formatGain(group.qualityGainPct) : null))],
              color: theme.text,
              halo: theme.background,
            },
            tooltip: {
              ...tooltipStyle(theme),
              callbacks: {
                title: (items) => (items[0] ? (groups[items[0].dataIndex]?.label ?? "") : ""),
                label: (item) => {
                  const group = groups[item.dataIndex];
                  if (!group) return "";
                  return item.datasetIndex === 0
                    ? [`Trainable: ${formatShare(group.trainableSharePct) ?? "—"} of the model`, ...describe(group)]
                    : [`Quality gain: ${formatGain(group.qualityGainPct)} over q,v only`, ...(group.memoryText ? [`Memory: ${group.memoryText}`] : [])];
                },
                footer: () => "Click: open the run · Shift-click: select for diff",
              },
            },
          },
        }}
      />
    </ChartCard>
  );
}
