/**
 * How every view prints a figure (the panel, the hover, the inlay hints, the editor's warnings, the
 * status bar, the command line), so one ‖∂L/∂W‖ reads the same wherever it appears.
 */

/**
 * 3 significant digits, a real minus sign (U+2212), and exponent notation outside [1e−3, 1e3) so
 * tiny gradients stay readable: −0.0142, 3e−9, 1.5e4, NaN, +∞.
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

/** A fraction as a percentage with one decimal: 0.75 → "75.0%"; NaN and ±∞ as formatValue prints them. */
export function formatPercent(fraction: number): string {
  return Number.isFinite(fraction) ? `${(fraction * 100).toFixed(1)}%` : formatValue(fraction);
}
