// Unpacked path for small products (m·n·k ≤ SMALL_MNK, see blocking.ts), which cannot amortize
// the packing passes.
import { PACK_B } from '../memory';

/**
 * C[m×n] = A'·B (+ bias) without packing, for products too small to amortize it: one row of C at a
 * time, 16 / 4 columns per register block, scalar tail. B is k×n row-major (ldb = n); A' is A
 * (m×k, transA = 0) or Aᵀ (A k×m, transA = 1).
 */
export function gemmDirect(transA: i32, m: i32, n: i32, k: i32, a: usize, b: usize, c: usize, bias: usize): void {
  const ldb = <usize>n << 2;
  // Step between consecutive k of one row of A', and between rows of A'.
  const aStepK: usize = transA != 0 ? <usize>m << 2 : 4;
  const aStepI: usize = transA != 0 ? 4 : <usize>k << 2;
  const n16 = n & ~15, n4 = n & ~3;
  let arow = a;
  let crow = c;
  for (let i = 0; i < m; i++) {
    let j = 0;
    for (; j < n16; j += 16) {
      const jo = <usize>j << 2;
      let c0 = f32x4.splat(0), c1 = f32x4.splat(0), c2 = f32x4.splat(0), c3 = f32x4.splat(0);
      if (bias != 0) {
        c0 = v128.load(bias + jo); c1 = v128.load(bias + jo, 16); c2 = v128.load(bias + jo, 32); c3 = v128.load(bias + jo, 48);
      }
      let ap = arow, bp = b + jo;
      for (let p = 0; p < k; p++) {
        const x = v128.load32_splat(ap);
        c0 = f32x4.add(c0, f32x4.mul(x, v128.load(bp)));
        c1 = f32x4.add(c1, f32x4.mul(x, v128.load(bp, 16)));
        c2 = f32x4.add(c2, f32x4.mul(x, v128.load(bp, 32)));
        c3 = f32x4.add(c3, f32x4.mul(x, v128.load(bp, 48)));
        ap += aStepK;
        bp += ldb;
      }
      v128.store(crow + jo, c0); v128.store(crow + jo, c1, 16); v128.store(crow + jo, c2, 32); v128.store(crow + jo, c3, 48);
    }
    for (; j < n4; j += 4) {
      const jo = <usize>j << 2;
      let c0 = bias != 0 ? v128.load(bias + jo) : f32x4.splat(0);
      let ap = arow, bp = b + jo;
      for (let p = 0; p < k; p++) {
        c0 = f32x4.add(c0, f32x4.mul(v128.load32_splat(ap), v128.load(bp)));
        ap += aStepK;
        bp += ldb;
      }
      v128.store(crow + jo, c0);
    }
    if (j < n) {
      // The last 1–3 columns together (independent sums hide the add latency); a missing column
      // repeats the last one, so nothing past B's end is read, and is not stored.
      const o0 = <usize>j << 2;
      const o1 = <usize>min(j + 1, n - 1) << 2;
      const o2 = <usize>min(j + 2, n - 1) << 2;
      let s0: f32 = 0, s1: f32 = 0, s2: f32 = 0;
      if (bias != 0) { s0 = load<f32>(bias + o0); s1 = load<f32>(bias + o1); s2 = load<f32>(bias + o2); }
      let ap = arow, bp = b;
      for (let p = 0; p < k; p++) {
        const x = load<f32>(ap);
        s0 += x * load<f32>(bp + o0);
        s1 += x * load<f32>(bp + o1);
        s2 += x * load<f32>(bp + o2);
        ap += aStepK;
        bp += ldb;
      }
      store<f32>(crow + o0, s0);
      if (j + 1 < n) store<f32>(crow + o1, s1);
      if (j + 2 < n) store<f32>(crow + o2, s2);
    }
    arow += aStepI;
    crow += ldb;
  }
}

/** Small NT with few columns (the output layer): C[i][j] = A[i]·B[j] as f32x4 dot products over k. */
export function gemmDotNT(m: i32, n: i32, k: i32, a: usize, b: usize, c: usize, bias: usize): void {
  const k4 = k & ~3;
  const rowBytes = <usize>k << 2;
  let arow = a, cp = c;
  for (let i = 0; i < m; i++) {
    let brow = b;
    for (let j = 0; j < n; j++) {
      let acc = f32x4.splat(0);
      let p = 0;
      for (; p < k4; p += 4) {
        const o = <usize>p << 2;
        acc = f32x4.add(acc, f32x4.mul(v128.load(arow + o), v128.load(brow + o)));
      }
      let s: f32 = (f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1)) + (f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3));
      for (; p < k; p++) s += load<f32>(arow + (<usize>p << 2)) * load<f32>(brow + (<usize>p << 2));
      if (bias != 0) s += load<f32>(bias + (<usize>j << 2));
      store<f32>(cp, s);
      cp += 4;
      brow += rowBytes;
    }
    arow += rowBytes;
  }
}

/** Bᵀ of B[n×k] into PACK_B as k×n row-major, for the unpacked NT path (n·k ≤ KC·NC). */
export function transposeToScratch(n: i32, k: i32, b: usize): usize {
  const ldt = <usize>n << 2;
  for (let j = 0; j < n; j++) {
    const src = b + (<usize>(j * k) << 2);
    let dst = PACK_B + (<usize>j << 2);
    for (let p = 0; p < k; p++) {
      store<f32>(dst, load<f32>(src + (<usize>p << 2)));
      dst += ldt;
    }
  }
  return PACK_B;
}
