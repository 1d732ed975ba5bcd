"use client";
import { useParams, useSearchParams } from "next/navigation";
import { useCallback, useMemo, useState } from "react";
import { Line } from "react-chartjs-2";
import { assignYAxes, buildCurveLines, defaultPickedKeys, resolveXAxis, X_AXIS_CHOICES, type XAxisChoice } from "@/lib/compare/curves";
import { chartMetricValue } from "@/lib/compare/metric-values";
import { useRunTimedMetrics } from "@/lib/hooks/use-run-timed-metrics";
import { useRun } from "@/lib/hooks/use-runs";
import { MAX_METRIC_PAGE_POINTS, type MetricSeries } from "@/lib/schemas/run";
import { axisStyle, axisTitle, tooltipStyle } from "./chart-options";
import { formatValue } from "./format";
import { MetricPicker } from "./metric-picker";
import { withAlpha } from "./patterns";
import { SmoothingSlider } from "./smoothing-slider";
import { useChartTheme } from "./use-chart-theme";
import { XAxisSelect } from "./x-axis-select";
import "./register";

export type LossCurveChartProps = { series: MetricSeries[] };

// Okabe–Ito colours not used by the method palette, so curves never look like a method.
const SERIES_COLORS = ["#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000", "#009E73", "#0072B2"];
const RAW_SUFFIX = " (raw)";

/** A log axis labels 1, 2 and 5 of each decade, as 2e-4; the ticks between stay unlabelled so they do not crowd. */
function logTickLabel(value: number | string): string {
  const number = Number(value);
  const mantissa = Math.round((number / 10 ** Math.floor(Math.log10(number))) * 1000) / 1000;
  return [1, 2, 5].includes(mantissa) ? number.toExponential(0) : "";
}

/**
 * The chart's choices, kept in the URL (metrics=, smooth=, x=) so a view can be shared by link. They are held in
 * state and written with history.replaceState: a router navigation would refetch the page for every checkbox and
 * every slider step, and the checkbox would lag behind the click until it returned.
 */
function useCurveParams(keys: string[]) {
  const initial = useSearchParams();
  const [query, setQuery] = useState(() => new URLSearchParams(initial.toString()));
  const listed = query.get("metrics");
  const picked = listed === null ? defaultPickedKeys(keys) : listed.split(",").filter((key) => keys.includes(key));
  const smoothing = Math.min(0.99, Math.max(0, Number(query.get("smooth")) || 0));
  const xAxis = (X_AXIS_CHOICES as string[]).includes(query.get("x") ?? "") ? (query.get("x") as XAxisChoice) : "step";
  const update = useCallback((changes: Record<string, string | null>) => {
    const next = new URLSearchParams(window.location.search);
    for (const [name, value] of Object.entries(changes)) {
      if (value === null) next.delete(name);
      else next.set(name, value);
    }
    setQuery(next);
    const search = next.toString();
    window.history.replaceState(window.history.state, "", `${window.location.pathname}${search ? `?${search}` : ""}`);
  }, []);
  return { picked, smoothing, xAxis, update };
}

/**
 * Metric history of one run: the picked keys, one y axis per unit family (loss left, learning rate right on a log
 * scale...), against step, epoch, tokens seen or relative time. Long series arrive downsampled by the server;
 * non-finite values are gaps.
 */
