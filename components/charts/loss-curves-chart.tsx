"use client";
import type { Chart as ChartJS } from "chart.js";
import { useEffect, useMemo, useRef, useState } from "react";
import { Line } from "react-chartjs-2";
import { LOSS_CURVE_MAX_POINTS } from "@/components/compare/compare-params";
import { useLossCurves } from "@/lib/hooks/use-compare";
import { buildCurveLines, EPOCH_KEYS, smoothEma, resolveXAxis, TOKEN_KEYS, X_AXIS_CHOICES, X_AXIS_LABELS, type CurveSeries, type XAxisChoice } from "@/lib/compare/curves";
import { chartMetricValue } from "@/lib/compare/metric-values";
import { METHOD_COLORS } from "@/lib/methods";
import type { Method } from "@/lib/schemas/run";
import { ChartCard } from "./chart-card";
import type { DataColumn, DataRow } from "./chart-data-table";
import type { LegendEntry } from "./chart-legend";
import { axisStyle, axisTitle, tooltipStyle } from "./chart-options";
import { formatValue } from "./format";
import { withAlpha } from "./patterns";
import { SmoothingSlider } from "./smoothing-slider";
import { useChartTheme } from "./use-chart-theme";
import { useHiddenSeries } from "./use-hidden-series";
import { XAxisSelect } from "./x-axis-select";
import "./register";

export type LossCurveOptions = { lossKey: string; smoothing: number; isLogY: boolean; xAxis: XAxisChoice };

export type LossCurvesChartProps = LossCurveOptions & {
  runIds: string[];
  onOptionsChange: (next: Partial<LossCurveOptions>) => void;
  /** What to tell the reader when no run is selected yet. */
  emptySelectionHint: string;
  isWide?: boolean;
};

const METRIC_KEYS = ["train/loss", "eval/loss", "train/learning_rate", "train/grad_norm"];
/** Runs of the same method share its colour and differ by dash. */
const DASHES = [[], [8, 4], [2, 3], [12, 3, 2, 3]];

/** A smoothed value for the data table; a gap (non-finite raw value) has none. */
const formatSmoothed = (value: number | null) => (value === null ? "–" : formatValue(value, 4));

/** Committed to the URL once the slider rests, so dragging it does not write a history entry per pixel. */
function useDebouncedNumber(value: number, onCommit: (value: number) => void) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  useEffect(() => {
    if (draft === value) return;
    const timer = setTimeout(() => onCommit(draft), 250);
    return () => clearTimeout(timer);
  }, [draft, value, onCommit]);
  return [draft, setDraft] as const;
}

/**
 * The epoch and tokens series of the selected runs, fetched only once the x axis needs them: most views stay on
 * step, and every extra request is one more read of a large metrics table.
 */
function useCounterSeries(runIds: string[], xAxis: XAxisChoice) {
  const epochIds = xAxis === "epoch" ? runIds : [];
  const tokenIds = xAxis === "tokens" ? runIds : [];
  const queries = [
    useLossCurves(epochIds, EPOCH_KEYS[0]!, LOSS_CURVE_MAX_POINTS),
    useLossCurves(epochIds, EPOCH_KEYS[1]!, LOSS_CURVE_MAX_POINTS),
    useLossCurves(tokenIds, TOKEN_KEYS[0]!, LOSS_CURVE_MAX_POINTS),
    useLossCurves(tokenIds, TOKEN_KEYS[1]!, LOSS_CURVE_MAX_POINTS),
  ];
  const datas = queries.map((query) => query.data);
  const byRun = useMemo(() => {
    const map = new Map<string, CurveSeries[]>();
    for (const data of datas) for (const item of data?.series ?? []) map.set(item.runId, [...(map.get(item.runId) ?? []), { key: data!.key, points: item.points }]);
    return map;
  }, [datas[0], datas[1], datas[2], datas[3]]);
  const needed = xAxis === "epoch" ? queries.slice(0, 2) : xAxis === "tokens" ? queries.slice(2) : [];
  return { byRun, isFetched: needed.length > 0 && needed.every((query) => query.isFetched && !query.isPlaceholderData) };
}

/**
 * Why an x axis cannot be drawn for any of the runs, or null. Epoch and tokens are only known once fetched, so
 * they stay choosable until then; the loss-curves API returns no timestamps, so relative time never is.
 */
