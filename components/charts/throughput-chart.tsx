"use client";
import type { ActiveElement, ChartEvent, Chart as ChartJS } from "chart.js";
import { useRouter } from "next/navigation";
import { useMemo, useRef } from "react";
import { Bar } from "react-chartjs-2";
import { useThroughputByHardware } from "@/lib/hooks/use-compare";
import { METHOD_COLORS } from "@/lib/methods";
import type { CompareFilters, ThroughputResponse } from "@/lib/schemas/compare";
import { METHOD_LABELS, METHODS } from "@/lib/schemas/run";
import { ChartCard } from "./chart-card";
import type { DataColumn, DataRow } from "./chart-data-table";
import type { LegendEntry } from "./chart-legend";
import { axisStyle, axisTitle, tooltipStyle } from "./chart-options";
import { formatValue } from "./format";
import { OptionSwitch } from "./option-switch";
import { fillPattern } from "./patterns";
import { useChartSelectMode } from "./select-mode";
import { useChartTheme } from "./use-chart-theme";
import { useHiddenSeries } from "./use-hidden-series";
import "./register";

type Group = ThroughputResponse["groups"][number];
export type ThroughputUnit = "samples" | "tokens";

export type ThroughputChartProps = {
  filters: CompareFilters;
  unit: ThroughputUnit;
  onUnitChange: (unit: ThroughputUnit) => void;
  onToggleRun: (runId: string) => void;
};

const UNITS = {
  samples: { label: "samples/s", axis: "Throughput (samples/s)", read: (group: Group) => group.samplesPerSec },
  tokens: { label: "tokens/s", axis: "Throughput (tokens/s)", read: (group: Group) => group.tokensPerSec },
} as const;

/** Height of the hatched stub that marks an out-of-memory group, as a share of the axis: visible, never read as a value. */
const OOM_STUB_SHARE = 0.04;

