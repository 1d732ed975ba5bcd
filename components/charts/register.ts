// The one place Chart.js components are registered (tree-shaken: only what the charts use).
import { CategoryScale, Chart, Decimation, Filler, Legend, LineElement, LinearScale, LogarithmicScale, PointElement, Title, Tooltip } from "chart.js";

Chart.register(CategoryScale, LinearScale, LogarithmicScale, PointElement, LineElement, Filler, Legend, Tooltip, Title, Decimation);

export { Chart };
