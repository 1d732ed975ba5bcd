"use client";
import type { ActiveElement, ChartEvent, Chart as ChartJS, TooltipItem } from "chart.js";
import type { AnnotationOptions } from "chartjs-plugin-annotation";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useMemo, useRef } from "react";
import { Scatter } from "react-chartjs-2";
import { groupMarker, groupSeries, groupTooltipLines, qualityMemoryGroupRows, yExtent } from "@/lib/compare/grouped-points";
import { type QualityMemoryPoint as Point, firstRunId, frontierPoints, qualityMemoryMarker, qualityMemorySeries } from "@/lib/compare/quality-memory-view";
import { type QualityMetric, useQualityMemory } from "@/lib/hooks/use-compare";
import { useQualityMemoryGroups } from "@/lib/hooks/use-run-groups";
import { METHOD_COLORS } from "@/lib/methods";
import { type CompareFilters, GPU_CAPACITY_LINES, POINT_ORIGINS } from "@/lib/schemas/compare";
import { METHOD_LABELS, METHODS } from "@/lib/schemas/run";
import { ChartCard } from "./chart-card";
import type { DataColumn, DataRow } from "./chart-data-table";
import type { LegendEntry, LegendShape } from "./chart-legend";
import { axisStyle, axisTitle, fixedTicks, logBounds, narrowTicks, powersOfTwoLogAxis, tooltipStyle } from "./chart-options";
import { formatRange, formatValue, rangeAnchor } from "./format";
import { OptionSwitch } from "./option-switch";
import { type ErrorBarPoint, errorBars } from "./plugins";
import { useChartSelectMode } from "./select-mode";
import { type ChartTheme, useChartTheme } from "./use-chart-theme";
import { useHiddenSeries } from "./use-hidden-series";
import "./register";

export type QualityMemoryChartProps = {
  filters: CompareFilters;
  metric: QualityMetric;
  onMetricChange: (metric: QualityMetric) => void;
  selectedRunIds: string[];
  onToggleRun: (runId: string) => void;
  /** Fields to group the runs by (the page's `group=`): each group drawn as its mean with error bars. */
  groupBy?: string[];
};

export const QUALITY_METRICS = {
  mtBench: { label: "MT-Bench", axis: "MT-Bench score (0–10)" },
  mmlu: { label: "MMLU", axis: "MMLU accuracy (%)" },
} as const;

const ORIGIN_SHAPES: Record<Point["origin"], { shape: LegendShape; pointStyle: "triangle" | "rectRot" | "circle" | "rect" | "crossRot"; label: string }> = {
  article: { shape: "triangle", pointStyle: "triangle", label: "Article claim" },
  paper: { shape: "diamond", pointStyle: "rectRot", label: "Paper result" },
  measured: { shape: "square", pointStyle: "rect", label: "Published measurement" },
  estimate: { shape: "cross", pointStyle: "crossRot", label: "Published estimate (not measured)" },
  logged: { shape: "circle", pointStyle: "circle", label: "Logged run" },
};

const COLUMNS = (metric: QualityMetric): DataColumn[] => [
  { key: "point", label: "Run" },
  { key: "method", label: "Method" },
  { key: "model", label: "Model" },
  { key: "rank", label: "Rank r", isNumeric: true },
  { key: "origin", label: "Origin" },
  { key: "memory", label: "Peak memory (GB)", isNumeric: true },
  { key: "quality", label: QUALITY_METRICS[metric].axis, isNumeric: true },
  { key: "frontier", label: "Pareto frontier" },
  { key: "source", label: "Source" },
];

const SHORT_METHOD = { full: "Full FT", lora: "LoRA", qlora: "QLoRA" } as const;
/** "7B LLaMA LoRA r=16": model, method and rank, short enough to sit above a marker. */
const pointName = (point: Point) => `${point.modelName} ${SHORT_METHOD[point.method]}${point.rank ? ` r=${point.rank}` : ""}`;

/** "24 GB (RTX 4090)" as two lines, "24 GB" over "RTX 4090", so neighbouring capacities fit side by side. */
function gpuTickLabel(lines: readonly { gb: number; label: string }[], gb: number): string[] {
  const label = lines.find((line) => line.gb === gb)?.label ?? `${gb} GB`;
  const match = /^(.*?)\s*\((.*)\)$/.exec(label);
  return match ? [match[1]!, match[2]!] : [label];
}

/**
 * The memory axis (log, powers of two) and, along the top, the GPU capacities named clear of the points and their
 * labels; the plain and the grouped chart share them.
 */
