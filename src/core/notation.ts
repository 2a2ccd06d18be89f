/**
 * The notation of docs/notation.md as plain strings, written with Unicode superscripts so they need
 * no math renderer, for the hover, the inlay hints and the panel alike: `W⁽²⁾ ∈ ℝ^{16×16}`,
 * `δ⁽²⁾ ∈ ℝ¹⁶`, `∂L/∂W⁽²⁾[3,7]`.
 */
import type { ActivationName } from './spec';

const SUPERSCRIPT_DIGITS = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

/** Non-negative integer as superscript digits: 16 → ¹⁶. */
export function superscript(value: number): string {
  return String(value).replace(/[0-9]/g, (digit) => SUPERSCRIPT_DIGITS[Number(digit)]);
}

/** The layer tag of a symbol, as written after W, b, z, a, δ: 2 → ⁽²⁾. */
export function layerTag(layer: number): string {
  return `⁽${superscript(layer)}⁾`;
}


/** Indices in brackets, 0-based like the tensors they index: [3,7]. */
export function indexLabel(indices: readonly number[]): string {
  return `[${indices.join(',')}]`;
}

/** A width that may still be unknown (n₀ of a CSV model before its file loads). */
export type Width = number | undefined;

/** 16 → "16"; unknown → "n₀" (only the input width can be unknown). */
export function width(value: Width): string {
  return value === undefined ? 'n₀' : String(value);
}

/** [16, 2] → "16×2", with n₀ for an unknown width. */
export function dims(...values: Width[]): string {
  return values.map(width).join('×');
}

/**
 * ℝ¹⁶ for a vector, ℝ^{32×16} for a matrix (no Unicode superscript ×, so braces as in TeX), and
 * ℝ^{n₀} while the input width is unknown.
 */
export function realSpace(shape: readonly Width[]): string {
  const [only] = shape;
  return shape.length === 1 && only !== undefined ? `ℝ${superscript(only)}` : `ℝ^{${dims(...shape)}}`;
}

/** f′ of each activation, as the δ recursion multiplies it in (softmax's Jacobian is not diagonal). */
export const DERIVATIVES: Readonly<Record<ActivationName, string>> = {
  linear: 'f′(z) = 1',
  sigmoid: 'σ′(z) = σ(z)(1 − σ(z)) ≤ 1/4',
  tanh: 'tanh′(z) = 1 − tanh²(z)',
  relu: 'relu′(z) = 1 if z > 0, else 0',
  leaky_relu: 'f′(z) = 1 if z > 0, else negativeSlope',
  elu: 'f′(z) = 1 if z > 0, else α·eᶻ',
  gelu: 'gelu′(z) = Φ(z) + z·φ(z)',
  softplus: 'softplus′(z) = σ(βz)',
  softmax: '∂o_j/∂z_k = o_j(δ_jk − o_k), a full Jacobian',
};
