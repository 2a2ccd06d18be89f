/**
 * The prediction over a 1-D input: the network's output as a curve over the data's range with the
 * samples as points (regression: y against x; classification: each class's output, with samples
 * at their class's 0/1 target).
 */
import { gridCellCentre, type InputPointsMessage, type PredictionGridMessage } from '../../src/protocol/inputSpace';
import { element } from '../dom';
import { classColor, cssColor } from './classPalette';
import { drawMarker } from './pointMarkers';

const WIDTH = 480;
const HEIGHT = 240;
/** Room above and below the values, as a fraction of their range. */
const MARGIN = 0.08;

/** The vertical range: targets and outputs together, so neither leaves the plot. */
export function valueRange(points: InputPointsMessage, grid: PredictionGridMessage | undefined): [number, number] {
  if (points.task !== 'regression') return [-MARGIN, 1 + MARGIN];
  let low = Infinity;
  let high = -Infinity;
  const widen = (values: Float32Array, stride: number) => {
    for (let i = 0; i < values.length; i += stride) {
      if (!Number.isFinite(values[i])) continue;
      low = Math.min(low, values[i]);
      high = Math.max(high, values[i]);
    }
  };
  widen(points.targets, 1);
  if (grid) widen(grid.outputs, grid.outputWidth);
  if (!(low <= high)) [low, high] = [-1, 1];
  const pad = high > low ? (high - low) * MARGIN : 1;
  return [low - pad, high + pad];
}

export class LinePlot {
  readonly element = element('div', 'input-plot-frame is-line');
  /** The curve and the points (read by tests at data coordinates). */
  readonly canvas = element('canvas', 'input-line');
  private range: [number, number] = [0, 1];

  constructor() {
    const ratio = window.devicePixelRatio || 1;
    this.canvas.width = Math.round(WIDTH * ratio);
    this.canvas.height = Math.round(HEIGHT * ratio);
    this.canvas.setAttribute('role', 'img');
    this.element.append(this.canvas);
  }

  /** The values at the bottom and top edges (for the axis caption and tests). */
  get verticalRange(): readonly [number, number] {
    return this.range;
  }

  /** Redraws points and curve: a few hundred segments and ≤ 2000 dots, cheap at ≤ 5 per second. */
  draw(points: InputPointsMessage, grid: PredictionGridMessage | undefined, curveColor: string): void {
    const context = this.canvas.getContext('2d')!;
    context.clearRect(0, 0, this.canvas.width, this.canvas.height);
    const ratio = this.canvas.width / WIDTH;
    context.save();
    context.scale(ratio, ratio);
    this.range = valueRange(points, grid);
    const [low, high] = this.range;
    const { min, max } = points.domain;
    const px = (x: number) => ((x - min[0]) / (max[0] - min[0])) * WIDTH;
    const py = (y: number) => (1 - (y - low) / (high - low)) * HEIGHT;
    const regression = points.task === 'regression';
    for (let k = 0; k < points.targets.length; k++) {
      const target = points.targets[k];
      // Classification: a sample of class c sits at 1 on class c's curve (binary: at its 0/1 label).
      const y = regression ? target : points.task === 'binary' ? target : 1;
      const fill = regression ? 'rgba(128, 128, 128, 0.9)' : cssColor(classColor(target));
      drawMarker(context, px(points.inputs[k]), py(y), fill, points.validation[k] === 1);
    }
    if (grid) {
      context.lineWidth = 2.5;
      context.lineJoin = 'round';
      for (let output = 0; output < grid.outputWidth; output++) {
        // One sigmoid output is P(class 1), drawn in class 1's colour.
        context.strokeStyle = regression ? curveColor : cssColor(classColor(grid.outputWidth === 1 ? 1 : output));
        context.beginPath();
        let drawing = false;
        for (let i = 0; i < grid.resolution; i++) {
          const value = grid.outputs[i * grid.outputWidth + output];
          if (!Number.isFinite(value)) {
            drawing = false;
            continue;
          }
          const x = px(gridCellCentre(grid.domain, grid.resolution, 0, i));
          if (drawing) context.lineTo(x, py(value));
          else context.moveTo(x, py(value));
          drawing = true;
        }
        context.stroke();
      }
    }
    context.restore();
  }
}
