// CSV and PNG downloads of a chart card: the CSV holds the data table's rows, the PNG the chart itself with its
// title and legend drawn in (the page shows both as HTML, which a canvas export would otherwise lose).
import type { ChartConfiguration, Chart as ChartJS, LegendItem } from "chart.js";
import { csvRecord } from "@/lib/csv";
import { Chart } from "./register";
import type { DataColumn, DataRow } from "./chart-data-table";
import type { LegendEntry } from "./chart-legend";
import { fillPattern } from "./patterns";
import type { ChartTheme } from "./use-chart-theme";

export type AnyChart = ChartJS<"bar"> | ChartJS<"scatter"> | ChartJS<"line">;

/** The data table as CSV: the same field writer as the run export, so run names cannot smuggle in a formula. */
export function toCsv(columns: DataColumn[], rows: DataRow[]): string {
  const lines = [csvRecord(columns.map((column) => column.label)), ...rows.map((row) => csvRecord(columns.map((column) => row[column.key] ?? null)))];
  return `${lines.join("\r\n")}\r\n`;
}

export function downloadUrl(url: string, filename: string) {
  const anchor = document.createElement("a");
  anchor.href = url;
  anchor.download = filename;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
}

export function downloadCsv(filename: string, columns: DataColumn[], rows: DataRow[]) {
  // The BOM makes spreadsheet programs read the file as UTF-8 (en dashes in ranges, "≥").
  const url = URL.createObjectURL(new Blob(["\uFEFF", toCsv(columns, rows)], { type: "text/csv;charset=utf-8" }));
  downloadUrl(url, filename);
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const POINT_STYLES = { circle: "circle", triangle: "triangle", diamond: "rectRot", square: "rect", cross: "crossRot", line: "line", "dashed-line": "line", bar: "rect" } as const;

function toLegendItems(entries: LegendEntry[], theme: ChartTheme): LegendItem[] {
  return entries.map((entry) => ({
    text: entry.label,
    fillStyle: entry.shape === "bar" ? fillPattern(entry.pattern ?? "solid", entry.color) : entry.color,
    strokeStyle: entry.color,
    fontColor: theme.text,
    lineWidth: entry.shape === "line" || entry.shape === "dashed-line" || entry.pattern === "outline" ? 2 : 1,
    lineDash: entry.shape === "dashed-line" ? [5, 3] : [],
    pointStyle: POINT_STYLES[entry.shape],
    hidden: entry.hidden ?? false,
  }));
}

/**
 * The chart as a PNG data URL at twice its on-screen resolution, redrawn on a detached canvas with a title and
 * the legend (the page shows both as HTML, which the on-screen canvas lacks). The on-screen chart is untouched.
 */
export function chartToPng(chart: AnyChart, title: string, legend: LegendEntry[], theme: ChartTheme): string {
  const extraHeight = 40 + 26 * Math.ceil(legend.length / 4);
  const canvas = document.createElement("canvas");
  canvas.width = chart.width;
  canvas.height = chart.height + extraHeight;
  const options = chart.config.options ?? {};
  const copy = new Chart(canvas, {
    type: (chart.config as ChartConfiguration).type,
    data: chart.config.data,
    plugins: chart.config.plugins,
    options: {
      ...options,
      responsive: false,
      maintainAspectRatio: false,
      devicePixelRatio: 2,
      animation: false,
      events: [],
      plugins: {
        ...options.plugins,
        legend: { display: true, position: "bottom", labels: { usePointStyle: true, color: theme.text, padding: 14, generateLabels: () => toLegendItems(legend, theme) } },
        title: { display: true, text: title, color: theme.text, font: { size: 16, weight: "bold" }, padding: { top: 6, bottom: 12 } },
        tooltip: { enabled: false },
      },
    },
  } as ChartConfiguration);
  const url = copy.toBase64Image("image/png", 1);
  copy.destroy();
  return url;
}