function xAxisUnavailableReason(choice: XAxisChoice, current: XAxisChoice, series: { x: { isAvailable: boolean } }[], isFetched: boolean): string | null {
  if (choice === "time") return "The loss-curves API returns no timestamps (open a run's page for its own chart)";
  if (choice === "step" || choice !== current || !isFetched || series.length === 0 || series.some((item) => item.x.isAvailable)) return null;
  return choice === "epoch" ? `None of the runs logs ${EPOCH_KEYS.join(" or ")}` : `None of the runs logs ${TOKEN_KEYS.slice(0, 2).join(" or ")}`;
}

/** Metric histories of the selected runs overlaid, with EMA smoothing and a log-scale option. */
export function LossCurvesChart({ runIds, lossKey, smoothing, isLogY, xAxis, onOptionsChange, emptySelectionHint, isWide }: LossCurvesChartProps) {
  const query = useLossCurves(runIds, lossKey, LOSS_CURVE_MAX_POINTS);
  const theme = useChartTheme();
  const chartRef = useRef<ChartJS<"line">>(null);
  const { hidden, toggle } = useHiddenSeries();
  const [draftSmoothing, setDraftSmoothing] = useDebouncedNumber(smoothing, (value) => onOptionsChange({ smoothing: value }));
  const counters = useCounterSeries(runIds, xAxis);

  const series = useMemo(() => {
    const perMethod = new Map<Method, number>();
    return (query.data?.series ?? []).map((item) => {
      const occurrence = perMethod.get(item.method) ?? 0;
      perMethod.set(item.method, occurrence + 1);
      const own: CurveSeries = { key: lossKey, points: item.points };
      const x = resolveXAxis(xAxis, { drawn: [own], all: [own, ...(counters.byRun.get(item.runId) ?? [])] });
      // NaN and ±Infinity (a diverged run) are drawn as gaps: null with spanGaps false, never a point at 0.
      const ys = item.points.map((point) => chartMetricValue(point.value));
      const lines = x.isAvailable ? buildCurveLines(item.points, x.map, draftSmoothing) : { raw: [], smoothed: [] };
      return { ...item, dash: DASHES[occurrence % DASHES.length]!, ys, smoothed: smoothEma(ys, draftSmoothing), lines, x };
    });
  }, [query.data, draftSmoothing, xAxis, lossKey, counters.byRun]);
  const drawnX = series.find((item) => item.x.isAvailable)?.x;
  const xTitle = drawnX?.isAvailable ? drawnX.title : "Training step";
  // Until the epoch or tokens series arrive, no run is reported as undrawable.
  const undrawn = xAxis === "step" || counters.isFetched ? series.filter((item) => !item.x.isAvailable) : [];

  const hasNonPositive = series.some((item) => item.ys.some((y) => y !== null && y <= 0));
  const isLogApplied = isLogY && !hasNonPositive;
  const isSmoothed = draftSmoothing > 0;

  const datasets = series.flatMap((item) => {
    const color = METHOD_COLORS[item.method];
    const isHidden = hidden.has(item.runId);
    const line = {
      label: item.runName,
      hidden: isHidden,
      data: isSmoothed ? item.lines.smoothed : item.lines.raw,
      spanGaps: false,
      borderColor: color,
      backgroundColor: color,
      borderDash: item.dash,
      borderWidth: 2.5,
      pointRadius: item.points.length > 60 ? 0 : 2.5,
      pointHoverRadius: 4,
    };
    // The raw curve faint under the smoothed one, so smoothing never hides a spike.
    const raw = { ...line, label: `${item.runName} (raw)`, data: item.lines.raw, borderColor: withAlpha(color, 0.25), borderWidth: 1, pointRadius: 0 };
    return isSmoothed ? [raw, line] : [line];
  });

  const columns: DataColumn[] = [
    { key: "run", label: "Run" },
    { key: "step", label: "Step", isNumeric: true },
    ...(xAxis === "step" ? [] : [{ key: "x", label: X_AXIS_LABELS[xAxis], isNumeric: true }]),
    { key: "value", label: `${lossKey} (raw)`, isNumeric: true },
    ...(isSmoothed ? [{ key: "smoothed", label: `${lossKey} (EMA ${draftSmoothing})`, isNumeric: true }] : []),
  ];
  const rows: DataRow[] = series.flatMap((item) =>
    item.points.map((point, index) => ({
      run: item.runName,
      step: point.step,
      ...(xAxis === "step" ? {} : { x: item.x.isAvailable ? formatSmoothed(item.x.map(point)) : "–" }),
      value: typeof point.value === "number" ? formatValue(point.value, 4) : point.value,
      ...(isSmoothed ? { smoothed: formatSmoothed(item.smoothed[index]!) } : {}),
    })),
  );

  const legend: LegendEntry[] = series.map((item) => ({
    id: item.runId,
    label: item.runName,
    color: METHOD_COLORS[item.method],
    shape: item.dash.length ? ("dashed-line" as const) : ("line" as const),
    hidden: hidden.has(item.runId),
    onToggle: () => toggle(item.runId),
  }));

  let emptyReason: string | null = null;
  if (runIds.length === 0) emptyReason = emptySelectionHint;
  else if (query.data && series.every((item) => item.points.length === 0))
    emptyReason = `None of the ${runIds.length} selected run${runIds.length === 1 ? " has" : "s have"} a “${lossKey}” history. Runs log one with POST /api/runs/{id}/metrics.`;
  else if (series.length > 0 && undrawn.length === series.length)
    emptyReason = `None of the selected runs can be drawn against ${X_AXIS_LABELS[xAxis].toLowerCase()}: ${undrawn[0]!.x.isAvailable ? "" : undrawn[0]!.x.reason}. Choose another x axis.`;

  const downsampled = series.filter((item) => item.totalPoints > item.points.length);

  return (
    <ChartCard
      id="loss-curves"
      title="Loss curves"
      description={`“${lossKey}” of the selected runs against ${xTitle.toLowerCase()}; colour = method, dash = run; with smoothing, the raw curve is drawn faint underneath.`}
      query={{ isPending: runIds.length > 0 && query.isPending, isFetching: query.isFetching, error: query.error }}
      emptyReason={emptyReason}
      legend={legend}
      columns={columns}
      rows={rows}
      chartRef={chartRef}
      isWide={isWide}
      height={380}
      controls={
        <>
          <label className="inline-control">
            Metric
            <select value={lossKey} onChange={(event) => onOptionsChange({ lossKey: event.target.value })}>
              {[...new Set([lossKey, ...METRIC_KEYS])].map((key) => <option key={key} value={key}>{key}</option>)}
            </select>
          </label>
          <XAxisSelect value={xAxis} options={X_AXIS_CHOICES.map((choice) => ({ choice, unavailableReason: xAxisUnavailableReason(choice, xAxis, series, counters.isFetched) }))} onChange={(choice) => onOptionsChange({ xAxis: choice })} />
          <SmoothingSlider value={draftSmoothing} onChange={setDraftSmoothing} />
          <label className="inline-control">
            <input type="checkbox" checked={isLogY} onChange={(event) => onOptionsChange({ isLogY: event.target.checked })} />
            Log scale (y)
          </label>
          {isLogY && hasNonPositive ? <span className="small muted">Some values are ≤ 0, so the y axis stays linear.</span> : null}
        </>
      }
      footer={
        downsampled.length || undrawn.length ? (
          <p className="small muted chart-footer" data-testid="loss-curves-footer">
            {undrawn.length ? `Not drawn against ${X_AXIS_LABELS[xAxis].toLowerCase()}: ${undrawn.map((item) => `${item.runName} (${item.x.isAvailable ? "" : item.x.reason})`).join("; ")}. ` : ""}
            {downsampled.length ? `Downsampled on the server for drawing: ${downsampled.map((item) => `${item.runName} ${item.points.length} of ${item.totalPoints.toLocaleString("en-US")} points`).join("; ")}.` : ""}
          </p>
        ) : null
      }
    >
      <Line
        ref={chartRef}
        role="img"
        aria-label={`Line chart of ${lossKey} against ${X_AXIS_LABELS[xAxis].toLowerCase()} for ${series.length} runs`}
        data={{ datasets }}
        options={{
          parsing: false,
          maintainAspectRatio: false,
          interaction: { mode: "nearest", axis: "x", intersect: false },
          scales: {
            x: { type: "linear", title: axisTitle(xTitle, theme), ...axisStyle(theme) },
            y: { type: isLogApplied ? "logarithmic" : "linear", title: axisTitle(`${lossKey} (unitless${isLogApplied ? ", log scale" : ""})`, theme), ...axisStyle(theme) },
          },
          plugins: {
            legend: { display: false },
            canvasBackground: { color: theme.background },
            tooltip: {
              ...tooltipStyle(theme),
              filter: (item) => !isSmoothed || item.datasetIndex % 2 === 1,
              callbacks: {
                title: (items) => (items[0] ? `${X_AXIS_LABELS[xAxis]} ${formatValue(items[0].parsed.x ?? 0, 4)}` : ""),
                label: (item) => `${item.dataset.label}: ${formatValue(item.parsed.y ?? 0, 4)}${isSmoothed ? " (smoothed)" : ""}`,
              },
            },
          },
        }}
      />
    </ChartCard>
  );
}