export function LossCurveChart({ series: downsampledSeries }: LossCurveChartProps) {
  const { id } = useParams<{ id: string }>();
  // The run page has already loaded the run: this reads the same cache entry for its batch shape (tokens seen).
  const run = useRun(id);
  const theme = useChartTheme();
  const keys = useMemo(() => downsampledSeries.map((s) => s.key), [downsampledSeries]);
  const { picked, smoothing, xAxis, update } = useCurveParams(keys);
  // Relative time needs every point's timestamp, which only the paged read returns: one page holds up to 10,000.
  const canReadTimes = downsampledSeries.reduce((sum, s) => sum + s.totalPoints, 0) <= MAX_METRIC_PAGE_POINTS;
  const timed = useRunTimedMetrics(id, xAxis === "time" && canReadTimes);
  const series = xAxis === "time" && timed.data ? timed.data.series : downsampledSeries;
  const drawn = useMemo(() => series.filter((s) => picked.includes(s.key)), [series, picked]);

  const shape = run.data ? { batchSize: run.data.batchSize, seqLen: run.data.seqLen, gradientAccumulation: run.data.gradientAccumulation, gpuCount: run.data.gpuCount } : null;
  const resolutions = X_AXIS_CHOICES.map((choice) => ({ choice, resolution: resolveXAxis(choice, { drawn, all: series, shape }) }));
  const timeUnavailableReason = canReadTimes ? null : `More than ${MAX_METRIC_PAGE_POINTS.toLocaleString("en-US")} points: the chart reads them downsampled, without timestamps`;
  const chosen = resolutions.find((entry) => entry.choice === xAxis && entry.resolution.isAvailable) ?? resolutions[0]!;
  const x = chosen.resolution.isAvailable ? chosen.resolution : null;

  const axes = assignYAxes(drawn.map((s) => ({ key: s.key, values: s.points.map((p) => chartMetricValue(p.value)) })));
  const isSmoothed = smoothing > 0;
  const datasets = drawn.flatMap((s) => {
    const color = SERIES_COLORS[keys.indexOf(s.key) % SERIES_COLORS.length]!;
    const lines = buildCurveLines(s.points, x?.map ?? ((p) => p.step), smoothing);
    const yAxisID = axes.find((axis) => axis.keys.includes(s.key))!.id;
    const line = { label: s.key, yAxisID, data: lines.smoothed, spanGaps: false, borderColor: color, backgroundColor: color, pointRadius: s.points.length > 60 ? 0 : 2, borderWidth: 2 };
    // The raw curve under the smoothed one, faint, so smoothing never hides a spike.
    const raw = { ...line, label: `${s.key}${RAW_SUFFIX}`, data: lines.raw, borderColor: withAlpha(color, 0.3), backgroundColor: withAlpha(color, 0.3), pointRadius: 0, borderWidth: 1 };
    return isSmoothed ? [raw, line] : [line];
  });

  const scales: Record<string, object> = { x: { type: "linear", title: axisTitle(x?.title ?? "Training step", theme), ...axisStyle(theme) } };
  axes.forEach((axis, index) => {
    const style = axisStyle(theme);
    scales[axis.id] = {
      type: axis.isLog ? "logarithmic" : "linear",
      position: axis.position,
      title: axisTitle(axis.title, theme),
      ...style,
      // 2e-4 reads better than 0.000200 on a learning-rate axis.
      ...(axis.isLog ? { ticks: { ...style.ticks, callback: logTickLabel } } : {}),
      // One grid is enough; the others' lines would cross it at unrelated heights.
      grid: index === 0 ? style.grid : { drawOnChartArea: false },
    };
  });

  const downsampled = series.filter((s) => s.totalPoints > s.points.length);
  return (
    <>
      <div className="chart-controls">
        <MetricPicker keys={keys} picked={picked} onChange={(next) => update({ metrics: next.join(",") })} />
        <XAxisSelect
          value={xAxis === "time" && canReadTimes ? "time" : chosen.choice}
          options={resolutions.map(({ choice, resolution }) => ({ choice, unavailableReason: choice === "time" ? timeUnavailableReason : resolution.isAvailable ? null : resolution.reason }))}
          onChange={(choice) => update({ x: choice === "step" ? null : choice })}
        />
        <SmoothingSlider value={smoothing} onChange={(value) => update({ smooth: value > 0 ? String(value) : null })} />
      </div>
      {downsampled.length ? (
        <p className="small muted" data-testid="loss-curve-downsampled">
          {downsampled.map((s) => `${s.key}: ${s.points.length.toLocaleString()} of ${s.totalPoints.toLocaleString()} points shown`).join("; ")} (downsampled on the server, peaks kept)
        </p>
      ) : null}
      <p className="small muted" data-testid="loss-curve-axes" data-axis-count={axes.length} data-x-axis={chosen.choice}>
        {axes.length === 0 ? "Pick a metric to draw." : axes.map((axis) => `${axis.position} axis: ${axis.title} (${axis.keys.join(", ")})`).join(" · ")}
      </p>
      <div className="chart-box" data-testid="loss-curve-chart">
        <Line
          aria-label={`Metric history: ${drawn.map((s) => s.key).join(", ")} against ${(x?.title ?? "step").toLowerCase()}`}
          role="img"
          data={{ datasets }}
          options={{
            parsing: false,
            animation: false,
            maintainAspectRatio: false,
            interaction: { mode: "nearest", axis: "x", intersect: false },
            scales,
            plugins: {
              legend: { position: "bottom", labels: { color: theme.text, filter: (item) => !item.text.endsWith(RAW_SUFFIX) } },
              tooltip: {
                ...tooltipStyle(theme),
                filter: (item) => !(item.dataset.label ?? "").endsWith(RAW_SUFFIX),
                callbacks: { label: (item) => `${item.dataset.label}: ${formatValue(item.parsed.y ?? 0, 4)}${isSmoothed ? " (smoothed)" : ""}` },
              },
            },
          }}
        />
      </div>
    </>
  );
}
