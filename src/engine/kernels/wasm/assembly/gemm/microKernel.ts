// Micro-kernel of the packed products: a 4×8 tile of C from one packed A and one packed B panel.
import { MR, NR } from './blocking';
import { TILE } from '../memory';

/**
 * C[mr×nr] (=|+=) Apanel·Bpanel over kc steps, where the panels are packed (and zero padded) to
 * MR / NR. `accumulate` adds to C; otherwise C is overwritten, plus bias[0..nr) per row if bias≠0.
 */
export function kernel4x8(ap: usize, bp: usize, kc: i32, cp: usize, ldc: usize, mr: i32, nr: i32, accumulate: bool, bias: usize): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  let p = kc;
  while (p >= 2) {
    let b0 = v128.load(bp);
    let b1 = v128.load(bp, 16);
    let a = v128.load32_splat(ap);
    c00 = f32x4.add(c00, f32x4.mul(a, b0));
    c01 = f32x4.add(c01, f32x4.mul(a, b1));
    a = v128.load32_splat(ap, 4);
    c10 = f32x4.add(c10, f32x4.mul(a, b0));
    c11 = f32x4.add(c11, f32x4.mul(a, b1));
    a = v128.load32_splat(ap, 8);
    c20 = f32x4.add(c20, f32x4.mul(a, b0));
    c21 = f32x4.add(c21, f32x4.mul(a, b1));
    a = v128.load32_splat(ap, 12);
    c30 = f32x4.add(c30, f32x4.mul(a, b0));
    c31 = f32x4.add(c31, f32x4.mul(a, b1));
    b0 = v128.load(bp, 32);
    b1 = v128.load(bp, 48);
    a = v128.load32_splat(ap, 16);
    c00 = f32x4.add(c00, f32x4.mul(a, b0));
    c01 = f32x4.add(c01, f32x4.mul(a, b1));
    a = v128.load32_splat(ap, 20);
    c10 = f32x4.add(c10, f32x4.mul(a, b0));
    c11 = f32x4.add(c11, f32x4.mul(a, b1));
    a = v128.load32_splat(ap, 24);
    c20 = f32x4.add(c20, f32x4.mul(a, b0));
    c21 = f32x4.add(c21, f32x4.mul(a, b1));
    a = v128.load32_splat(ap, 28);
    c30 = f32x4.add(c30, f32x4.mul(a, b0));
    c31 = f32x4.add(c31, f32x4.mul(a, b1));
    ap += 32;
    bp += 64;
    p -= 2;
  }
  if (p > 0) {
    const b0 = v128.load(bp);
    const b1 = v128.load(bp, 16);
    let a = v128.load32_splat(ap);
    c00 = f32x4.add(c00, f32x4.mul(a, b0));
    c01 = f32x4.add(c01, f32x4.mul(a, b1));
    a = v128.load32_splat(ap, 4);
    c10 = f32x4.add(c10, f32x4.mul(a, b0));
    c11 = f32x4.add(c11, f32x4.mul(a, b1));
    a = v128.load32_splat(ap, 8);
    c20 = f32x4.add(c20, f32x4.mul(a, b0));
    c21 = f32x4.add(c21, f32x4.mul(a, b1));
    a = v128.load32_splat(ap, 12);
    c30 = f32x4.add(c30, f32x4.mul(a, b0));
    c31 = f32x4.add(c31, f32x4.mul(a, b1));
  }
  if (mr == MR && nr == NR) {
    if (accumulate) {
      v128.store(cp, f32x4.add(v128.load(cp), c00));
      v128.store(cp, f32x4.add(v128.load(cp, 16), c01), 16);
      cp += ldc;
      v128.store(cp, f32x4.add(v128.load(cp), c10));
      v128.store(cp, f32x4.add(v128.load(cp, 16), c11), 16);
      cp += ldc;
      v128.store(cp, f32x4.add(v128.load(cp), c20));
      v128.store(cp, f32x4.add(v128.load(cp, 16), c21), 16);
      cp += ldc;
      v128.store(cp, f32x4.add(v128.load(cp), c30));
      v128.store(cp, f32x4.add(v128.load(cp, 16), c31), 16);
      return;
    }
    if (bias != 0) {
      const bias0 = v128.load(bias);
      const bias1 = v128.load(bias, 16);
      c00 = f32x4.add(c00, bias0); c01 = f32x4.add(c01, bias1);
      c10 = f32x4.add(c10, bias0); c11 = f32x4.add(c11, bias1);
      c20 = f32x4.add(c20, bias0); c21 = f32x4.add(c21, bias1);
      c30 = f32x4.add(c30, bias0); c31 = f32x4.add(c31, bias1);
    }
    v128.store(cp, c00);
    v128.store(cp, c01, 16);
    cp += ldc;
    v128.store(cp, c10);
    v128.store(cp, c11, 16);
    cp += ldc;
    v128.store(cp, c20);
    v128.store(cp, c21, 16);
    cp += ldc;
    v128.store(cp, c30);
    v128.store(cp, c31, 16);
    return;
  }
  // Edge tile: spill the accumulators, then copy the live mr×nr corner.
  v128.store(TILE, c00); v128.store(TILE, c01, 16);
  v128.store(TILE, c10, 32); v128.store(TILE, c11, 48);
  v128.store(TILE, c20, 64); v128.store(TILE, c21, 80);
  v128.store(TILE, c30, 96); v128.store(TILE, c31, 112);
  for (let i = 0; i < mr; i++) {
    const row = cp + <usize>i * ldc;
    const t = TILE + <usize>(i * NR * 4);
    for (let j = 0; j < nr; j++) {
      const o = <usize>(j << 2);
      let v = load<f32>(t + o);
      if (accumulate) v += load<f32>(row + o);
      else if (bias != 0) v += load<f32>(bias + o);
      store<f32>(row + o, v);
    }
  }
}
