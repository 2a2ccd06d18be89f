/**
 * A rows × cols grid of values drawn on a canvas: one Uint32 LUT write per cell into an ImageData
 * of one pixel per cell, then a single scaled drawImage without smoothing, so cells stay crisp
 * at any zoom and a 1024 × 1024 gradient costs one pass over the data. The cell under the pointer
 * is found by arithmetic from the pointer position, not by hit-testing.
 */
import { colormapLut, DIVERGING_HALF_STEPS, DIVERGING_ZERO_INDEX, NON_FINITE_PIXEL } from './colormaps';
import { element } from './dom';
import { lutIndex, scaleFor, type ColorScale, type ColormapChoice } from './scale';
import type { Tooltip } from './tooltip';

export interface HeatmapOptions {
  readonly colormap: ColormapChoice;
  /** Width the grid may take, in CSS pixels; cells shrink (down to 1 px) to fit. */
  readonly maxWidth: number;
  /** Largest cell edge, in CSS pixels. */
  readonly maxCell: number;
  /** Height of single-row grids (vector strips), in CSS pixels. */
  readonly stripHeight: number;
  /**
   * Tallest a grid may be drawn, in CSS pixels: a batch of 8 192 rows would otherwise make a canvas
   * 100 000 px high. Taller grids are squeezed (several rows per pixel); hovering still finds the row.
   */
  readonly maxHeight: number;
  /** Tooltip text of a cell, e.g. `∂L/∂W⁽²⁾[3,7] = −0.0142`. */
  readonly describe: (row: number, col: number, value: number) => string;
}

export class Heatmap {
  readonly canvas = element('canvas', 'heatmap');
  private readonly source = document.createElement('canvas');
  private image: ImageData | undefined;
  private values: Float32Array | undefined;
  private rows = 0;
  private cols = 0;
  private currentScale: ColorScale | undefined;
  private hover: { clientX: number; clientY: number } | undefined;

  constructor(private readonly options: HeatmapOptions, private readonly tooltip: Tooltip) {
    this.canvas.addEventListener('pointermove', (event) => {
      this.hover = { clientX: event.clientX, clientY: event.clientY };
      this.showTooltip();
    });
    this.canvas.addEventListener('pointerleave', () => {
      this.hover = undefined;
      this.tooltip.hide();
    });
  }

  get scale(): ColorScale | undefined {
    return this.currentScale;
  }

  /**
   * Draws `values` (row-major rows × cols) unless they and the scale equal what is on screen.
   * `scale` overrides the grid's own range (shared or fixed scale modes). Returns whether anything was redrawn.
   */
  update(values: Float32Array, rows: number, cols: number, fixedScale?: ColorScale): boolean {
    if (values.length !== rows * cols) throw new Error(`heatmap: ${values.length} values for a ${rows}×${cols} grid`);
    const resized = rows !== this.rows || cols !== this.cols;
    const scale = fixedScale ?? scaleFor(values, this.options.colormap);
    if (!resized && this.values !== undefined && sameScale(scale, this.currentScale) && sameValues(this.values, values)) {
      // Hold the newest array (equal values): callers alternate two buffers, and must be able to
      // overwrite the one this heatmap held before.
      this.values = values;
      return false;
    }
    if (resized) this.resize(rows, cols);
    this.values = values;
    this.currentScale = scale;
    this.paint(values, scale);
    if (this.hover !== undefined) this.showTooltip();
    return true;
  }

  /** The cell at client coordinates, or undefined outside the grid. */
  cellAt(clientX: number, clientY: number): { row: number; col: number; value: number } | undefined {
    if (this.values === undefined) return undefined;
    const rect = this.canvas.getBoundingClientRect();
    const col = Math.floor(((clientX - rect.left) / rect.width) * this.cols);
    const row = Math.floor(((clientY - rect.top) / rect.height) * this.rows);
    if (row < 0 || col < 0 || row >= this.rows || col >= this.cols) return undefined;
    return { row, col, value: this.values[row * this.cols + col] };
  }

