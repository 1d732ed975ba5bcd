"use client";
import type { ActiveElement, ChartEvent, Chart as ChartJS } from "chart.js";
import type { AnnotationOptions } from "chartjs-plugin-annotation";
import { useRouter } from "next/navigation";
import { useMemo, useRef } from "react";
import { Bar } from "react-chartjs-2";
import { useMemoryBySize } from "@/lib/hooks/use-compare";
import { METHOD_COLORS } from "@/lib/methods";
import { type CompareFilters, GPU_CAPACITY_LINES, type MemoryBySizeResponse, type ValueRange } from "@/lib/schemas/compare";
import { METHOD_LABELS, METHODS } from "@/lib/schemas/run";
import { ChartCard } from "./chart-card";
import type { DataColumn, DataRow } from "./chart-data-table";
import type { LegendEntry } from "./chart-legend";
import { axisStyle, axisTitle, fixedTicks, logBounds, narrowCategoryTicks, narrowTicks, powersOfTwoLogAxis, tooltipStyle } from "./chart-options";
import { formatRange } from "./format";
import { type PatternKind, fillPattern, withAlpha } from "./patterns";
import { useChartSelectMode } from "./select-mode";
import { useChartTheme } from "./use-chart-theme";
import { useHiddenSeries } from "./use-hidden-series";
import "./register";

type Group = MemoryBySizeResponse["groups"][number];
type Claim = Group["claims"][number];

export type MemoryBySizeChartProps = { filters: CompareFilters; onToggleRun: (runId: string) => void };

const SHORT_METHOD = { full: "Full FT", lora: "LoRA", qlora: "QLoRA" } as const;
/** Groups whose labels fit side by side on a desktop; more (the measured sizes add many) are turned so they do not overlap. */
const MAX_FLAT_GROUPS = 12;
/** Width one group gets on a phone, where the plot scrolls sideways rather than squeezing 20-odd groups into 390 px. */
const NARROW_GROUP_WIDTH = 44;
/**
 * Sources are told apart by fill pattern; the colour stays the method's. Logged runs are outlined. Published
 * measurements are one series (dots) and estimates another (horizontal lines), never mixed with the articles' claims.
 */
const SOURCE_PATTERNS: PatternKind[] = ["solid", "diagonal", "cross"];
const SERIES_PATTERNS: Record<string, PatternKind> = { logged: "outline", measured: "dots", estimate: "horizontal" };
const SERIES_TITLES: Record<string, string> = { measured: "Published measurements", estimate: "Published estimates (not measured)" };

const COLUMNS: DataColumn[] = [
  { key: "size", label: "Model size" },
  { key: "method", label: "Method" },
  { key: "source", label: "Source" },
  { key: "memory", label: "Peak memory (GB)", isNumeric: true },
  { key: "cell", label: "As printed" },
  { key: "disagree", label: "Sources" },
];

/** The series a claim is drawn in: its source for a claim, one series each for measurements, estimates and logged runs. */
const sourceKey = (claim: Claim) => (claim.evidence === "measured" || claim.evidence === "estimate" ? claim.evidence : (claim.sourceId ?? "logged"));
const seriesRank = (key: string) => ["measured", "estimate", "logged"].indexOf(key);

/** One range covering every claim a source makes about a group (sources rarely repeat themselves). */
function unionRange(claims: Claim[]): ValueRange | null {
  if (claims.length === 0) return null;
  if (claims.length === 1) return claims[0]!.memoryGb;
  const min = Math.min(...claims.map((claim) => claim.memoryGb.min));
  const isOpen = claims.some((claim) => claim.memoryGb.max === null);
  const max = isOpen ? null : Math.max(...claims.map((claim) => claim.memoryGb.max ?? claim.memoryGb.min));
  return { value: max === min ? min : null, min, max };
}

