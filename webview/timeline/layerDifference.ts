/**
 * The change of one layer between the run before an edit and the run after it, at the same step:
 * after − before for every tensor both snapshots carry with the same shape. A layer whose shape
 * changed has no element-wise difference, and says so. Pure (no DOM).
 */
import type { LayerSnapshot } from '../../src/protocol/panelMessages';
import type { QuantityName } from '../../src/core/snapshot';

/** Quantities compared, in the order the comparison cards show them (batch tensors as whole grids). */
const COMPARED_QUANTITIES: readonly QuantityName[] = ['dW', 'db', 'a', 'delta', 'W'];

export interface QuantityDifference {
  readonly quantity: QuantityName;
  readonly rows: number;
  readonly cols: number;
  /** after − before, row-major rows × cols. */
  readonly values: Float32Array;
  /** max |after − before|; NaN if either run had a non-finite value there. */
  readonly maxAbs: number;
}

export interface LayerDifference {
  /** 1-based layer index l (of the run after the edit). */
  readonly index: number;
  /** Why there is no element-wise difference (the layer's shape changed, or is new), else undefined. */
  readonly shapeNote?: string;
  readonly quantities: readonly QuantityDifference[];
  readonly gradientNorm: { readonly before?: number; readonly after: number };
}

/**
 * `sameRows`: whether both snapshots' a and Δ hold the same batch rows (a large batch is carried as
 * a window around the selected sample, which may differ); if not, they are not compared.
 */
export function layerDifference(after: LayerSnapshot, before: LayerSnapshot | undefined, sameRows = true): LayerDifference {
  const gradientNorm = { before: before?.stats.gradientNorm, after: after.stats.gradientNorm };
  if (before === undefined) return { index: after.index, shapeNote: `layer ${after.index} did not exist before the edit`, quantities: [], gradientNorm };
  if (before.units !== after.units || before.inputs !== after.inputs) {
    return {
      index: after.index, quantities: [], gradientNorm,
      shapeNote: `shape changed: ${before.inputs} → ${before.units} before the edit, ${after.inputs} → ${after.units} after; no element-wise difference`,
    };
  }
  const quantities: QuantityDifference[] = [];
  for (const quantity of COMPARED_QUANTITIES) {
    if (!sameRows && (quantity === 'a' || quantity === 'delta')) continue;
    const a = after.tensors[quantity];
    const b = before.tensors[quantity];
    if (a === undefined || b === undefined || a.data.length !== b.data.length || a.shape.join() !== b.shape.join()) continue;
    const values = new Float32Array(a.data.length);
    let maxAbs = 0;
    for (let i = 0; i < values.length; i++) {
      const change = a.data[i] - b.data[i];
      values[i] = change;
      // NaN compares false: record it explicitly so a diverged run never reads as "no change".
      if (Number.isNaN(change)) maxAbs = Number.NaN;
      else if (Math.abs(change) > maxAbs) maxAbs = Math.abs(change);
    }
    const [rows, cols] = a.shape.length === 1 ? [1, a.shape[0]] : [a.shape[0], a.shape[1]];
    quantities.push({ quantity, rows, cols, values, maxAbs });
  }
  return { index: after.index, quantities, gradientNorm };
}
