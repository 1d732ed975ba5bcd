"use client";
import type { ActiveElement, ChartEvent, Chart as ChartJS } from "chart.js";
import type { AnnotationOptions } from "chartjs-plugin-annotation";
import { useRouter } from "next/navigation";
import { useCallback, useMemo, useRef } from "react";
import { Scatter } from "react-chartjs-2";
import { useModels } from "@/lib/hooks/use-catalog";
import { MT_BENCH_RANK_OFFSET, groupMarker, groupSeries, groupTooltipLines, rankQualityGroupRows, yExtent } from "@/lib/compare/grouped-points";
import { type RankQualityPoint as RankPoint, rankQualityView } from "@/lib/compare/rank-quality-view";
import { useRankQuality } from "@/lib/hooks/use-compare";
import { useRankQualityGroups } from "@/lib/hooks/use-run-groups";
import { METHOD_COLORS } from "@/lib/methods";
import type { CompareFilters } from "@/lib/schemas/compare";
import { METHOD_LABELS } from "@/lib/schemas/run";
import { ChartCard } from "./chart-card";
import type { DataColumn, DataRow } from "./chart-data-table";
import type { LegendEntry } from "./chart-legend";
import { axisStyle, axisTitle, fixedTicks, logBounds, narrowTicks, powersOfTwoLogAxis, tooltipStyle } from "./chart-options";
import { formatMillions, formatValue } from "./format";
import { type ErrorBarPoint, errorBars } from "./plugins";
import { useChartSelectMode } from "./select-mode";
import { useChartTheme } from "./use-chart-theme";
import { useHiddenSeries } from "./use-hidden-series";
import "./register";

type Metric = "mmlu" | "mtBench";

export type RankQualityChartProps = {
  filters: CompareFilters;
  /** Model to narrow to when the filters name none; null for every model. */
  model: string | null;
  onModelChange: (model: string | null) => void;
  onToggleRun: (runId: string) => void;
  /** Fields to group the runs by (the page's `group=`): each group drawn as its mean with error bars. */
  groupBy?: string[];
};

const METRICS: Record<Metric, { label: string; axisId: "y" | "y2"; dash: number[]; pointStyle: "circle" | "triangle" }> = {
  mmlu: { label: "MMLU (%, left axis)", axisId: "y", dash: [], pointStyle: "circle" },
  mtBench: { label: "MT-Bench (0–10, right axis)", axisId: "y2", dash: [6, 4], pointStyle: "triangle" },
};

const COLUMNS: DataColumn[] = [
  { key: "run", label: "Run" },
  { key: "method", label: "Method" },
  { key: "model", label: "Model" },
  { key: "rank", label: "Rank r", isNumeric: true },
  { key: "params", label: "Trainable parameters (millions)", isNumeric: true },
  { key: "mmlu", label: "MMLU (%)", isNumeric: true },
  { key: "mtBench", label: "MT-Bench (0–10)", isNumeric: true },
  { key: "source", label: "Source" },
];

/** "7B Full FT · rank sweep baseline (…)" → "7B Full FT": the run name up to its first " · ". */
const referenceName = (label: string) => label.split(" · ")[0] ?? label;

const oneDecimal = (value: number | null) => (value === null ? null : value.toFixed(1));
const millions = (value: number | null) => (value === null ? null : formatValue(value / 1e6, 1));

/** Rank against quality: the runs' points, or with `groupBy` each group's mean with error bars. */
export function RankQualityChart(props: RankQualityChartProps) {
  return props.groupBy?.length ? <GroupedRankQualityChart {...props} groupBy={props.groupBy} /> : <PointsRankQualityChart {...props} />;
}

