/**
 * The prediction over a 2-D input plane, as TensorFlow Playground draws it: one cell per grid
 * point, coloured by predicted class with the network's certainty as opacity (classification), or
 * by value on the sequential map (regression), and the data on a second canvas on top, drawn
 * once per dataset rather than with every grid.
 */
import type { InputPointsMessage, PredictionGridMessage } from '../../src/protocol/inputSpace';
import { colormapRgb, NON_FINITE_RGB, type Rgb } from '../colormaps';
import { element } from '../dom';
import { lutIndex, type ColorScale } from '../scale';
import { classColor, cssColor, predictedClass } from './classPalette';
import { drawMarker } from './pointMarkers';

/** Edge of the plot in CSS pixels. */
const SIZE = 320;
/** Opacity of a cell at chance level and at certainty: the class stays visible even where the net is unsure. */
const MIN_ALPHA = 0.2;
const MAX_ALPHA = 0.85;

/** The value range of a regression plot: the targets' own, so points and surface share one scale. */
function targetScale(points: InputPointsMessage): ColorScale {
  let min = Infinity;
  let max = -Infinity;
  for (const value of points.targets) {
    if (!Number.isFinite(value)) continue;
    min = Math.min(min, value);
    max = Math.max(max, value);
  }
  if (!(min <= max)) [min, max] = [0, 1];
  return { colormap: 'sequential', min, max: max > min ? max : min + 1 };
}

export class PlanePlot {
  readonly element = element('div', 'input-plot-frame');
  /** The prediction grid (read by tests at data coordinates). */
  readonly prediction = element('canvas', 'input-plane');
  private readonly overlay = element('canvas', 'input-points');
  private readonly cells = document.createElement('canvas');

  constructor() {
    const ratio = window.devicePixelRatio || 1;
    for (const canvas of [this.prediction, this.overlay]) {
      canvas.width = Math.round(SIZE * ratio);
      canvas.height = Math.round(SIZE * ratio);
    }
    this.prediction.setAttribute('role', 'img');
    this.element.append(this.prediction, this.overlay);
  }

  drawPoints(points: InputPointsMessage): void {
    const context = this.overlay.getContext('2d')!;
    const { width, height } = this.overlay;
    context.clearRect(0, 0, width, height);
    const { min, max } = points.domain;
    const scale = points.task === 'regression' ? targetScale(points) : undefined;
    const ratio = width / SIZE;
    context.save();
    context.scale(ratio, ratio);
    for (let k = 0; k < points.targets.length; k++) {
      const x = ((points.inputs[2 * k] - min[0]) / (max[0] - min[0])) * SIZE;
      const y = (1 - (points.inputs[2 * k + 1] - min[1]) / (max[1] - min[1])) * SIZE;
      const target = points.targets[k];
      const fill = scale ? cssColor(colormapRgb('sequential', Number.isFinite(target) ? lutIndex(target, scale) : 0)) : cssColor(classColor(target));
      drawMarker(context, x, y, fill, points.validation[k] === 1);
    }
    context.restore();
  }

  drawGrid(grid: PredictionGridMessage, points: InputPointsMessage): void {
    const { resolution, outputWidth, outputs } = grid;
    if (this.cells.width !== resolution) {
      this.cells.width = resolution;
      this.cells.height = resolution;
    }
    const cellContext = this.cells.getContext('2d')!;
    const image = cellContext.createImageData(resolution, resolution);
    const bytes = image.data;
    const scale = points.task === 'regression' ? targetScale(points) : undefined;
    for (let j = 0; j < resolution; j++) {
      // Grid row j is the j-th value of the second input from its minimum; canvas rows run downwards.
      const rowStart = (resolution - 1 - j) * resolution;
      for (let i = 0; i < resolution; i++) {
        const base = (j * resolution + i) * outputWidth;
        let rgb: Rgb = NON_FINITE_RGB;
        let alpha = 1;
        if (Number.isFinite(outputs[base])) {
          if (scale) {
            rgb = colormapRgb('sequential', lutIndex(outputs[base], scale));
          } else {
            const { label, certainty } = predictedClass(outputs, base, outputWidth);
            rgb = classColor(label);
            alpha = MIN_ALPHA + (MAX_ALPHA - MIN_ALPHA) * certainty;
          }
        }
        const offset = 4 * (rowStart + i);
        bytes[offset] = rgb[0];
        bytes[offset + 1] = rgb[1];
        bytes[offset + 2] = rgb[2];
        bytes[offset + 3] = Math.round(alpha * 255);
      }
    }
    cellContext.putImageData(image, 0, 0);
    const context = this.prediction.getContext('2d')!;
    context.clearRect(0, 0, this.prediction.width, this.prediction.height);
    // Crisp cells: smoothing would invent a finer boundary than the grid resolves.
    context.imageSmoothingEnabled = false;
    context.drawImage(this.cells, 0, 0, this.prediction.width, this.prediction.height);
  }
}
