/**
 * The notation of docs/notation.md as plain strings (no vscode): superscript layer indices,
 * shapes and numbers, shared by the hover and the inlay hints.
 */
import type { ActivationName } from '../../core/spec';

const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** 12 → "⁽¹²⁾", the layer index as written after W, b, z, a, δ. */
export function sup(layer: number): string {
  return `⁽${String(layer).replace(/\d/g, (digit) => SUPERSCRIPT_DIGITS[Number(digit)])}⁾`;
}

/** A width that may still be unknown (n₀ of a CSV model before its file loads). */
export type Width = number | undefined;

/** 16 → "16"; unknown → "n₀" (only the input width can be unknown). */
export function width(value: Width): string {
  return value === undefined ? 'n₀' : String(value);
}

/** [16, 2] → "16×2". */
export function dims(...values: Width[]): string {
  return values.map(width).join('×');
}

/** Figures of a live run: three significant digits, exponent form for very small or large values. */
export function figure(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+∞' : '−∞';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  return magnitude < 1e-3 || magnitude >= 1e5 ? value.toExponential(2) : String(Number(value.toPrecision(3)));
}

/** 0.125 → "12.5 %". */
export function percent(fraction: number): string {
  return `${Number((fraction * 100).toPrecision(3))} %`;
}

/** f′ of each activation, as the δ recursion multiplies it in (softmax's Jacobian is not diagonal). */
export const DERIVATIVES: Record<ActivationName, string> = {
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
