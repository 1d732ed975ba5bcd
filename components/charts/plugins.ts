// Small local Chart.js plugins: a solid canvas background (so a downloaded PNG is not transparent), range
// whiskers for scatter points read from ranges ("24 - 32 GB", "84GB+"), text labels on bars, and error bars for
// grouped points (mean ± std solid, min–max faint).
import type { Chart, ChartType, Plugin } from "chart.js";

declare module "chart.js" {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface PluginOptionsByType<TType extends ChartType> {
    canvasBackground?: { color?: string };
    /** Label per bar: labels[datasetIndex][index], above the bar, or under its lower end where `below` says so. */
    barLabels?: { labels?: (string | null)[][]; below?: boolean[][]; color?: string; halo?: string };
    rangeWhiskers?: { lineWidth?: number };
    /** A short label above each point: labels[datasetIndex][index]. */
    pointLabels?: { labels?: (string | null)[][]; color?: string; halo?: string };
    /** Error bars of points that carry them (ErrorBarPoint); `faintAlpha` is the min–max bars' opacity. */
    errorBars?: { lineWidth?: number; faintAlpha?: number; cap?: number };
  }
}

/** A scatter point that stands for a range: drawn at x, whisker from xMin to xMax (null: open to the right). */
export type RangePoint = { x: number; y: number; xMin?: number; xMax?: number | null };

export const canvasBackground: Plugin = {
  id: "canvasBackground",
  beforeDraw(chart: Chart, _args, options: { color?: string }) {
    if (!options.color) return;
    const { ctx } = chart;
    ctx.save();
    ctx.globalCompositeOperation = "destination-over";
    ctx.fillStyle = options.color;
    ctx.fillRect(0, 0, chart.width, chart.height);
    ctx.restore();
  },
};

function drawArrowHead(ctx: CanvasRenderingContext2D, x: number, y: number, size: number) {
  ctx.beginPath();
  ctx.moveTo(x, y);
  ctx.lineTo(x - size, y - size * 0.6);
  ctx.lineTo(x - size, y + size * 0.6);
  ctx.closePath();
  ctx.fill();
}

export const rangeWhiskers: Plugin = {
  id: "rangeWhiskers",
  // Before the points, so markers sit on top of their whiskers.
  beforeDatasetsDraw(chart: Chart, _args, options: { lineWidth?: number }) {
    const { ctx, chartArea } = chart;
    const xScale = chart.scales.x;
    if (!xScale) return;
    ctx.save();
    ctx.beginPath();
    ctx.rect(chartArea.left, chartArea.top, chartArea.width, chartArea.height);
    ctx.clip();
    chart.data.datasets.forEach((dataset, datasetIndex) => {
      if (!chart.isDatasetVisible(datasetIndex)) return;
      const meta = chart.getDatasetMeta(datasetIndex);
      const color = typeof dataset.borderColor === "string" ? dataset.borderColor : "#666";
      (dataset.data as unknown[]).forEach((raw, index) => {
        const point = raw as RangePoint | null;
        const element = meta.data[index];
        if (!point || point.xMin === undefined || !element) return;
        const y = element.y;
        const left = xScale.getPixelForValue(point.xMin);
        const isOpen = point.xMax === null || point.xMax === undefined;
        const right = isOpen ? chartArea.right - 2 : xScale.getPixelForValue(point.xMax!);
        ctx.strokeStyle = color;
        ctx.fillStyle = color;
        ctx.lineWidth = options.lineWidth ?? 2;
        ctx.setLineDash(isOpen ? [5, 3] : []);
        ctx.beginPath();
        ctx.moveTo(left, y);
        ctx.lineTo(isOpen ? right - 6 : right, y);
        ctx.stroke();
        ctx.setLineDash([]);
        ctx.beginPath();
        ctx.moveTo(left, y - 5);
        ctx.lineTo(left, y + 5);
        if (!isOpen) {
          ctx.moveTo(right, y - 5);
          ctx.lineTo(right, y + 5);
        }
        ctx.stroke();
        if (isOpen) drawArrowHead(ctx, right, y, 8);
      });
    });
    ctx.restore();
  },
};

export const barLabels: Plugin = {
  id: "barLabels",
  afterDatasetsDraw(chart: Chart, _args, options: { labels?: (string | null)[][]; below?: boolean[][]; color?: string; halo?: string }) {
    if (!options.labels) return;
    const { ctx } = chart;
    ctx.save();
    ctx.font = "600 11px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
    ctx.textAlign = "center";
    options.labels.forEach((labels, datasetIndex) => {
      if (!chart.isDatasetVisible(datasetIndex)) return;
      const meta = chart.getDatasetMeta(datasetIndex);
      labels.forEach((text, index) => {
        const element = meta.data[index] as unknown as { x: number; y: number; base: number } | undefined;
        if (!text || !element || !Number.isFinite(element.y)) return;
        const top = Math.min(element.y, element.base);
        const bottom = Math.max(element.y, element.base);
        const isBelow = options.below?.[datasetIndex]?.[index] ?? false;
        ctx.fillStyle = options.color ?? "#333";
        ctx.textBaseline = isBelow ? "top" : "bottom";
        const y = isBelow ? bottom + 3 : top - 3;
        if (options.halo) {
          ctx.strokeStyle = options.halo;
          ctx.lineWidth = 3;
          ctx.lineJoin = "round";
          ctx.strokeText(text, element.x, y);
        }
        ctx.fillText(text, element.x, y);
      });
    });
    ctx.restore();
  },
};