/** Peak memory by model size and method, each source's claim beside the others, with GPU capacities as lines. */
export function MemoryBySizeChart({ filters, onToggleRun }: MemoryBySizeChartProps) {
  const query = useMemoryBySize(filters);
  const theme = useChartTheme();
  const router = useRouter();
  const chartRef = useRef<ChartJS<"bar">>(null);
  const { hidden, toggle } = useHiddenSeries();
  const data = query.data;

  const view = useMemo(() => {
    const groups = [...(data?.groups ?? [])].filter((group) => group.claims.length > 0).sort((a, b) => a.params - b.params || METHODS.indexOf(a.method) - METHODS.indexOf(b.method));
    // The source with most claims gets the solid fill, so most bars read plainly; logged runs come last.
    const claimCount = new Map<string, number>();
    for (const claim of groups.flatMap((group) => group.claims)) claimCount.set(sourceKey(claim), (claimCount.get(sourceKey(claim)) ?? 0) + 1);
    const sources = [...new Map(groups.flatMap((group) => group.claims.map((claim) => [sourceKey(claim), SERIES_TITLES[sourceKey(claim)] ?? claim.sourceTitle] as const))).entries()].sort(
      ([a, titleA], [b, titleB]) => seriesRank(a) - seriesRank(b) || claimCount.get(b)! - claimCount.get(a)! || titleA.localeCompare(titleB),
    );
    const values = groups.flatMap((group) => group.claims.flatMap((claim) => [claim.memoryGb.min, claim.memoryGb.max ?? claim.memoryGb.min]));
    const bounds = logBounds([...values, 8, 80], 1);
    // Room above the highest claim so an open-ended bar visibly runs off to the top.
    bounds.max *= 2;
    const gpuLines = (data?.gpuLines ?? [...GPU_CAPACITY_LINES]).filter((line) => line.gb >= bounds.min && line.gb <= bounds.max);
    return { groups, sources, bounds, gpuLines };
  }, [data]);

  const patternOf = (key: string, index: number): PatternKind => SERIES_PATTERNS[key] ?? SOURCE_PATTERNS[index % SOURCE_PATTERNS.length]!;
  const rangeAt = (sourceIndex: number, groupIndex: number) => {
    const group = view.groups[groupIndex];
    const key = view.sources[sourceIndex]?.[0];
    return group ? unionRange(group.claims.filter((claim) => sourceKey(claim) === key)) : null;
  };

  const datasets = view.sources.map(([key, title], sourceIndex) => {
    const pattern = patternOf(key, sourceIndex);
    const ranges = view.groups.map((_, groupIndex) => rangeAt(sourceIndex, groupIndex));
    return {
      label: title,
      hidden: hidden.has(key),
      data: ranges.map((range) => (range ? ([range.min, range.max ?? view.bounds.max] as [number, number]) : null)),
      backgroundColor: view.groups.map((group) =>
        pattern === "outline" ? withAlpha(METHOD_COLORS[group.method], 0.12) : fillPattern(pattern, METHOD_COLORS[group.method], withAlpha(METHOD_COLORS[group.method], 0.22)),
      ),
      borderColor: view.groups.map((group) => METHOD_COLORS[group.method]),
      borderWidth: pattern === "solid" ? 0 : key === "measured" || key === "estimate" ? 2 : 1.5,
      borderSkipped: false as const,
      // A point claim ("16GB") is a [16, 16] bar: give it a visible thickness, centred on its value.
      minBarLength: 6,
      barPercentage: 0.92,
      maxBarThickness: 56,
      categoryPercentage: 0.8,
      // Groups with fewer sources get wider bars, centred, instead of empty slots.
      skipNull: true,
    };
  });

  const labels = view.sources.map((_, sourceIndex) => view.groups.map((_, groupIndex) => {
    const range = rangeAt(sourceIndex, groupIndex);
    return range ? formatRange(range) : null;
  }));
  // An open-ended bar runs to the top of the axis, so its label ("84+") goes under its lower end.
  const below = view.sources.map((_, sourceIndex) => view.groups.map((_, groupIndex) => rangeAt(sourceIndex, groupIndex)?.max === null));

  const annotations: Record<string, AnnotationOptions> = Object.fromEntries([
    ...view.gpuLines.map((line) => [
      `gpu-${line.gb}`,
      {
        type: "line",
        scaleID: "y",
        value: line.gb,
        borderColor: theme.muted,
        borderWidth: 1,
        borderDash: [3, 4],
        drawTime: "beforeDatasetsDraw",
      } satisfies AnnotationOptions,
    ]),
    ...view.groups.flatMap((group, index) =>
      group.disagree
        ? [[`disagree-${index}`, { type: "box", xMin: index - 0.5, xMax: index + 0.5, backgroundColor: withAlpha(theme.danger, 0.08), borderWidth: 0, drawTime: "beforeDatasetsDraw" } satisfies AnnotationOptions]]
        : [],
    ),
  ]);

  const rows: DataRow[] = view.groups.flatMap((group) =>
    group.claims.map((claim) => ({
      size: group.sizeLabel,
      method: METHOD_LABELS[group.method],
      source: claim.evidence === "measured" ? `${claim.sourceTitle} (measured)` : claim.evidence === "estimate" ? `${claim.sourceTitle} (estimate)` : claim.sourceTitle,
      memory: formatRange(claim.memoryGb),
      cell: claim.cellText,
      disagree: group.disagree ? "≠ disagree" : "agree",
    })),
  );

  const methods = METHODS.filter((method) => view.groups.some((group) => group.method === method));
  const legend: LegendEntry[] = [
    ...methods.map((method) => ({ id: method, label: METHOD_LABELS[method], color: METHOD_COLORS[method], shape: "bar" as const })),
    ...view.sources.map(([key, title], index) => ({ id: key, label: title, color: theme.muted, shape: "bar" as const, pattern: patternOf(key, index), hidden: hidden.has(key), onToggle: () => toggle(key) })),
    ...(view.groups.some((group) => group.disagree) ? [{ id: "disagree", label: "≠ Sources disagree", color: withAlpha(theme.danger, 0.35), shape: "bar" as const }] : []),
  ];

  const isSelectMode = useChartSelectMode();
  const onClick = (event: ChartEvent, elements: ActiveElement[]) => {
    const element = elements[0];
    const group = element ? view.groups[element.index] : undefined;
    const key = element ? view.sources[element.datasetIndex]?.[0] : undefined;
    const runId = group?.claims.find((claim) => sourceKey(claim) === key)?.runIds[0];
    if (!runId) return;
    if ((event.native as MouseEvent | null)?.shiftKey || isSelectMode) onToggleRun(runId);
    else router.push(`/runs/${encodeURIComponent(runId)}`);
  };

  const emptyReason = data && view.groups.length === 0 ? "No run with a peak memory and a catalogued model size matches these filters." : null;

  return (
    <ChartCard
      id="memory-by-size"
      title="Memory by model size"
      description="Peak GPU memory each source gives, side by side per model size and method (pattern = source; dots = published measurements, spanning their configurations). Shaded groups are ones where the articles' claims cannot all be right."
      query={query}
      emptyReason={emptyReason}
      legend={legend}
      columns={COLUMNS}
      rows={rows}
      chartRef={chartRef}
      isWide
      height={440}
      // On a phone every model size × method keeps about the room it has on a desktop, and the plot scrolls.
      minPlotWidth={theme.isNarrow ? view.groups.length * NARROW_GROUP_WIDTH + 120 : undefined}
    >
      <Bar
        ref={chartRef}
        role="img"
        aria-label="Bar chart of peak memory by model size, method and source"
        data={{
          labels: view.groups.map((group) => (group.disagree ? [`${group.sizeLabel} ${SHORT_METHOD[group.method]}`, "≠ disagree"] : [`${group.sizeLabel} ${SHORT_METHOD[group.method]}`])),
          datasets,
        }}
        options={{
          maintainAspectRatio: false,
          onClick,
          layout: { padding: { top: 6 } },
          scales: {
            x: {
              title: axisTitle("Model size and method", theme),
              ...axisStyle(theme),
              grid: { display: false },
              ticks: { color: (context) => (view.groups[context.index]?.disagree ? theme.danger : theme.muted), font: { weight: 600 }, autoSkip: false, maxRotation: view.groups.length > MAX_FLAT_GROUPS ? 50 : 0, ...narrowCategoryTicks(theme) },
            },
            y: powersOfTwoLogAxis("Peak memory per GPU (GB, log scale)", view.bounds, theme),
            // The GPU capacity lines are named on a right-hand axis, clear of the bars.
            gpu: {
              type: "logarithmic",
              position: "right",
              min: view.bounds.min,
              max: view.bounds.max,
              afterBuildTicks: fixedTicks(view.gpuLines.map((line) => line.gb)),
              ticks: { color: theme.muted, autoSkip: false, font: { size: 10 }, callback: (value) => view.gpuLines.find((line) => line.gb === Number(value))?.label ?? "", ...narrowTicks(theme) },
              grid: { display: false },
              border: { display: false },
              title: axisTitle("GPU memory", theme),
            },
          },
          plugins: {
            legend: { display: false },
            canvasBackground: { color: theme.background },
            annotation: { annotations },
            barLabels: { labels, below, color: theme.text, halo: theme.background },
            tooltip: {
              ...tooltipStyle(theme),
              callbacks: {
                title: (items) => {
                  const group = items[0] ? view.groups[items[0].dataIndex] : undefined;
                  return group ? `${group.sizeLabel} · ${METHOD_LABELS[group.method]}${group.disagree ? " · sources disagree" : ""}` : "";
                },
                label: (item) => {
                  const group = view.groups[item.dataIndex];
                  const key = view.sources[item.datasetIndex]?.[0];
                  const claims = group?.claims.filter((claim) => sourceKey(claim) === key) ?? [];
                  return claims.flatMap((claim) => [`${claim.sourceTitle}: ${formatRange(claim.memoryGb)} GB`, ...(claim.cellText ? [`  “${claim.cellText}”`] : [])]);
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