function memoryAxes(view: { bounds: { min: number; max: number }; gpuLines: readonly { gb: number; label: string }[] }, theme: ChartTheme) {
  return {
    x: powersOfTwoLogAxis("Peak memory per GPU (GB, log scale)", view.bounds, theme),
    gpu: {
      type: "logarithmic" as const,
      position: "top" as const,
      min: view.bounds.min,
      max: view.bounds.max,
      afterBuildTicks: fixedTicks(view.gpuLines.map((line) => line.gb)),
      ticks: { color: theme.muted, autoSkip: false, maxRotation: 0, font: { size: 10 }, callback: (value: string | number) => gpuTickLabel(view.gpuLines, Number(value)), ...narrowTicks(theme) },
      grid: { display: false },
      border: { display: false },
    },
  };
}

/** Quality against peak memory: the runs' points, or with `groupBy` each group's mean with error bars. */
export function QualityMemoryChart(props: QualityMemoryChartProps) {
  return props.groupBy?.length ? <GroupedQualityMemoryChart {...props} groupBy={props.groupBy} /> : <PointsQualityMemoryChart {...props} />;
}

/** Quality against peak memory, one colour per method and one marker per origin, with the Pareto frontier and GPU sizes. */
function PointsQualityMemoryChart({ filters, metric, onMetricChange, selectedRunIds, onToggleRun }: QualityMemoryChartProps) {
  const query = useQualityMemory(filters, metric);
  const theme = useChartTheme();
  const router = useRouter();
  const chartRef = useRef<ChartJS<"scatter">>(null);
  const { hidden, toggle } = useHiddenSeries();
  const data = query.data;
  const metricInfo = QUALITY_METRICS[metric];

  const view = useMemo(() => {
    const points = data?.points ?? [];
    const frontierIds = new Set(data?.frontier ?? []);
    const methods = METHODS.filter((method) => points.some((point) => point.method === method));
    const frontier = frontierPoints(points, data?.frontier ?? []);
    const xValues = points.flatMap((point) => [point.memoryGb.min, point.memoryGb.max ?? point.memoryGb.min]);
    const bounds = logBounds([...xValues, 8, 80], 1, 1.6);
    const gpuLines = (data?.gpuLines ?? [...GPU_CAPACITY_LINES]).filter((line) => line.gb >= bounds.min && line.gb <= bounds.max);
    return { points, frontierIds, methods, frontier, bounds, gpuLines };
  }, [data]);
  // The scatter's series and their markers are rebuilt only when the answer or the selection changes.
  const series = useMemo(
    () => qualityMemorySeries(view.points, new Set(selectedRunIds)).map((item) => ({ ...item, markers: item.points.map(qualityMemoryMarker) })),
    [view.points, selectedRunIds],
  );

  // Built when the data table opens or the CSV is downloaded (ChartCard), not in the render that draws 2,000 points.
  const rows = useCallback((): DataRow[] => [...view.points]
    .sort((a, b) => rangeAnchor(a.memoryGb) - rangeAnchor(b.memoryGb))
    .map((point) => ({
      point: point.label,
      method: METHOD_LABELS[point.method],
      model: point.modelName,
      rank: point.rank,
      origin: ORIGIN_SHAPES[point.origin].label,
      memory: formatRange(point.memoryGb),
      quality: formatValue(point.quality, 1),
      frontier: view.frontierIds.has(point.id) ? "yes" : "",
      source: [...new Set(point.provenance.map((item) => item.sourceTitle ?? "Logged by a user"))].join("; "),
    })), [view]);

  const origins = POINT_ORIGINS.filter((origin) => view.points.some((point) => point.origin === origin));
  const legend: LegendEntry[] = [
    ...view.methods.map((method) => ({ id: method, label: METHOD_LABELS[method], color: METHOD_COLORS[method], shape: "square" as const, hidden: hidden.has(method), onToggle: () => toggle(method) })),
    ...origins.map((origin) => ({ id: `origin-${origin}`, label: ORIGIN_SHAPES[origin].label, color: theme.muted, shape: ORIGIN_SHAPES[origin].shape })),
    ...(view.frontier.length ? [{ id: "frontier", label: "Pareto frontier", color: theme.text, shape: "dashed-line" as const, hidden: hidden.has("frontier"), onToggle: () => toggle("frontier") }] : []),
  ];

  const annotations: Record<string, AnnotationOptions> = Object.fromEntries(
    view.gpuLines.map((line) => [
      `gpu-${line.gb}`,
      {
        type: "line",
        scaleID: "x",
        value: line.gb,
        borderColor: theme.muted,
        borderWidth: 1,
        borderDash: [3, 4],
        drawTime: "beforeDatasetsDraw",
      } satisfies AnnotationOptions,
    ]),
  );

  const pointAt = (datasetIndex: number, index: number): Point | undefined => series[datasetIndex]?.points[index];

  const isSelectMode = useChartSelectMode();
  const onClick = (event: ChartEvent, elements: ActiveElement[]) => {
    const element = elements.find((item) => item.datasetIndex < series.length);
    const point = element ? pointAt(element.datasetIndex, element.index) : undefined;
    if (!point) return;
    if ((event.native as MouseEvent | null)?.shiftKey || isSelectMode) onToggleRun(firstRunId(point));
    else router.push(`/runs/${encodeURIComponent(firstRunId(point))}`);
  };

  const tooltipLines = (item: TooltipItem<"scatter">): string[] => {
    const point = pointAt(item.datasetIndex, item.dataIndex);
    if (!point) return [];
    return [
      `${METHOD_LABELS[point.method]} · ${point.modelName}${point.rank ? ` · r=${point.rank}` : ""}`,
      `Peak memory: ${formatRange(point.memoryGb)} GB${point.memoryGb.value === null ? (point.memoryGb.max === null ? " (lower bound)" : " (range)") : ""}`,
      `${metricInfo.label}: ${formatValue(point.quality, 1)}${view.frontierIds.has(point.id) ? " · on the Pareto frontier" : ""}`,
      ...point.provenance.flatMap((item) => [
        `From: ${item.sourceTitle ?? "logged by a user"} (${item.runName})`,
        ...item.cells.map((cell) => `  “${cell.text}” (${cell.tableTitle})`),
      ]),
    ];
  };

  const emptyReason = query.data && view.points.length === 0 ? `No run with both peak memory and ${metricInfo.label} matches these filters.` : null;
  const selected = new Set(selectedRunIds);

  return (
    <ChartCard
      id="quality-memory"
      title="Quality against memory"
      description={`${metricInfo.label} against peak GPU memory per run. Whiskers span the ranges the articles give; an arrow marks an open-ended bound such as “84GB+”.`}
      query={query}
      emptyReason={emptyReason}
      legend={legend}
      columns={COLUMNS(metric)}
      rows={rows}
      chartRef={chartRef}
      isWide
      height={440}
      controls={<OptionSwitch label="Quality metric" value={metric} options={[{ value: "mtBench", label: "MT-Bench" }, { value: "mmlu", label: "MMLU" }]} onChange={onMetricChange} />}
      footer={
        <div className="chart-footer">
          {data && data.totalMatching > data.points.length ? (
            <p className="small muted">Showing {data.points.length} of {data.totalMatching} points: the frontier plus a spread sample.</p>
          ) : null}
          {view.frontier.length ? (
            <div className="frontier-list">
              <h3 className="small">Pareto frontier: the best {metricInfo.label} for the memory</h3>
              <ol data-testid="frontier-list">
                {view.frontier.map((point) => {
                  const runId = firstRunId(point);
                  return (
                    <li key={point.id}>
                      <span className="method-dot" style={{ background: METHOD_COLORS[point.method] }} aria-hidden />
                      <Link href={`/runs/${encodeURIComponent(runId)}`}>{point.label}</Link>{" "}
                      <span className="muted">{formatRange(point.memoryGb)} GB · {formatValue(point.quality, 1)}</span>{" "}
                      <button type="button" className="link-button small" aria-pressed={selected.has(runId)} onClick={() => onToggleRun(runId)}>
                        {selected.has(runId) ? "Selected ✓" : "Select for diff"}
                      </button>
                    </li>
                  );
                })}
              </ol>
            </div>
          ) : null}
          <p className="small muted">Click a point to open its run; shift-click to select it for the diff.</p>
        </div>
      }
    >
      <Scatter
        ref={chartRef}
        role="img"
        aria-label={`Scatter chart of ${metricInfo.label} against peak memory for ${view.points.length} runs`}
        data={{
          datasets: [
            // Every option is the same for the whole series (see lib/compare/quality-memory-view.ts for why).
            ...series.map(({ method, origin, isSelected, markers }) => ({
              label: METHOD_LABELS[method],
              hidden: hidden.has(method),
              data: markers,
              backgroundColor: METHOD_COLORS[method],
              borderColor: METHOD_COLORS[method],
              pointStyle: ORIGIN_SHAPES[origin].pointStyle,
              // A cross is drawn by its border alone, so an estimate's border carries the method's colour.
              pointBorderColor: isSelected ? theme.text : origin === "estimate" ? METHOD_COLORS[method] : theme.background,
              pointBorderWidth: isSelected ? 3 : 1.5,
              pointRadius: origin === "article" ? 9 : 7,
              pointHoverRadius: 10,
              // Chart.js draws the lowest order last: selected runs on top of the others, the frontier line below all.
              order: isSelected ? -1 : 0,
            })),
            {
              label: "Pareto frontier",
              hidden: hidden.has("frontier"),
              data: view.frontier.map((point) => ({ x: rangeAnchor(point.memoryGb), y: point.quality })),
              showLine: true,
              stepped: "after" as const,
              borderColor: theme.text,
              backgroundColor: theme.text,
              borderDash: [6, 4],
              borderWidth: 1.5,
              pointRadius: 0,
              pointHoverRadius: 0,
              order: 10,
            },
          ],
        }}
        options={{
          maintainAspectRatio: false,
          onClick,
          onHover: (event, elements) => {
            const target = event.native?.target as HTMLElement | undefined;
            if (target) target.style.cursor = elements.some((item) => item.datasetIndex < series.length) ? "pointer" : "default";
          },
          interaction: { mode: "nearest", intersect: true },
          layout: { padding: { top: 8, right: 12 } },
          scales: {
            ...memoryAxes(view, theme),
            y: { type: "linear", grace: "8%", title: axisTitle(metricInfo.axis, theme), ...axisStyle(theme) },
          },
          plugins: {
            legend: { display: false },
            canvasBackground: { color: theme.background },
            annotation: { annotations },
            // Name the points while there are few enough to read; beyond that the tooltip and the table do.
            pointLabels: { labels: view.points.length <= 24 ? series.map((item) => item.points.map(pointName)) : [], color: theme.text, halo: theme.background },
            tooltip: {
              ...tooltipStyle(theme),
              filter: (item) => item.datasetIndex < series.length,
              callbacks: {
                title: (items) => (items[0] ? (pointAt(items[0].datasetIndex, items[0].dataIndex)?.label ?? "") : ""),
                label: tooltipLines,
                footer: () => "Click: open the run · Shift-click: select for diff",
              },
            },
          },
        }}
      />
    </ChartCard>
  );
}