export const pointLabels: Plugin = {
  id: "pointLabels",
  afterDatasetsDraw(chart: Chart, _args, options: { labels?: (string | null)[][]; color?: string; halo?: string }) {
    if (!options.labels) return;
    const { ctx } = chart;
    ctx.save();
    ctx.font = "11px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
    ctx.textAlign = "center";
    ctx.textBaseline = "bottom";
    ctx.lineJoin = "round";
    options.labels.forEach((labels, datasetIndex) => {
      if (!chart.isDatasetVisible(datasetIndex)) return;
      const meta = chart.getDatasetMeta(datasetIndex);
      labels.forEach((text, index) => {
        const element = meta.data[index];
        if (!text || !element) return;
        const x = Math.min(Math.max(element.x, chart.chartArea.left + ctx.measureText(text).width / 2), chart.chartArea.right - ctx.measureText(text).width / 2);
        // A halo in the background colour keeps the text readable over grid and reference lines.
        if (options.halo) {
          ctx.strokeStyle = options.halo;
          ctx.lineWidth = 3;
          ctx.strokeText(text, x, element.y - 11);
        }
        ctx.fillStyle = options.color ?? "#333";
        ctx.fillText(text, x, element.y - 11);
      });
    });
    ctx.restore();
  },
};

/**
 * A grouped point: bars from xLow to xHigh and yLow to yHigh (mean ± std) with end caps, and thin faint bars out
 * to xMin/xMax and yMin/yMax. Any field left out draws no bar on that side.
 */
export type ErrorBarPoint = {
  x: number; y: number;
  xLow?: number; xHigh?: number; xMin?: number; xMax?: number;
  yLow?: number; yHigh?: number; yMin?: number; yMax?: number;
};

type ErrorBarOptions = { lineWidth?: number; faintAlpha?: number; cap?: number };

/** Not registered globally: the grouped charts pass it in their `plugins` prop, so other charts never look for bars. */
export const errorBars: Plugin<"scatter"> = {
  id: "errorBars",
  // Before the points, so markers sit on top of their bars.
  beforeDatasetsDraw(chart: Chart<"scatter">, _args, options: ErrorBarOptions) {
    const { ctx, chartArea } = chart;
    const cap = options.cap ?? 4;
    ctx.save();
    ctx.beginPath();
    ctx.rect(chartArea.left, chartArea.top, chartArea.width, chartArea.height);
    ctx.clip();
    const line = (x1: number, y1: number, x2: number, y2: number) => {
      if (![x1, y1, x2, y2].every(Number.isFinite)) return;
      ctx.beginPath();
      ctx.moveTo(x1, y1);
      ctx.lineTo(x2, y2);
      ctx.stroke();
    };
    chart.data.datasets.forEach((dataset, datasetIndex) => {
      if (!chart.isDatasetVisible(datasetIndex)) return;
      const meta = chart.getDatasetMeta(datasetIndex);
      const xScale = chart.scales[meta.xAxisID ?? "x"];
      const yScale = chart.scales[meta.yAxisID ?? "y"];
      if (!xScale || !yScale) return;
      ctx.strokeStyle = typeof dataset.borderColor === "string" ? dataset.borderColor : "#666";
      (dataset.data as unknown[]).forEach((raw, index) => {
        const point = raw as ErrorBarPoint | null;
        const element = meta.data[index];
        if (!point || !element) return;
        const { x, y } = element;
        const px = (value: number | undefined) => (value === undefined ? undefined : xScale.getPixelForValue(value));
        const py = (value: number | undefined) => (value === undefined ? undefined : yScale.getPixelForValue(value));
        // Faint min–max first, thin and without caps, then ± std over it.
        ctx.globalAlpha = options.faintAlpha ?? 0.35;
        ctx.lineWidth = 1;
        const [xMin, xMax, yMin, yMax] = [px(point.xMin), px(point.xMax), py(point.yMin), py(point.yMax)];
        if (xMin !== undefined && xMax !== undefined) line(xMin, y, xMax, y);
        if (yMin !== undefined && yMax !== undefined) line(x, yMin, x, yMax);
        ctx.globalAlpha = 1;
        ctx.lineWidth = options.lineWidth ?? 2;
        const [xLow, xHigh, yLow, yHigh] = [px(point.xLow), px(point.xHigh), py(point.yLow), py(point.yHigh)];
        if (xLow !== undefined && xHigh !== undefined && Math.abs(xHigh - xLow) > 0.5) {
          line(xLow, y, xHigh, y);
          line(xLow, y - cap, xLow, y + cap);
          line(xHigh, y - cap, xHigh, y + cap);
        }
        if (yLow !== undefined && yHigh !== undefined && Math.abs(yHigh - yLow) > 0.5) {
          line(x, yLow, x, yHigh);
          line(x - cap, yLow, x + cap, yLow);
          line(x - cap, yHigh, x + cap, yHigh);
        }
      });
    });
    ctx.restore();
  },
};
