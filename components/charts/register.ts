// The one place Chart.js components are registered (tree-shaken: only what the charts use), with the
// defaults every chart shares and the local plugins of ./plugins.
import {
  BarController, BarElement, CategoryScale, Chart, Decimation, Filler, Legend, LineController, LineElement, LinearScale,
  LogarithmicScale, PointElement, ScatterController, Title, Tooltip,
} from "chart.js";
import annotationPlugin from "chartjs-plugin-annotation";
import { barLabels, canvasBackground, pointLabels, rangeWhiskers } from "./plugins";

Chart.register(
  CategoryScale, LinearScale, LogarithmicScale, PointElement, LineElement, BarElement, LineController, ScatterController,
  BarController, Filler, Legend, Tooltip, Title, Decimation, annotationPlugin, canvasBackground, rangeWhiskers, barLabels, pointLabels,
);

// Same type as the page; no animation, so a chart is final the moment it is drawn (screenshots, PNG export).
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
Chart.defaults.animation = false;

export { Chart };

// A page's first chart pays for compiling Chart.js's code paths and for the first Intl.NumberFormat (ICU's number
// data), about 150 ms in Chromium on this project's machine: a 2,000-point scatter took ~190 ms to build as the
// first chart and ~50 ms after one tiny chart had been built. So, once the browser is idle (a chart page's data are
// then still on their way), one tiny off-screen chart of each kind the charts use is built and thrown away.
function warmUpCharts() {
  const canvas = document.createElement("canvas");
  canvas.width = 320;
  canvas.height = 160;
  const options = { responsive: false, animation: false as const, plugins: { legend: { display: false } } };
  const scatter = new Chart(canvas, {
    type: "scatter",
    data: { datasets: [{ data: [{ x: 1, y: 1 }, { x: 8, y: 3 }] }, { data: [{ x: 2, y: 2 }, { x: 4, y: 2.5 }], showLine: true }] },
    options: { ...options, scales: { x: { type: "logarithmic" }, y: { type: "linear" } } },
  });
  scatter.destroy();
  const bar = new Chart(canvas, {
    type: "bar",
    data: { labels: ["a", "b"], datasets: [{ data: [[1, 4], [2, 16]] }, { data: [3, 8] }] },
    options: { ...options, scales: { y: { type: "logarithmic" } } },
  });
  bar.destroy();
}

if (typeof window !== "undefined") {
  // Only ever a head start: a browser that cannot draw it simply builds its first real chart cold.
  const warmUp = () => {
    try {
      warmUpCharts();
    } catch {
      // nothing to undo: both charts are off-screen and destroyed
    }
  };
  // At most 100 ms late: on a busy machine the browser may not go idle before the first chart's data arrive.
  if (typeof window.requestIdleCallback === "function") window.requestIdleCallback(warmUp, { timeout: 100 });
  else setTimeout(warmUp, 0);
}
