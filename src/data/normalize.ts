/**
 * Per-column scaling of the inputs, in place. Statistics come from all samples (the split into
 * training and validation happens later, in the engine).
 */
import type { NormalizeMode } from '../core/spec';

/** What was applied to each column: x' = (x − shift) / scale. */
export interface ColumnScaling {
  readonly shift: Float64Array;
  readonly scale: Float64Array;
}

/**
 * standard: zero mean, unit (population) variance; minmax: [0, 1]; none: unchanged. Constant
 * columns get scale 1 so they become 0 rather than NaN.
 * @param inputs count × width, row-major.
 */
export function normalizeColumns(inputs: Float64Array, count: number, width: number, mode: NormalizeMode): ColumnScaling {
  const shift = new Float64Array(width);
  const scale = new Float64Array(width).fill(1);
  if (mode === 'none' || count === 0) return { shift, scale };
  for (let column = 0; column < width; column++) {
    if (mode === 'standard') {
      let sum = 0;
      for (let row = 0; row < count; row++) sum += inputs[row * width + column];
      const mean = sum / count;
      let squares = 0;
      for (let row = 0; row < count; row++) squares += (inputs[row * width + column] - mean) ** 2;
      const deviation = Math.sqrt(squares / count);
      shift[column] = mean;
      scale[column] = deviation > 0 ? deviation : 1;
    } else {
      let low = Infinity;
      let high = -Infinity;
      for (let row = 0; row < count; row++) {
        const value = inputs[row * width + column];
        if (value < low) low = value;
        if (value > high) high = value;
      }
      shift[column] = low;
      scale[column] = high > low ? high - low : 1;
    }
    for (let row = 0; row < count; row++) {
      const index = row * width + column;
      inputs[index] = (inputs[index] - shift[column]) / scale[column];
    }
  }
  return { shift, scale };
}

/**
 * Scaling over all values together, for images: per-pixel statistics would stretch the nearly
 * constant border pixels and distort the picture, so every pixel shares one shift and scale.
 */
export function normalizeGlobally(inputs: Float64Array, mode: NormalizeMode): { shift: number; scale: number } {
  if (mode === 'none' || inputs.length === 0) return { shift: 0, scale: 1 };
  let shift: number;
  let scale: number;
  if (mode === 'standard') {
    let sum = 0;
    for (const value of inputs) sum += value;
    shift = sum / inputs.length;
    let squares = 0;
    for (const value of inputs) squares += (value - shift) ** 2;
    scale = Math.sqrt(squares / inputs.length) || 1;
  } else {
    let low = Infinity;
    let high = -Infinity;
    for (const value of inputs) {
      if (value < low) low = value;
      if (value > high) high = value;
    }
    shift = low;
    scale = high > low ? high - low : 1;
  }
  for (let i = 0; i < inputs.length; i++) inputs[i] = (inputs[i] - shift) / scale;
  return { shift, scale };
}