/** MMLU and MT-Bench against LoRA rank on a log2 axis, trainable parameters on a second axis, full fine-tuning as reference lines. */
function PointsRankQualityChart({ filters, model, onModelChange, onToggleRun }: RankQualityChartProps) {
  const effectiveFilters = useMemo(() => (filters.model || !model ? filters : { ...filters, model }), [filters, model]);
  const query = useRankQuality(effectiveFilters);
  const models = useModels();
  const theme = useChartTheme();
  const router = useRouter();
  const chartRef = useRef<ChartJS<"scatter">>(null);
  const { hidden, toggle } = useHiddenSeries();
  const data = query.data;

  const view = useMemo(() => {
    const points = data?.points ?? [];
    // One line per method, metric and model: a sweep over one model's ranks, never a jump between models.
    const { methods, modelNames, series, drawn, paramsByRank } = rankQualityView(points);
    const bounds = logBounds(points.map((point) => point.rank), 1);
    return { points, methods, modelNames, series, drawn, bounds, paramsByRank, full: data?.fullFineTuning ?? [] };
  }, [data]);

  const seriesHidden = (method: string, metric: Metric) => hidden.has(method) || hidden.has(metric);

  const annotations: Record<string, AnnotationOptions> = {};
  const drawnLevels = new Set<string>();
  view.full.forEach((reference, index) => {
    (["mmlu", "mtBench"] as const).forEach((metric) => {
      const value = reference[metric];
      if (value === null || hidden.has(metric) || hidden.has("full") || drawnLevels.has(`${metric}:${value}`)) return;
      drawnLevels.add(`${metric}:${value}`);
      annotations[`full-${metric}-${index}`] = {
        type: "line",
        scaleID: METRICS[metric].axisId,
        value,
        borderColor: METHOD_COLORS.full,
        borderWidth: 2,
        borderDash: METRICS[metric].dash,
        label: {
          display: true,
          content: `${referenceName(reference.label)} ${metric === "mmlu" ? "MMLU" : "MT-Bench"} ${value.toFixed(1)}`,
          position: metric === "mmlu" ? "start" : "end",
          color: "#ffffff",
          backgroundColor: METHOD_COLORS.full,
          font: { size: 11, weight: "bold" },
          padding: { x: 6, y: 3 },
          // Above its line, clear of the sweep approaching it from below; the axes' grace leaves room at the top.
          yAdjust: -12,
        },
      };
    });
  });

  const pointAt = (datasetIndex: number, index: number): RankPoint | undefined => view.drawn[datasetIndex]?.points[index];

  const isSelectMode = useChartSelectMode();
  const onClick = (event: ChartEvent, elements: ActiveElement[]) => {
    const element = elements[0];
    const point = element ? pointAt(element.datasetIndex, element.index) : undefined;
    if (!point) return;
    if ((event.native as MouseEvent | null)?.shiftKey || isSelectMode) onToggleRun(point.runId);
    else router.push(`/runs/${encodeURIComponent(point.runId)}`);
  };

  // Built when the data table opens or the CSV is downloaded (ChartCard), not in the render that draws 2,000 points.
  const rows = useCallback((): DataRow[] => [
    ...[...view.points].sort((a, b) => a.method.localeCompare(b.method) || a.rank - b.rank).map((point) => ({
      run: point.label,
      method: METHOD_LABELS[point.method],
      model: point.modelName,
      rank: point.rank,
      params: millions(point.trainableParams),
      mmlu: oneDecimal(point.mmlu),
      mtBench: oneDecimal(point.mtBench),
      source: point.sourceTitle ?? "Logged by a user",
    })),
    ...view.full.map((reference) => ({
      run: `${reference.label} (reference)`,
      method: METHOD_LABELS.full,
      model: null,
      rank: null,
      params: millions(reference.trainableParams),
      mmlu: oneDecimal(reference.mmlu),
      mtBench: oneDecimal(reference.mtBench),
      source: null,
    })),
  ], [view]);

  const legend: LegendEntry[] = [
    ...view.methods.map((method) => ({ id: method, label: METHOD_LABELS[method], color: METHOD_COLORS[method], shape: "square" as const, hidden: hidden.has(method), onToggle: () => toggle(method) })),
    ...(["mmlu", "mtBench"] as const)
      .filter((metric) => view.series.some((item) => item.metric === metric))
      .map((metric) => ({ id: metric, label: METRICS[metric].label, color: theme.muted, shape: metric === "mmlu" ? ("line" as const) : ("dashed-line" as const), hidden: hidden.has(metric), onToggle: () => toggle(metric) })),
    ...(view.full.length ? [{ id: "full", label: "Full fine-tuning level", color: METHOD_COLORS.full, shape: "line" as const, hidden: hidden.has("full"), onToggle: () => toggle("full") }] : []),
  ];

  const rankTicks = [...view.paramsByRank.keys()];
  const emptyReason = data && view.points.length === 0 ? "No LoRA or QLoRA run with a rank and an MMLU or MT-Bench score matches these filters." : null;

  return (
    <ChartCard
      id="rank-quality"
      title="Rank against quality"
      description="MMLU (solid, left axis) and MT-Bench (dashed, right axis) against LoRA rank; the top axis gives the trainable parameters at each rank."
      query={query}
      emptyReason={emptyReason}
      legend={legend}
      columns={COLUMNS}
      rows={rows}
      chartRef={chartRef}
      controls={
        <>
          <label className="inline-control">
            Model
            <select
              value={filters.model ?? model ?? ""}
              disabled={Boolean(filters.model)}
              title={filters.model ? "Set by the Model filter above" : undefined}
              onChange={(event) => onModelChange(event.target.value || null)}
            >
              <option value="">All models</option>
              {models.data?.items.map((item) => <option key={item.id} value={item.id}>{item.name}</option>)}
            </select>
          </label>
          {view.modelNames.length > 1 ? <span className="small muted">One line per model ({view.modelNames.length}); pick one to see it alone.</span> : null}
        </>
      }
    >
      <Scatter
        ref={chartRef}
        role="img"
        aria-label="Line chart of MMLU and MT-Bench against LoRA rank"
        data={{
          datasets: view.drawn.map((item) => ({
            label: `${METHOD_LABELS[item.method]} ${item.metric === "mmlu" ? "MMLU" : "MT-Bench"}${item.modelName ? ` · ${item.modelName}` : ""}`,
            hidden: seriesHidden(item.method, item.metric),
            yAxisID: METRICS[item.metric].axisId,
            data: item.points.map((point) => ({ x: point.rank, y: point[item.metric]! })),
            // A line only through a sweep (one point per rank); repeated ranks from different tables stay points.
            showLine: item.isSweep,
            borderColor: METHOD_COLORS[item.method],
            backgroundColor: METHOD_COLORS[item.method],
            borderDash: METRICS[item.metric].dash,
            borderWidth: 2.5,
            pointStyle: METRICS[item.metric].pointStyle,
            pointRadius: item.metric === "mtBench" ? 6 : 5,
            pointHoverRadius: 9,
            pointBorderColor: theme.background,
            pointBorderWidth: 1.5,
          })),
        }}
        options={{
          maintainAspectRatio: false,
          onClick,
          interaction: { mode: "nearest", intersect: true },
          scales: {
            x: powersOfTwoLogAxis("LoRA rank r (log2 scale)", view.bounds, theme),
            x2: {
              type: "logarithmic",
              position: "top",
              display: rankTicks.length > 0,
              min: view.bounds.min,
              max: view.bounds.max,
              afterBuildTicks: fixedTicks(rankTicks),
              ticks: { color: theme.muted, callback: (value) => formatMillions(view.paramsByRank.get(Number(value)) ?? 0).replace("M", ""), ...narrowTicks(theme) },
              grid: { display: false },
              border: { color: theme.grid },
              title: axisTitle("Trainable parameters (millions)", theme),
            },
            y: { type: "linear", position: "left", grace: "18%", title: axisTitle("MMLU accuracy (%)", theme), ...axisStyle(theme) },
            y2: {
              type: "linear",
              position: "right",
              grace: "18%",
              title: axisTitle("MT-Bench score (0–10)", theme),
              ticks: { color: theme.muted, ...narrowTicks(theme) },
              grid: { display: false },
              border: { color: theme.grid },
            },
          },
          plugins: {
            legend: { display: false },
            canvasBackground: { color: theme.background },
            annotation: { annotations },
            tooltip: {
              ...tooltipStyle(theme),
              callbacks: {
                title: (items) => (items[0] ? (pointAt(items[0].datasetIndex, items[0].dataIndex)?.label ?? "") : ""),
                label: (item) => {
                  const point = pointAt(item.datasetIndex, item.dataIndex);
                  if (!point) return "";
                  return [
                    `${point.modelName} · ${METHOD_LABELS[point.method]} r=${point.rank}${point.trainableParams !== null ? ` · ${formatMillions(point.trainableParams)} trainable` : ""}`,
                    `MMLU ${oneDecimal(point.mmlu) ?? "—"} % · MT-Bench ${oneDecimal(point.mtBench) ?? "—"}`,
                    `From: ${point.sourceTitle ?? "logged by a user"}`,
                  ];
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

const shiftX = (marker: ErrorBarPoint, factor: number): ErrorBarPoint => ({
  ...marker,
  x: marker.x * factor,
  ...(marker.xLow !== undefined ? { xLow: marker.xLow * factor } : {}),
  ...(marker.xHigh !== undefined ? { xHigh: marker.xHigh * factor } : {}),
  ...(marker.xMin !== undefined ? { xMin: marker.xMin * factor } : {}),
  ...(marker.xMax !== undefined ? { xMax: marker.xMax * factor } : {}),
});

const GROUP_COLUMNS: DataColumn[] = [
  { key: "group", label: "Group" },
  { key: "runs", label: "Runs", isNumeric: true },
  { key: "rank", label: "Rank r: mean ± std (min–max)", isNumeric: true },
  { key: "mmlu", label: "MMLU (%): mean ± std (min–max)", isNumeric: true },
  { key: "mtBench", label: "MT-Bench: mean ± std (min–max)", isNumeric: true },
];

/** Each group of the matching LoRA/QLoRA runs at its mean rank and mean MMLU (left axis) and MT-Bench (right axis), with error bars. */
function GroupedRankQualityChart({ filters, model, onModelChange, groupBy }: RankQualityChartProps & { groupBy: string[] }) {
  const effectiveFilters = useMemo(() => (filters.model || !model ? filters : { ...filters, model }), [filters, model]);
  const query = useRankQualityGroups(effectiveFilters, groupBy);
  const models = useModels();
  const theme = useChartTheme();
  const chartRef = useRef<ChartJS<"scatter">>(null);
  const { hidden, toggle } = useHiddenSeries();
  const data = query.data;

  const view = useMemo(() => {
    const groups = data?.groups ?? [];
    // One dataset per series and metric; rank is on a log2 axis, so its bars are clipped to the observed ranks.
    const datasets = (["mmlu", "mtBench"] as const).flatMap((metric) =>
      groupSeries(groups, (group) => groupMarker(group.x, group[metric], { isLogX: true })).series.map((series) => ({ metric, series })),
    );
    const ranks = groups.flatMap((group) => (group.x.min !== null && group.x.max !== null ? [group.x.min, group.x.max * MT_BENCH_RANK_OFFSET] : []));
    const extentOf = (metric: Metric) => yExtent(datasets.filter((item) => item.metric === metric).flatMap((item) => item.series.items.map(({ marker }) => marker)));
    return { groups, datasets, bounds: logBounds(ranks, 1), y: extentOf("mmlu"), y2: extentOf("mtBench") };
  }, [data]);

  const colorOf = (method: keyof typeof METHOD_COLORS | null) => (method ? METHOD_COLORS[method] : theme.text);
  const seriesIds = [...new Map(view.datasets.map(({ series }) => [series.id, series.method])).entries()];
  const legend: LegendEntry[] = [
    ...seriesIds.map(([id, method]) => ({ id, label: method ? METHOD_LABELS[method] : "Groups", color: colorOf(method), shape: "square" as const, hidden: hidden.has(id), onToggle: () => toggle(id) })),
    ...(["mmlu", "mtBench"] as const)
      .filter((metric) => view.datasets.some((item) => item.metric === metric))
      .map((metric) => ({ id: metric, label: `${METRICS[metric].label}: ${metric === "mmlu" ? "circles" : "triangles"}`, color: theme.muted, shape: metric === "mmlu" ? ("circle" as const) : ("triangle" as const), hidden: hidden.has(metric), onToggle: () => toggle(metric) })),
    { id: "std", label: "Bars: mean ± 1 std; faint: min–max", color: theme.text, shape: "line" },
  ];
  const itemAt = (datasetIndex: number, index: number) => view.datasets[datasetIndex]?.series.items[index];
  const emptyReason = data && view.datasets.length === 0 ? "No LoRA or QLoRA run with a rank and an MMLU or MT-Bench score matches these filters." : null;

  return (
    <ChartCard
      id="rank-quality"
      title="Rank against quality"
      description="MMLU (circles, left axis) and MT-Bench (triangles, right axis, drawn just right of their rank) against LoRA rank, one point per group of runs: the group's mean, bars ± one standard deviation, faint bars from min to max."
      query={query}
      emptyReason={emptyReason}
      legend={legend}
      columns={GROUP_COLUMNS}
      rows={rankQualityGroupRows(view.groups)}
      chartRef={chartRef}
      controls={
        <label className="inline-control">
          Model
          <select value={filters.model ?? model ?? ""} disabled={Boolean(filters.model)} title={filters.model ? "Set by the Model filter above" : undefined} onChange={(event) => onModelChange(event.target.value || null)}>
            <option value="">All models</option>
            {models.data?.items.map((item) => <option key={item.id} value={item.id}>{item.name}</option>)}
          </select>
        </label>
      }
      footer={
        <p className="small muted chart-footer" data-testid="rank-quality-groups">
          {view.groups.length} group{view.groups.length === 1 ? "" : "s"} over all {view.groups.reduce((total, group) => total + group.count, 0)} matching runs
          {data?.totalGroups && data.totalGroups > view.groups.length ? ` (the ${view.groups.length} largest of ${data.totalGroups})` : ""}.
        </p>
      }
    >
      <Scatter
        ref={chartRef}
        role="img"
        aria-label={`Scatter chart of MMLU and MT-Bench against LoRA rank for ${view.groups.length} groups of runs, with error bars`}
        plugins={[errorBars]}
        data={{
          datasets: view.datasets.map(({ metric, series }) => ({
            label: `${series.method ? METHOD_LABELS[series.method] : "Groups"} ${metric === "mmlu" ? "MMLU" : "MT-Bench"}`,
            hidden: hidden.has(series.id) || hidden.has(metric),
            yAxisID: METRICS[metric].axisId,
            // MT-Bench a little to the right of MMLU at the same rank, so the two metrics' bars do not cover each other.
            data: series.items.map(({ marker }): ErrorBarPoint => (metric === "mtBench" ? shiftX(marker, MT_BENCH_RANK_OFFSET) : marker)),
            borderColor: colorOf(series.method),
            backgroundColor: colorOf(series.method),
            pointStyle: METRICS[metric].pointStyle,
            pointRadius: metric === "mtBench" ? 7 : 6,
            pointHoverRadius: 9,
            pointBorderColor: theme.background,
            pointBorderWidth: 1.5,
          })),
        }}
        options={{
          maintainAspectRatio: false,
          interaction: { mode: "nearest", intersect: true },
          scales: {
            x: powersOfTwoLogAxis("LoRA rank r (log2 scale)", view.bounds, theme),
            y: { type: "linear", position: "left", grace: "8%", suggestedMin: view.y?.min, suggestedMax: view.y?.max, title: axisTitle("MMLU accuracy (%)", theme), ...axisStyle(theme) },
            y2: { type: "linear", position: "right", grace: "8%", suggestedMin: view.y2?.min, suggestedMax: view.y2?.max, title: axisTitle("MT-Bench score (0–10)", theme), ticks: { color: theme.muted, ...narrowTicks(theme) }, grid: { display: false }, border: { color: theme.grid } },
          },
          plugins: {
            legend: { display: false },
            canvasBackground: { color: theme.background },
            errorBars: { lineWidth: 2, faintAlpha: 0.3 },
            tooltip: {
              ...tooltipStyle(theme),
              callbacks: {
                title: (items) => (items[0] ? (itemAt(items[0].datasetIndex, items[0].dataIndex)?.group.label ?? "") : ""),
                label: (item) => {
                  const group = itemAt(item.datasetIndex, item.dataIndex)?.group;
                  if (!group) return [];
                  return groupTooltipLines(group, [
                    { label: "Rank", stats: group.x, digits: 1 },
                    { label: "MMLU", stats: group.mmlu, unit: "%", digits: 1 },
                    { label: "MT-Bench", stats: group.mtBench },
                  ]);
                },
              },
            },
          },
        }}
      />
    </ChartCard>
  );
}
