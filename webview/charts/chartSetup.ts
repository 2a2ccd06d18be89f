/**
 * The one place chart.js is configured: only the controllers, elements, scales and plugins the
 * panel uses are registered, so esbuild drops the rest of the library from dist/webview.js.
 * Chart.js 4 needs neither eval nor a style sheet of its own (it sizes canvases through the
 * CSSOM), so it runs under the webview's CSP without 'unsafe-eval' or 'unsafe-inline'.
 */
import {
  BarController, BarElement, Chart, Legend, LinearScale, LineController, LineElement, LogarithmicScale, PointElement,
} from 'chart.js';
import { StepMarker } from './stepMarker';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Legend, StepMarker);

// Live data: no animations (they would redraw for 400 ms after every update) and no hover
// interaction state to recompute on every frame (the Tooltip plugin is not even registered).
Chart.defaults.animation = false;
Chart.defaults.events = [];
Chart.defaults.maintainAspectRatio = false;

export { Chart };
