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
