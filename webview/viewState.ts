/**
 * What the user chose to look at, persisted through `vscode.setState` so a reload (or VS Code
 * restoring the panel) shows the same view: selected sample, heatmap scale mode, which quantities
 * are shown and which layer cards are collapsed. Snapshots are deliberately not persisted: after
 * a re-creation the panel draws only what the host re-sends.
 */
import { LIMITS } from '../src/core/limits';
import type { QuantityName } from '../src/core/snapshot';

/** Quantities the user can toggle; each maps to the tensors it needs in `requiredQuantities`. */
export const VIEW_QUANTITIES = ['activations', 'delta', 'weightGradient', 'weights', 'update', 'equations'] as const;
export type ViewQuantity = (typeof VIEW_QUANTITIES)[number];

/** How heatmap colour ranges are chosen: each heatmap on its own, one range per quantity across layers, or ±fixed. */
export const SCALE_MODES = ['card', 'shared', 'fixed'] as const;
export type ScaleMode = (typeof SCALE_MODES)[number];

export interface ViewState {
  /** Batch row the user picked, re-sent with `selectSample` when the panel is re-created. */
  readonly sampleIndex?: number;
  readonly scaleMode: ScaleMode;
  /** Half-range ±m of diverging maps (and top of sequential ones) in 'fixed' mode; finite, > 0. */
  readonly fixedScale: number;
  readonly quantities: Readonly<Record<ViewQuantity, boolean>>;
  /** 1-based indices of collapsed layer cards. */
  readonly collapsedLayers: readonly number[];
  /** The input-space section (decision boundary, first-layer images) is expanded. */
  readonly inputSpace: boolean;
  /** The model file the panel shows; the host's WebviewPanelSerializer reads it to restore the panel. */
  readonly modelUri?: string;
}

export const DEFAULT_VIEW_STATE: ViewState = {
  scaleMode: 'card',
  fixedScale: 0.05,
  quantities: { activations: true, delta: true, weightGradient: true, weights: false, update: false, equations: false },
  collapsedLayers: [],
  inputSpace: true,
};

/** The tensors the worker must copy for these toggles (setView.quantities), in protocol order. */
export function requiredQuantities(quantities: ViewState['quantities']): QuantityName[] {
  const needed = new Set<QuantityName>();
  if (quantities.activations) needed.add('a');
  if (quantities.delta) needed.add('delta');
  // The update −η·∂L/∂W is computed here from ∂L/∂W and η, and the histogram is of ∂L/∂W too.
  if (quantities.weightGradient || quantities.update) needed.add('dW');
  if (quantities.weightGradient) needed.add('db');
  if (quantities.weights) needed.add('W');
  // The equations (and the walk-through) show every term of the forward and backward pass.
  if (quantities.equations) for (const name of ['z', 'a', 'delta', 'dW', 'db', 'W', 'b'] as const) needed.add(name);
  const order: readonly QuantityName[] = ['z', 'a', 'delta', 'dW', 'db', 'W', 'b'];
  return order.filter((name) => needed.has(name));
}

/** A stored state checked field by field; anything missing or malformed falls back to the default. */
export function parseViewState(stored: unknown): ViewState {
  if (typeof stored !== 'object' || stored === null) return DEFAULT_VIEW_STATE;
  const value = stored as Record<string, unknown>;
  const quantities = { ...DEFAULT_VIEW_STATE.quantities };
  if (typeof value.quantities === 'object' && value.quantities !== null) {
    for (const name of VIEW_QUANTITIES) {
      const flag = (value.quantities as Record<string, unknown>)[name];
      if (typeof flag === 'boolean') quantities[name] = flag;
    }
  }
  const isLayer = (index: unknown): index is number => Number.isInteger(index) && (index as number) >= 1 && (index as number) <= LIMITS.maxLayers;
  const sample = value.sampleIndex;
  return {
    sampleIndex: Number.isInteger(sample) && (sample as number) >= 0 && (sample as number) < LIMITS.maxBatchSize ? sample as number : undefined,
    scaleMode: SCALE_MODES.includes(value.scaleMode as ScaleMode) ? value.scaleMode as ScaleMode : DEFAULT_VIEW_STATE.scaleMode,
    fixedScale: typeof value.fixedScale === 'number' && Number.isFinite(value.fixedScale) && value.fixedScale > 0 ? value.fixedScale : DEFAULT_VIEW_STATE.fixedScale,
    quantities,
    collapsedLayers: Array.isArray(value.collapsedLayers) ? [...new Set(value.collapsedLayers.filter(isLayer))] : [],
    inputSpace: typeof value.inputSpace === 'boolean' ? value.inputSpace : DEFAULT_VIEW_STATE.inputSpace,
    modelUri: typeof value.modelUri === 'string' ? value.modelUri : undefined,
  };
}
