// f32x4 ↔ two f64x2: the reductions and the optimizer updates compute in f64 (lanes 0, 1 widen
// with f64x2.promote_low_f32x4 itself).

/** Upper half (lanes 2, 3) of an f32x4 widened to f64x2. */
@inline export function promoteHigh(v: v128): v128 {
  return f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 2, 3));
}

/** Two f64x2 halves back into one f32x4, each lane rounded once. */
@inline export function demote(lo: v128, hi: v128): v128 {
  return v128.shuffle<f32>(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 1, 4, 5);
}
