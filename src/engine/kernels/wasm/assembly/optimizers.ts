// Optimizer updates.
//
// Every value is computed in f64 with the same operations in the same order as the TypeScript
// reference (jsKernels.ts) and rounded to f32 once, when stored: f64 arithmetic is exactly
// rounded and wasm never fuses a multiply-add, so both backends store the same bits. Each call
// can also return Σ(θ_new − θ_old)² (θ_new as stored), the update's size for the statistics.
import { demote, promoteHigh } from './widening';

/** Adds (new − old)² of both halves of four stored values to `acc`. */
@inline function addChange(acc: v128, stored: v128, old0: v128, old1: v128): v128 {
  const d0 = f64x2.sub(f64x2.promote_low_f32x4(stored), old0);
  const d1 = f64x2.sub(promoteHigh(stored), old1);
  return f64x2.add(acc, f64x2.add(f64x2.mul(d0, d0), f64x2.mul(d1, d1)));
}

/**
 * torch.optim.SGD (dampening 0) over θ[0, count): g ← g + λθ; with a momentum buffer (buf ≠ 0)
 * b ← g on the first step, else μ·b + g, and the direction is g + μ·b (Nesterov) or b; θ ← θ − η·direction.
 */
export function sgdUpdate(p: usize, g: usize, buf: usize, count: i32, lr: f64, momentum: f64, nesterov: bool, decay: f64, first: bool, measure: bool): f64 {
  const vlr = f64x2.splat(lr), vmu = f64x2.splat(momentum), vdecay = f64x2.splat(decay);
  let acc = f64x2.splat(0);
  let i = 0;
  const n4 = count & ~3;
  for (; i < n4; i += 4) {
    const pv = v128.load(p), gv = v128.load(g);
    const p0 = f64x2.promote_low_f32x4(pv), p1 = promoteHigh(pv);
    const g0 = f64x2.add(f64x2.promote_low_f32x4(gv), f64x2.mul(vdecay, p0));
    const g1 = f64x2.add(promoteHigh(gv), f64x2.mul(vdecay, p1));
    let d0 = g0, d1 = g1;
    if (buf != 0) {
      let b0 = g0, b1 = g1;
      if (!first) {
        const bv = v128.load(buf);
        b0 = f64x2.add(f64x2.mul(vmu, f64x2.promote_low_f32x4(bv)), g0);
        b1 = f64x2.add(f64x2.mul(vmu, promoteHigh(bv)), g1);
      }
      v128.store(buf, demote(b0, b1));
      if (nesterov) {
        d0 = f64x2.add(g0, f64x2.mul(vmu, b0));
        d1 = f64x2.add(g1, f64x2.mul(vmu, b1));
      } else {
        d0 = b0;
        d1 = b1;
      }
      buf += 16;
    }
    const stored = demote(f64x2.sub(p0, f64x2.mul(vlr, d0)), f64x2.sub(p1, f64x2.mul(vlr, d1)));
    v128.store(p, stored);
    if (measure) acc = addChange(acc, stored, p0, p1);
    p += 16;
    g += 16;
  }
  let change = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  for (; i < count; i++) {
    const old = <f64>load<f32>(p);
    const gi = <f64>load<f32>(g) + decay * old;
    let direction = gi;
    if (buf != 0) {
      const b = first ? gi : momentum * <f64>load<f32>(buf) + gi;
      store<f32>(buf, <f32>b);
      direction = nesterov ? gi + momentum * b : b;
      buf += 4;
    }
    const next = <f32>(old - lr * direction);
    store<f32>(p, next);
    if (measure) {
      const d = <f64>next - old;
      change += d * d;
    }
    p += 4;
    g += 4;
  }
  return change;
}

/**
 * torch.optim.Adam (amsgrad off) over θ[0, count), first moments at m, second at v:
 * g ← g + λθ; m ← β₁m + (1 − β₁)g; v ← β₂v + (1 − β₂)g·g; θ ← θ − (s·m)/(√v/c₂ + ε) with the
 * step size s = η/(1 − β₁ᵗ) and c₂ = √(1 − β₂ᵗ) worked out by the caller.
 */
export function adamUpdate(p: usize, g: usize, m: usize, v: usize, count: i32, stepSize: f64, correction2: f64, beta1: f64, keep1: f64, beta2: f64, keep2: f64, epsilon: f64, decay: f64, measure: bool): f64 {
  const vs = f64x2.splat(stepSize), vc2 = f64x2.splat(correction2), vb1 = f64x2.splat(beta1), vk1 = f64x2.splat(keep1);
  const vb2 = f64x2.splat(beta2), vk2 = f64x2.splat(keep2), veps = f64x2.splat(epsilon), vdecay = f64x2.splat(decay);
  let acc = f64x2.splat(0);
  let i = 0;
  const n4 = count & ~3;
  for (; i < n4; i += 4) {
    const pv = v128.load(p), gv = v128.load(g), mv = v128.load(m), vv = v128.load(v);
    const p0 = f64x2.promote_low_f32x4(pv), p1 = promoteHigh(pv);
    const g0 = f64x2.add(f64x2.promote_low_f32x4(gv), f64x2.mul(vdecay, p0));
    const g1 = f64x2.add(promoteHigh(gv), f64x2.mul(vdecay, p1));
    const m0 = f64x2.add(f64x2.mul(vb1, f64x2.promote_low_f32x4(mv)), f64x2.mul(vk1, g0));
    const m1 = f64x2.add(f64x2.mul(vb1, promoteHigh(mv)), f64x2.mul(vk1, g1));
    const v0 = f64x2.add(f64x2.mul(vb2, f64x2.promote_low_f32x4(vv)), f64x2.mul(f64x2.mul(vk2, g0), g0));
    const v1 = f64x2.add(f64x2.mul(vb2, promoteHigh(vv)), f64x2.mul(f64x2.mul(vk2, g1), g1));
    v128.store(m, demote(m0, m1));
    v128.store(v, demote(v0, v1));
    const u0 = f64x2.div(f64x2.mul(vs, m0), f64x2.add(f64x2.div(f64x2.sqrt(v0), vc2), veps));
    const u1 = f64x2.div(f64x2.mul(vs, m1), f64x2.add(f64x2.div(f64x2.sqrt(v1), vc2), veps));
    const stored = demote(f64x2.sub(p0, u0), f64x2.sub(p1, u1));
    v128.store(p, stored);
    if (measure) acc = addChange(acc, stored, p0, p1);
    p += 16;
    g += 16;
    m += 16;
    v += 16;
  }
  let change = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  for (; i < count; i++) {
    const old = <f64>load<f32>(p);
    const gi = <f64>load<f32>(g) + decay * old;
    const mi = beta1 * <f64>load<f32>(m) + keep1 * gi;
    const vi = beta2 * <f64>load<f32>(v) + keep2 * gi * gi;
    store<f32>(m, <f32>mi);
    store<f32>(v, <f32>vi);
    const next = <f32>(old - (stepSize * mi) / (Math.sqrt(vi) / correction2 + epsilon));
    store<f32>(p, next);
    if (measure) {
      const d = <f64>next - old;
      change += d * d;
    }
    p += 4;
    g += 4;
    m += 4;
    v += 4;
  }
  return change;
}
