/**
 * The panel's math labels in the notation of docs/notation.md, written with Unicode
 * superscripts so they need no math renderer: `δ⁽²⁾ ∈ ℝ¹⁶, sample 5`, `∂L/∂W⁽²⁾[3,7] = −0.0142`.
 */

const SUPERSCRIPT_DIGITS = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

/** Non-negative integer as superscript digits: 16 → ¹⁶. */
export function superscript(value: number): string {
  return String(value).replace(/[0-9]/g, (digit) => SUPERSCRIPT_DIGITS[Number(digit)]);
}

/** The layer tag of a symbol: 2 → ⁽²⁾. */
export function layerTag(layer: number): string {
  return `⁽${superscript(layer)}⁾`;
}

/** ℝ¹⁶ for a vector, ℝ^{32×16} for a matrix (no Unicode superscript ×, so braces as in TeX). */
export function realSpace(shape: readonly number[]): string {
  return shape.length === 1 ? `ℝ${superscript(shape[0])}` : `ℝ^{${shape.join('×')}}`;
}

/**
 * A number as the panel prints it: 3 significant digits, a real minus sign (U+2212), and
 * exponent notation outside [1e−3, 1e3) so tiny gradients stay readable.
 */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+∞' : '−∞';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  const text = magnitude >= 1e-3 && magnitude < 1e3
    ? trimZeros(magnitude.toPrecision(3))
    : magnitude.toExponential(2).replace(/\.?0+e/, 'e').replace('e+', 'e');
  return (value < 0 ? '−' : '') + text.replace('e-', 'e−');
}

function trimZeros(fixed: string): string {
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

/** Indices in brackets, 0-based like the tensors they index: [3,7]. */
export function indexLabel(indices: readonly number[]): string {
  return `[${indices.join(',')}]`;
}
