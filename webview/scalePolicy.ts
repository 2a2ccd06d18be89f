/**
 * The heatmap scale modes: every heatmap on its own range ('card'), one range per kind of figure
 * across all layers ('shared', so ∂L/∂W⁽¹⁾ and ∂L/∂W⁽³⁾ compare by colour), or a range the user
 * typed ('fixed', so colours compare across steps).
 */
import type { ColormapName } from './colormaps';
import { scaleFor, type ColorScale } from './scale';
import type { ScaleMode } from './viewState';

/** One heatmap about to be drawn: its kind (e.g. 'dW'), values and colormap. */
export interface PreparedFigure {
  readonly id: string;
  readonly values: Float32Array;
  readonly rows: number;
  readonly cols: number;
  readonly colormap: ColormapName;
}

/** The scale each figure is drawn on, or undefined for "its own range". */
export type ScaleLookup = (figure: PreparedFigure) => ColorScale | undefined;

export function resolveScales(mode: ScaleMode, fixed: number, figures: readonly PreparedFigure[]): ScaleLookup {
  if (mode === 'card') return () => undefined;
  if (mode === 'fixed') {
    return ({ colormap }) => (colormap === 'diverging' ? { colormap, min: -fixed, max: fixed } : { colormap, min: 0, max: fixed });
  }
  // Pool the finite values' extremes per kind first, and only then make a scale of them: pooling
  // finished scales would let an all-zero layer's placeholder range ±1 swamp real gradients.
  const pooled = new Map<string, { colormap: ColormapName; min: number; max: number }>();
  for (const figure of figures) {
    const [min, max] = finiteExtremes(figure.values);
    const seen = pooled.get(figure.id);
    pooled.set(figure.id, { colormap: figure.colormap, min: Math.min(seen?.min ?? Infinity, min), max: Math.max(seen?.max ?? -Infinity, max) });
  }
  const shared = new Map<string, ColorScale>();
  for (const [id, { colormap, min, max }] of pooled) {
    shared.set(id, Number.isFinite(min) ? scaleFor(Float32Array.of(min, max), colormap) : scaleFor(new Float32Array(1), colormap));
  }
  return (figure) => shared.get(figure.id);
}

function finiteExtremes(values: Float32Array): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < min && v > -Infinity) min = v;
    if (v > max && v < Infinity) max = v;
  }
  return [min, max];
}