/** Grouped bars hardware × method; a configuration that ran out of memory is a labelled hatched stub, not a zero. */
export function ThroughputChart({ filters, unit, onUnitChange, onToggleRun }: ThroughputChartProps) {
  const query = useThroughputByHardware(filters);
  const theme = useChartTheme();
  const router = useRouter();
  const chartRef = useRef<ChartJS<"bar">>(null);
  const { hidden, toggle } = useHiddenSeries();
  const unitInfo = UNITS[unit];

  const view = useMemo(() => {
    const groups = (query.data?.groups ?? []).filter((group) => unitInfo.read(group) !== null || group.oomCount > 0);
    const hardware = [...new Map(groups.map((group) => [group.hardwareId, group.hardwareName])).entries()];
    const methods = METHODS.filter((method) => groups.some((group) => group.method === method));
    const cell = (hardwareId: string, method: string) => groups.find((group) => group.hardwareId === hardwareId && group.method === method);
    const maxValue = Math.max(1, ...groups.map((group) => unitInfo.read(group) ?? 0));
    const axisMax = maxValue * 1.15;
    return { groups, hardware, methods, cell, axisMax, hasData: query.data !== undefined };
  }, [query.data, unitInfo]);

  const groupAt = (datasetIndex: number, index: number) => {
    const method = view.methods[datasetIndex];
    const hardware = view.hardware[index];
    return method && hardware ? view.cell(hardware[0], method) : undefined;
  };

  const isOomOnly = (group: Group | undefined) => group !== undefined && unitInfo.read(group) === null && group.oomCount > 0;

  const datasets = view.methods.map((method) => {
    const cells = view.hardware.map(([hardwareId]) => view.cell(hardwareId, method));
    return {
      label: METHOD_LABELS[method],
      hidden: hidden.has(method),
      data: cells.map((group) => (group === undefined ? null : isOomOnly(group) ? view.axisMax * OOM_STUB_SHARE : unitInfo.read(group))),
      backgroundColor: cells.map((group) => (isOomOnly(group) ? fillPattern("diagonal", METHOD_COLORS[method]) : METHOD_COLORS[method])),
      borderColor: METHOD_COLORS[method],
      borderWidth: cells.map((group) => (isOomOnly(group) ? 1.5 : 0)),
      borderRadius: 3,
    };
  });

  const labels = view.methods.map((method) =>
    view.hardware.map(([hardwareId]) => {
      const group = view.cell(hardwareId, method);
      if (!group) return null;
      const value = unitInfo.read(group);
      if (value === null) return "OOM";
      return group.oomCount > 0 ? `${formatValue(value, 1)} (${group.oomCount} OOM)` : formatValue(value, 1);
    }),
  );

  const columns: DataColumn[] = [
    { key: "hardware", label: "Hardware" },
    { key: "method", label: "Method" },
    { key: "value", label: `Median throughput (${unitInfo.label})`, isNumeric: true },
    { key: "runs", label: "Runs", isNumeric: true },
    { key: "oom", label: "Out-of-memory runs", isNumeric: true },
  ];
  const rows: DataRow[] = view.hardware.flatMap(([hardwareId, hardwareName]) =>
    view.methods.flatMap((method) => {
      const group = view.cell(hardwareId, method);
      if (!group) return [];
      const value = unitInfo.read(group);
      return [{ hardware: hardwareName, method: METHOD_LABELS[method], value: value === null ? "OOM" : formatValue(value, 2), runs: group.runCount, oom: group.oomCount }];
    }),
  );

  const legend: LegendEntry[] = [
    ...view.methods.map((method) => ({ id: method, label: METHOD_LABELS[method], color: METHOD_COLORS[method], shape: "bar" as const, hidden: hidden.has(method), onToggle: () => toggle(method) })),
    ...(view.groups.some((group) => group.oomCount > 0) ? [{ id: "oom", label: "OOM: ran out of memory", color: theme.muted, shape: "bar" as const, pattern: "diagonal" as const }] : []),
  ];

  const isSelectMode = useChartSelectMode();
  const onClick = (event: ChartEvent, elements: ActiveElement[]) => {
    const element = elements[0];
    const runId = element ? groupAt(element.datasetIndex, element.index)?.runIds[0] : undefined;
    if (!runId) return;
    if ((event.native as MouseEvent | null)?.shiftKey || isSelectMode) onToggleRun(runId);
    else router.push(`/runs/${encodeURIComponent(runId)}`);
  };

  let emptyReason: string | null = null;
  if (view.hasData && (query.data?.groups.length ?? 0) === 0) emptyReason = "No run matching these filters reports a throughput or an out-of-memory outcome.";
  else if (view.hasData && view.groups.length === 0) emptyReason = `No run matching these filters reports ${unitInfo.label}. Try ${unit === "samples" ? "tokens/s" : "samples/s"}.`;

  return (
    <ChartCard
      id="throughput"
      title="Throughput by hardware"
      description={`Median training throughput per GPU and method. A hatched stub labelled OOM marks a configuration that ran out of memory.`}
      query={query}
      emptyReason={emptyReason}
      legend={legend}
      columns={columns}
      rows={rows}
      chartRef={chartRef}
      controls={<OptionSwitch label="Throughput unit" value={unit} options={[{ value: "samples", label: "samples/s" }, { value: "tokens", label: "tokens/s" }]} onChange={onUnitChange} />}
    >
      <Bar
        ref={chartRef}
        role="img"
        aria-label={`Bar chart of throughput in ${unitInfo.label} by hardware and method`}
        data={{ labels: view.hardware.map(([, name]) => name), datasets }}
        options={{
          maintainAspectRatio: false,
          onClick,
          layout: { padding: { top: 18 } },
          scales: {
            x: { title: axisTitle("GPU", theme), ...axisStyle(theme), grid: { display: false } },
            y: { beginAtZero: true, suggestedMax: view.axisMax, title: axisTitle(unitInfo.axis, theme), ...axisStyle(theme) },
          },
          plugins: {
            legend: { display: false },
            canvasBackground: { color: theme.background },
            barLabels: { labels, color: theme.text, halo: theme.background },
            tooltip: {
              ...tooltipStyle(theme),
              callbacks: {
                title: (items) => (items[0] ? `${items[0].label}` : ""),
                label: (item) => {
                  const group = groupAt(item.datasetIndex, item.dataIndex);
                  if (!group) return "";
                  const value = unitInfo.read(group);
                  const runs = `${group.runCount} run${group.runCount === 1 ? "" : "s"}`;
                  if (value === null) return `${METHOD_LABELS[group.method]}: out of memory (${runs})`;
                  return `${METHOD_LABELS[group.method]}: ${formatValue(value, 2)} ${unitInfo.label} (median of ${runs}${group.oomCount ? `, ${group.oomCount} OOM` : ""})`;
                },
                footer: () => "Click: open a run · Shift-click: select for diff",
              },
            },
          },
        }}
      />
    </ChartCard>
  );
}
