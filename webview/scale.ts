/**
 * How values map onto a colormap's 256 entries. Signed data uses the diverging map on a range
 * symmetric around zero, so zero is always the neutral middle and equal magnitudes get equally
 * strong colours whatever the data's own min and max are.
 */
import { DIVERGING_HALF_STEPS, DIVERGING_ZERO_INDEX, type ColormapName } from './colormaps';

export interface ColorScale {
  readonly colormap: ColormapName;
  /** Value drawn with entry 0 (sequential) or the negative end (diverging: −max). */
  readonly min: number;
  readonly max: number;
}

/** 'auto' picks sequential when no finite value is negative (e.g. ReLU activations). */
export type ColormapChoice = ColormapName | 'auto';

/** The scale of `values`, ignoring NaN/±Inf (those are drawn in their own colour). */
export function scaleFor(values: Float32Array, choice: ColormapChoice): ColorScale {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  // NaN never wins a comparison; ±Inf would, so drop them and rescan only in that rare case.
  if (!Number.isFinite(min) || !Number.isFinite(max)) [min, max] = finiteRange(values);
  const colormap: ColormapName = choice === 'auto' ? (min >= 0 ? 'sequential' : 'diverging') : choice;
  if (colormap === 'diverging') {
    const magnitude = Math.max(Math.abs(min), Math.abs(max));
    // An all-zero tensor (e.g. a dead layer's gradient) still draws as neutral, not as NaN.
    const half = magnitude > 0 ? magnitude : 1;
    return { colormap, min: -half, max: half };
  }
  return { colormap, min, max: max > min ? max : min + 1 };
}

function finiteRange(values: Float32Array): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return Number.isFinite(min) ? [min, max] : [0, 0];
}

/** LUT index of a finite value under a scale. */
export function lutIndex(value: number, scale: ColorScale): number {
  if (scale.colormap === 'diverging') {
    // Round the magnitude, not the signed value: Math.round(−63.5) is −63 but Math.round(63.5) is
    // 64, which would draw +x and −x at different strengths.
    const steps = Math.min(DIVERGING_HALF_STEPS, Math.round((Math.abs(value) / scale.max) * DIVERGING_HALF_STEPS));
    return value < 0 ? DIVERGING_ZERO_INDEX - steps : DIVERGING_ZERO_INDEX + steps;
  }
  const index = Math.round(((value - scale.min) / (scale.max - scale.min)) * 255);
  return Math.max(0, Math.min(255, index));
}