const GROUP_COLUMNS = (metric: QualityMetric): DataColumn[] => [
  { key: "group", label: "Group" },
  { key: "runs", label: "Runs", isNumeric: true },
  { key: "memory", label: "Peak memory (GB): mean ± std (min–max), measured points", isNumeric: true },
  { key: "ranges", label: "Memory ranges (not averaged)", isNumeric: true },
  { key: "quality", label: `${QUALITY_METRICS[metric].label}: mean ± std (min–max)`, isNumeric: true },
];

/** Each group of the matching runs at its mean memory and quality: bars ± one std, faint bars min–max. */
function GroupedQualityMemoryChart({ filters, metric, onMetricChange, groupBy }: QualityMemoryChartProps & { groupBy: string[] }) {
  const query = useQualityMemoryGroups(filters, metric, groupBy);
  const theme = useChartTheme();
  const chartRef = useRef<ChartJS<"scatter">>(null);
  const { hidden, toggle } = useHiddenSeries();
  const metricInfo = QUALITY_METRICS[metric];
  const data = query.data;

  const view = useMemo(() => {
    const groups = data?.groups ?? [];
    // Memory is on a log axis; a group's x bars are clipped to its observed range there.
    const { series, undrawn } = groupSeries(groups, (group) => groupMarker(group.x, group.y, { isLogX: true }));
    const xValues = series.flatMap((item) => item.items.flatMap(({ marker }) => [marker.xMin, marker.xMax]));
    const bounds = logBounds([...xValues, 8, 80], 1, 1.6);
    const gpuLines = GPU_CAPACITY_LINES.filter((line) => line.gb >= bounds.min && line.gb <= bounds.max);
    const drawnCount = series.reduce((total, item) => total + item.items.length, 0);
    const y = yExtent(series.flatMap((item) => item.items.map(({ marker }) => marker)));
    return { groups, series, undrawn, bounds, gpuLines, drawnCount, y };
  }, [data]);

  const colorOf = (method: keyof typeof METHOD_COLORS | null) => (method ? METHOD_COLORS[method] : theme.text);
  const legend: LegendEntry[] = [
    ...view.series.map((item) => ({ id: item.id, label: item.method ? METHOD_LABELS[item.method] : "Groups", color: colorOf(item.method), shape: "circle" as const, hidden: hidden.has(item.id), onToggle: () => toggle(item.id) })),
    { id: "std", label: "Bars: mean ± 1 std", color: theme.text, shape: "line" },
    { id: "minmax", label: "Faint bars: min–max", color: theme.muted, shape: "line" },
  ];
  const annotations: Record<string, AnnotationOptions> = Object.fromEntries(
    view.gpuLines.map((line) => [`gpu-${line.gb}`, { type: "line", scaleID: "x", value: line.gb, borderColor: theme.muted, borderWidth: 1, borderDash: [3, 4], drawTime: "beforeDatasetsDraw" } satisfies AnnotationOptions]),
  );
  const itemAt = (datasetIndex: number, index: number) => view.series[datasetIndex]?.items[index];
  const emptyReason = !data ? null : view.groups.length === 0 ? `No run with both peak memory and ${metricInfo.label} matches these filters.` : view.drawnCount === 0 ? "No group has a measured memory point to draw (only ranges or bounds); the data table lists them." : null;

  return (
    <ChartCard
      id="quality-memory"
      title="Quality against memory"
      description={`${metricInfo.label} against peak GPU memory, one point per group of runs: the group's mean, bars ± one standard deviation, faint bars from min to max. Memory averages measured points only.`}
      query={query}
      emptyReason={emptyReason}
      legend={legend}
      columns={GROUP_COLUMNS(metric)}
      rows={qualityMemoryGroupRows(view.groups)}
      chartRef={chartRef}
      isWide
      height={440}
      controls={<OptionSwitch label="Quality metric" value={metric} options={[{ value: "mtBench", label: "MT-Bench" }, { value: "mmlu", label: "MMLU" }]} onChange={onMetricChange} />}
      footer={
        <div className="chart-footer" data-testid="quality-memory-groups">
          <p className="small muted">
            {view.drawnCount} group{view.drawnCount === 1 ? "" : "s"} drawn over all {view.groups.reduce((total, group) => total + group.count, 0)} matching runs
            {data?.totalGroups && data.totalGroups > view.groups.length ? ` (the ${view.groups.length} largest of ${data.totalGroups} groups)` : ""}.
            {view.undrawn.length ? ` Not drawn, having only memory ranges: ${view.undrawn.map((group) => group.label).join("; ")}.` : ""}
          </p>
        </div>
      }
    >
      <Scatter
        ref={chartRef}
        role="img"
        aria-label={`Scatter chart of ${metricInfo.label} against peak memory for ${view.drawnCount} groups of runs, with error bars`}
        plugins={[errorBars]}
        data={{
          datasets: view.series.map((item) => ({
            label: item.method ? METHOD_LABELS[item.method] : "Groups",
            hidden: hidden.has(item.id),
            data: item.items.map(({ marker }): ErrorBarPoint => marker),
            backgroundColor: colorOf(item.method),
            borderColor: colorOf(item.method),
            pointBorderColor: theme.background,
            pointBorderWidth: 1.5,
            pointRadius: 6,
            pointHoverRadius: 9,
          })),
        }}
        options={{
          maintainAspectRatio: false,
          interaction: { mode: "nearest", intersect: true },
          layout: { padding: { top: 8, right: 12 } },
          scales: {
            ...memoryAxes(view, theme),
            y: { type: "linear", grace: "8%", suggestedMin: view.y?.min, suggestedMax: view.y?.max, title: axisTitle(metricInfo.axis, theme), ...axisStyle(theme) },
          },
          plugins: {
            legend: { display: false },
            canvasBackground: { color: theme.background },
            annotation: { annotations },
            errorBars: { lineWidth: 2, faintAlpha: 0.3 },
            pointLabels: { labels: view.drawnCount <= 16 ? view.series.map((item) => item.items.map(({ group }) => group.label)) : [], color: theme.text, halo: theme.background },
            tooltip: {
              ...tooltipStyle(theme),
              callbacks: {
                title: (items) => (items[0] ? (itemAt(items[0].datasetIndex, items[0].dataIndex)?.group.label ?? "") : ""),
                label: (item: TooltipItem<"scatter">) => {
                  const group = itemAt(item.datasetIndex, item.dataIndex)?.group;
                  if (!group) return [];
                  return groupTooltipLines(
                    group,
                    [{ label: "Peak memory", stats: group.x, unit: "GB" }, { label: metricInfo.label, stats: group.y }],
                    group.memoryRangeCount ? [`+${group.memoryRangeCount} with a memory range or bound, not averaged`] : [],
                  );
                },
              },
            },
          },
        }}
      />
    </ChartCard>
  );
}
