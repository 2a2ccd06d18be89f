/**
 * Special functions the activations and their derivatives need, accurate to a few ulps in float64
 * so gradient checks at 1e-6 and PyTorch agreement at 1e-9 are limited by the method, not by these
 * helpers. Shared by the engine's batched kernels and the per-element derivatives of
 * activationDerivatives.ts.
 */

const TWO_OVER_SQRT_PI = 1.1283791670955126;
const ONE_OVER_SQRT_PI = 0.5641895835477563;

/**
 * The error function erf(x) = 2/√π ∫₀ˣ e^{−t²} dt.
 * |x| < 3: the all-positive series erf(x) = 2/√π · x e^{−x²} Σₙ (2x²)ⁿ / (1·3·…·(2n+1)), which
 * never cancels. |x| ≥ 3: 1 − erfc(x) with erfc from its continued fraction.
 */
export function erf(x: number): number {
  const ax = x < 0 ? -x : x;
  if (ax < 3) {
    const x2 = ax * ax;
    const twoX2 = 2 * x2;
    let term = 1;
    let sum = 1;
    for (let n = 1; n < 200; n++) {
      term *= twoX2 / (2 * n + 1);
      sum += term;
      if (term < sum * 1e-17) break;
    }
    const value = TWO_OVER_SQRT_PI * ax * Math.exp(-x2) * sum;
    return x < 0 ? -value : value;
  }
  if (!(ax < Infinity)) return Number.isNaN(x) ? x : x < 0 ? -1 : 1;
  const value = 1 - erfcLarge(ax);
  return x < 0 ? -value : value;
}

/** erfc(x) for x ≥ 3: e^{−x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), evaluated backwards. */
function erfcLarge(x: number): number {
  let tail = x;
  for (let n = 60; n >= 1; n--) tail = x + (n / 2) / tail;
  return (Math.exp(-x * x) * ONE_OVER_SQRT_PI) / tail;
}

/** The logistic function, without overflow for large |x|. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}