  private resize(rows: number, cols: number): void {
    this.rows = rows;
    this.cols = cols;
    this.source.width = cols;
    this.source.height = rows;
    this.image = new ImageData(cols, rows);
    const { maxWidth, maxCell, stripHeight, maxHeight } = this.options;
    const cellWidth = Math.max(1, Math.min(maxCell, Math.floor(maxWidth / cols)));
    const cssWidth = cellWidth * cols;
    const cssHeight = rows === 1 ? stripHeight : Math.min(maxHeight, cellWidth * rows);
    const ratio = window.devicePixelRatio || 1;
    this.canvas.width = Math.round(cssWidth * ratio);
    this.canvas.height = Math.round(cssHeight * ratio);
    this.canvas.style.width = `${cssWidth}px`;
    this.canvas.style.height = `${cssHeight}px`;
    this.canvas.dataset.rows = String(rows);
    this.canvas.dataset.cols = String(cols);
  }

  private paint(values: Float32Array, scale: ColorScale): void {
    const image = this.image as ImageData;
    const pixels = new Uint32Array(image.data.buffer);
    if (scale.colormap === 'diverging') paintDiverging(values, pixels, scale.max);
    else for (let i = 0, lut = colormapLut(scale.colormap); i < values.length; i++) {
      const v = values[i];
      pixels[i] = Number.isFinite(v) ? lut[lutIndex(v, scale)] : NON_FINITE_PIXEL;
    }
    const sourceContext = this.source.getContext('2d') as CanvasRenderingContext2D;
    sourceContext.putImageData(image, 0, 0);
    const context = this.canvas.getContext('2d') as CanvasRenderingContext2D;
    context.imageSmoothingEnabled = false;
    context.drawImage(this.source, 0, 0, this.canvas.width, this.canvas.height);
  }

  private showTooltip(): void {
    if (this.hover === undefined) return;
    const cell = this.cellAt(this.hover.clientX, this.hover.clientY);
    if (cell === undefined) this.tooltip.hide();
    else this.tooltip.show(this.options.describe(cell.row, cell.col, cell.value), this.hover.clientX, this.hover.clientY);
  }
}

/**
 * The diverging LUT re-indexed for the hot loop below: entry `(sign << 8) | steps` is the colour of
 * a value `steps` steps from zero (clamped to the map's end) on the side the sign bit picks.
 */
let signedDivergingLut: Uint32Array | undefined;

function signedLut(): Uint32Array {
  if (signedDivergingLut !== undefined) return signedDivergingLut;
  const lut = colormapLut('diverging');
  signedDivergingLut = new Uint32Array(512);
  for (let steps = 0; steps < 256; steps++) {
    const clamped = Math.min(steps, DIVERGING_HALF_STEPS);
    signedDivergingLut[steps] = lut[DIVERGING_ZERO_INDEX + clamped];
    signedDivergingLut[256 | steps] = lut[DIVERGING_ZERO_INDEX - clamped];
  }
  return signedDivergingLut;
}

/**
 * `lutIndex` for a diverging scale, for every cell: this loop runs once per cell of every redrawn
 * grid (200 000 for the first ∂L/∂W of a 784-256-128-10 net), so it is the renderer's hot path.
 * Same rounding as lutIndex (of the magnitude, so +x and −x get equally strong colours), but
 * without a branch on the sign: gradients are signed at random, and the mispredicted branches
 * made the loop four times slower.
 * The sign comes from the float's sign bit (so −0 is drawn as zero, like +0).
 */
function paintDiverging(values: Float32Array, pixels: Uint32Array, max: number): void {
  const lut = signedLut();
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length);
  const stepsPerUnit = DIVERGING_HALF_STEPS / max;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    // Math.round of a magnitude ≥ 0 is ⌊m + 0.5⌋; the LUT clamps anything past the map's end.
    let steps = Math.abs(v) * stepsPerUnit + 0.5;
    if (!(steps < 256)) {
      // NaN (no comparison holds) or ±Inf: their own colour; a finite value beyond the scale: the end.
      if (v - v !== 0) {
        pixels[i] = NON_FINITE_PIXEL;
        continue;
      }
      steps = 255;
    }
    pixels[i] = lut[((bits[i] >>> 23) & 256) | steps];
  }
}

function sameScale(a: ColorScale, b: ColorScale | undefined): boolean {
  return b !== undefined && a.colormap === b.colormap && a.min === b.min && a.max === b.max;
}

function sameValues(a: Float32Array, b: Float32Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  // Object.is so a NaN that stays NaN counts as unchanged (NaN !== NaN).
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !Object.is(a[i], b[i])) return false;
  return true;
}
