// Reductions for the per-layer statistics.
//
// Every f32 is widened to f64 before it is summed (f32x4 → two f64x2), so the sums carry f64
// round-off only, like the JavaScript reference; only the summation order differs (several lanes
// and chains instead of one running sum). NaN and ±Inf reach every sum, so "all sums finite"
// still proves "all values finite". min/max use pmin/pmax with the accumulator first
// (pmin(acc, v) = v < acc ? v : acc), which is exactly the reference's `if (v < min) min = v`:
// a NaN value never replaces the running extreme.
import { MOMENTS } from './memory';
import { promoteHigh } from './widening';

/** The least lane of `v` by `<`, lanes in order (a NaN lane never wins). */
@inline function lowest(v: v128): f32 {
  let m = f32x4.extract_lane(v, 0);
  const l1 = f32x4.extract_lane(v, 1), l2 = f32x4.extract_lane(v, 2), l3 = f32x4.extract_lane(v, 3);
  if (l1 < m) m = l1;
  if (l2 < m) m = l2;
  if (l3 < m) m = l3;
  return m;
}

/** The greatest lane of `v` by `>`, lanes in order (a NaN lane never wins). */
@inline function highest(v: v128): f32 {
  let m = f32x4.extract_lane(v, 0);
  const l1 = f32x4.extract_lane(v, 1), l2 = f32x4.extract_lane(v, 2), l3 = f32x4.extract_lane(v, 3);
  if (l1 > m) m = l1;
  if (l2 > m) m = l2;
  if (l3 > m) m = l3;
  return m;
}

/**
 * Writes [Σv, Σ(v − v₀)², Σv², min, max] of the `count` f32 values at `p` to MOMENTS (f64).
 * The shift v₀ = the first value keeps the variance accurate when |mean| ≫ std. count = 0 writes
 * [0, 0, 0, +Inf, −Inf].
 */
export function moments(p: usize, count: i32): void {
  const shift: f64 = count > 0 ? <f64>load<f32>(p) : 0;
  const s2 = f64x2.splat(shift);
  // Two chains per sum: a first version with four (12 f64x2 accumulators + min/max) ran 2–4×
  // slower under V8 on x86-64, presumably spilling its 16 vector registers.
  let sum0 = f64x2.splat(0), sum1 = f64x2.splat(0);
  let dev0 = f64x2.splat(0), dev1 = f64x2.splat(0);
  let sq0 = f64x2.splat(0), sq1 = f64x2.splat(0);
  let lo = f32x4.splat(Infinity), hi = f32x4.splat(-Infinity);
  let i = 0;
  const n8 = count & ~7;
  for (; i < n8; i += 8) {
    let x = v128.load(p);
    lo = f32x4.pmin(lo, x);
    hi = f32x4.pmax(hi, x);
    let a = f64x2.promote_low_f32x4(x), b = promoteHigh(x);
    sum0 = f64x2.add(sum0, a);
    sum1 = f64x2.add(sum1, b);
    sq0 = f64x2.add(sq0, f64x2.mul(a, a));
    sq1 = f64x2.add(sq1, f64x2.mul(b, b));
    a = f64x2.sub(a, s2); b = f64x2.sub(b, s2);
    dev0 = f64x2.add(dev0, f64x2.mul(a, a));
    dev1 = f64x2.add(dev1, f64x2.mul(b, b));
    x = v128.load(p, 16);
    lo = f32x4.pmin(lo, x);
    hi = f32x4.pmax(hi, x);
    a = f64x2.promote_low_f32x4(x); b = promoteHigh(x);
    sum0 = f64x2.add(sum0, a);
    sum1 = f64x2.add(sum1, b);
    sq0 = f64x2.add(sq0, f64x2.mul(a, a));
    sq1 = f64x2.add(sq1, f64x2.mul(b, b));
    a = f64x2.sub(a, s2); b = f64x2.sub(b, s2);
    dev0 = f64x2.add(dev0, f64x2.mul(a, a));
    dev1 = f64x2.add(dev1, f64x2.mul(b, b));
    p += 32;
  }
  const sum = f64x2.add(sum0, sum1);
  const dev = f64x2.add(dev0, dev1);
  const sq = f64x2.add(sq0, sq1);
  let s = f64x2.extract_lane(sum, 0) + f64x2.extract_lane(sum, 1);
  let e = f64x2.extract_lane(dev, 0) + f64x2.extract_lane(dev, 1);
  let q = f64x2.extract_lane(sq, 0) + f64x2.extract_lane(sq, 1);
  let mn = lowest(lo), mx = highest(hi);
  for (; i < count; i++) {
    const v = load<f32>(p);
    const w = <f64>v;
    const dw = w - shift;
    s += w;
    e += dw * dw;
    q += w * w;
    if (v < mn) mn = v;
    if (v > mx) mx = v;
    p += 4;
  }
  store<f64>(MOMENTS, s);
  store<f64>(MOMENTS, e, 8);
  store<f64>(MOMENTS, q, 16);
  store<f64>(MOMENTS, <f64>mn, 24);
  store<f64>(MOMENTS, <f64>mx, 32);
}

/** Σv² over `count` f32 values, each square in f64 (the norm of W, where no summary is needed). */
export function sumOfSquares(p: usize, count: i32): f64 {
  let acc0 = f64x2.splat(0), acc1 = f64x2.splat(0), acc2 = f64x2.splat(0), acc3 = f64x2.splat(0);
  let i = 0;
  const n8 = count & ~7;
  for (; i < n8; i += 8) {
    const x = v128.load(p), y = v128.load(p, 16);
    const a = f64x2.promote_low_f32x4(x), b = promoteHigh(x);
    const c = f64x2.promote_low_f32x4(y), d = promoteHigh(y);
    acc0 = f64x2.add(acc0, f64x2.mul(a, a));
    acc1 = f64x2.add(acc1, f64x2.mul(b, b));
    acc2 = f64x2.add(acc2, f64x2.mul(c, c));
    acc3 = f64x2.add(acc3, f64x2.mul(d, d));
    p += 32;
  }
  const acc = f64x2.add(f64x2.add(acc0, acc1), f64x2.add(acc2, acc3));
  let s = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  for (; i < count; i++) {
    const v = <f64>load<f32>(p);
    s += v * v;
    p += 4;
  }
  return s;
}
