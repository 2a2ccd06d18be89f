// Activations computed in the module: tanh and its derivative.
//
// tanh as x·P(x²)/Q(x²) on x clamped to ±7.905 (beyond, tanh rounds to within 3 ulp of ±1), a
// minimax rational approximation (the form and float coefficients Eigen uses): relative error
// below 2⁻²¹ over the whole line (tested), x itself where |x| < 4e-4. Small nets call tanh about
// a thousand times a step, and the exact scalar form (expm1) took a third of the step of a
// 2-16-16-3 network at batch 32.
const TANH_CLAMP: f32 = 7.90531110763549805;
const TANH_TINY: f32 = 0.0004;
const TA1: f32 = 4.89352455891786e-03, TA3: f32 = 6.37261928875436e-04, TA5: f32 = 1.48572235717979e-05;
const TA7: f32 = 5.12229709037114e-08, TA9: f32 = -8.60467152213735e-11, TA11: f32 = 2.00018790482477e-13;
const TA13: f32 = -2.76076847742355e-16;
const TB0: f32 = 4.89352518554385e-03, TB2: f32 = 2.26843463243900e-03, TB4: f32 = 1.18534705686654e-04;
const TB6: f32 = 1.19825839466702e-06;

@inline function tanhScalar(x: f32): f32 {
  const c = min<f32>(TANH_CLAMP, max<f32>(-TANH_CLAMP, x));
  const x2 = c * c;
  let p = TA13 * x2 + TA11;
  p = p * x2 + TA9;
  p = p * x2 + TA7;
  p = p * x2 + TA5;
  p = p * x2 + TA3;
  p = p * x2 + TA1;
  p = p * c;
  let q = TB6 * x2 + TB4;
  q = q * x2 + TB2;
  q = q * x2 + TB0;
  return abs<f32>(x) < TANH_TINY ? x : p / q;
}

/** a[i] = tanh(z[i]) over `count` f32 values (a may be z). */
export function tanh(z: usize, a: usize, count: i32): void {
  const hi = f32x4.splat(TANH_CLAMP), lo = f32x4.splat(-TANH_CLAMP), tiny = f32x4.splat(TANH_TINY);
  let i = 0;
  const n4 = count & ~3;
  for (; i < n4; i += 4) {
    const x = v128.load(z);
    const c = f32x4.min(hi, f32x4.max(lo, x));
    const x2 = f32x4.mul(c, c);
    let p = f32x4.add(f32x4.mul(f32x4.splat(TA13), x2), f32x4.splat(TA11));
    p = f32x4.add(f32x4.mul(p, x2), f32x4.splat(TA9));
    p = f32x4.add(f32x4.mul(p, x2), f32x4.splat(TA7));
    p = f32x4.add(f32x4.mul(p, x2), f32x4.splat(TA5));
    p = f32x4.add(f32x4.mul(p, x2), f32x4.splat(TA3));
    p = f32x4.add(f32x4.mul(p, x2), f32x4.splat(TA1));
    p = f32x4.mul(p, c);
    let q = f32x4.add(f32x4.mul(f32x4.splat(TB6), x2), f32x4.splat(TB4));
    q = f32x4.add(f32x4.mul(q, x2), f32x4.splat(TB2));
    q = f32x4.add(f32x4.mul(q, x2), f32x4.splat(TB0));
    v128.store(a, v128.bitselect(x, f32x4.div(p, q), f32x4.lt(f32x4.abs(x), tiny)));
    z += 16;
    a += 16;
  }
  for (; i < count; i++) {
    store<f32>(a, tanhScalar(load<f32>(z)));
    z += 4;
    a += 4;
  }
}

/** g[i] ← g[i]·(1 − a[i]²) over `count` f32 values: tanh′ from the forward output. */
export function tanhDerivative(a: usize, g: usize, count: i32): void {
  const one = f32x4.splat(1);
  let i = 0;
  const n4 = count & ~3;
  for (; i < n4; i += 4) {
    const t = v128.load(a);
    v128.store(g, f32x4.mul(v128.load(g), f32x4.sub(one, f32x4.mul(t, t))));
    a += 16;
    g += 16;
  }
  for (; i < count; i++) {
    const t = load<f32>(a);
    store<f32>(g, load<f32>(g) * (1 - t * t));
    a += 4;
    g += 4;
  }
}
