// Dense f32 matrix products for the engine's `Kernels` contract, WebAssembly SIMD (v128).
//
// One register-blocked micro-kernel (MR×NR = 4×8 of C, i.e. 8 f32x4 accumulators) serves all three
// shapes; what differs is how panels of A and B are packed into the k-major layout it reads:
//   packed A micro-panel: for p in 0..kc: A'[i0+0..3][p]   (4 floats per k step)
//   packed B micro-panel: for p in 0..kc: B'[p][j0+0..7]   (8 floats per k step)
// where A' / B' are the logical left / right operands (already transposed as the op requires).
// Blocking follows Goto/BLIS: NC columns of B, KC of the shared dimension (packed B panel KC×NC
// lives in L2/L3, one KC×NR micro-panel in L1), MC rows of A (packed block MC×KC in L2).
// Small products (m·n·k ≤ SMALL_MNK) skip packing altogether (gemmDirect, gemmDotNT): for the tiny
// networks the packing passes and edge tiles cost more than the arithmetic.
//
// All pointers are byte offsets into this module's exported memory; the JS wrapper (wasmKernels.ts)
// owns everything above `arenaBase()`; the packing scratch sits below it.

const MR: i32 = 4;
const NR: i32 = 8;
const KC: i32 = 256;
const MC: i32 = 128; // multiple of MR
const NC: i32 = 1024; // multiple of NR
/** Products with m·n·k up to this skip packing (gemmDirect). */
const SMALL_MNK: i32 = 16384;

const PACK_A: usize = (__heap_base + 63) & ~(<usize>63);
const PACK_B: usize = PACK_A + <usize>(MC * KC * 4);
const TILE: usize = PACK_B + <usize>(KC * NC * 4);
/** Results of `moments`: MOMENTS_LENGTH f64 values (8-byte aligned: TILE is 64-byte aligned). */
const MOMENTS: usize = TILE + <usize>(MR * NR * 4);
const MOMENTS_LENGTH: i32 = 5;
const ARENA: usize = (MOMENTS + <usize>(MOMENTS_LENGTH * 8) + 65535) & ~(<usize>65535);

/** First byte the JS side may use for matrices (64 KiB aligned, above the packing scratch). */
export function arenaBase(): usize {
  return ARENA;
}

/** Where `moments` leaves its MOMENTS_LENGTH f64 results. */
export function momentsBase(): usize {
  return MOMENTS;
}

// ---------------------------------------------------------------------------------------------
// Micro-kernel

/**
 * C[mr×nr] (=|+=) Apanel·Bpanel over kc steps, where the panels are packed (and zero padded) to
 * MR / NR. `accumulate` adds to C; otherwise C is overwritten, plus bias[0..nr) per row if bias≠0.
 */
function kernel4x8(ap: usize, bp: usize, kc: i32, cp: usize, ldc: usize, mr: i32, nr: i32, accumulate: bool, bias: usize): void {
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

// ---------------------------------------------------------------------------------------------
// Packing

/**
 * Transposes the 4×4 block whose rows are x0..x3 and stores its rows (the block's columns) at
 * dst, dst + stride, dst + 2·stride, dst + 3·stride: eight shuffles, no scalar moves. `dst` steps
 * by `stride` rather than adding 2·stride and 3·stride so that Binaryen folds every step into the
 * stores' immediate offsets (it rewrites `dst + 64` as `dst − (−64)`, which it then leaves alone).
 */
@inline function storeTransposed(x0: v128, x1: v128, x2: v128, x3: v128, dst: usize, stride: usize): void {
  const t0 = v128.shuffle<f32>(x0, x1, 0, 4, 1, 5);
  const t1 = v128.shuffle<f32>(x0, x1, 2, 6, 3, 7);
  const t2 = v128.shuffle<f32>(x2, x3, 0, 4, 1, 5);
  const t3 = v128.shuffle<f32>(x2, x3, 2, 6, 3, 7);
  v128.store(dst, v128.shuffle<f32>(t0, t2, 0, 1, 4, 5));
  dst += stride;
  v128.store(dst, v128.shuffle<f32>(t0, t2, 2, 3, 6, 7));
  dst += stride;
  v128.store(dst, v128.shuffle<f32>(t1, t3, 0, 1, 4, 5));
  dst += stride;
  v128.store(dst, v128.shuffle<f32>(t1, t3, 2, 3, 6, 7));
}

/** Packs rows i0.. of the left operand A' (mc×kc block starting at column p0) into PACK_A.
 * transA = 0: A is m×k row-major (A' = A, lda = k); 1: A is k×m (A' = Aᵀ, lda = m). */
function packA(transA: i32, a: usize, lda: i32, i0: i32, mc: i32, p0: i32, kc: i32): void {
  let dst = PACK_A;
  for (let i = 0; i < mc; i += MR) {
    const mr = min(MR, mc - i);
    if (transA != 0) {
      // A'[i][p] = A[p][i]: each k step is 4 contiguous floats.
      let src = a + ((<usize>p0 * lda + <usize>(i0 + i)) << 2);
      const stride = <usize>lda << 2;
      if (mr == MR) {
        for (let p = 0; p < kc; p++) {
          v128.store(dst, v128.load(src));
          src += stride;
          dst += 16;
        }
      } else {
        for (let p = 0; p < kc; p++) {
          for (let r = 0; r < MR; r++) store<f32>(dst + (<usize>r << 2), r < mr ? load<f32>(src + (<usize>r << 2)) : 0);
          src += stride;
          dst += 16;
        }
      }
    } else {
      // A'[i][p] = A[i][p]: 4 rows, transposed 4×4 at a time.
      const stride = <usize>lda << 2;
      const r0 = a + ((<usize>(i0 + i) * lda + <usize>p0) << 2);
      if (mr == MR) {
        const r1 = r0 + stride, r2 = r1 + stride, r3 = r2 + stride;
        let p = 0;
        for (; p + 4 <= kc; p += 4) {
          const o = <usize>p << 2;
          storeTransposed(v128.load(r0 + o), v128.load(r1 + o), v128.load(r2 + o), v128.load(r3 + o), dst, 16);
          dst += 64;
        }
        for (; p < kc; p++) {
          const o = <usize>p << 2;
          store<f32>(dst, load<f32>(r0 + o));
          store<f32>(dst, load<f32>(r1 + o), 4);
          store<f32>(dst, load<f32>(r2 + o), 8);
          store<f32>(dst, load<f32>(r3 + o), 12);
          dst += 16;
        }
      } else {
        for (let p = 0; p < kc; p++) {
          const o = <usize>p << 2;
          for (let r = 0; r < MR; r++) store<f32>(dst + (<usize>r << 2), r < mr ? load<f32>(r0 + <usize>r * stride + o) : 0);
          dst += 16;
        }
      }
    }
  }
}

/** Packs columns j0.. of the right operand B' (kc×nc block starting at row p0) into PACK_B.
 * transB = 0: B is k×n row-major (B' = B, ldb = n); 1: B is n×k (B' = Bᵀ, ldb = k). */
function packB(transB: i32, b: usize, ldb: i32, j0: i32, nc: i32, p0: i32, kc: i32): void {
  let dst = PACK_B;
  const stride = <usize>ldb << 2;
  for (let j = 0; j < nc; j += NR) {
    const nr = min(NR, nc - j);
    if (transB == 0) {
      // B'[p][j] = B[p][j]: 8 contiguous floats per k step.
      let src = b + ((<usize>p0 * ldb + <usize>(j0 + j)) << 2);
      if (nr == NR) {
        for (let p = 0; p < kc; p++) {
          v128.store(dst, v128.load(src));
          v128.store(dst, v128.load(src, 16), 16);
          src += stride;
          dst += 32;
        }
      } else {
        for (let p = 0; p < kc; p++) {
          for (let c = 0; c < NR; c++) store<f32>(dst + (<usize>c << 2), c < nr ? load<f32>(src + (<usize>c << 2)) : 0);
          src += stride;
          dst += 32;
        }
      }
    } else {
      // B'[p][j] = B[j][p]: 8 rows of B, transposed in two 4×4 blocks per 4 k steps.
      const r0 = b + ((<usize>(j0 + j) * ldb + <usize>p0) << 2);
      if (nr == NR) {
        const r1 = r0 + stride, r2 = r1 + stride, r3 = r2 + stride;
        const r4 = r3 + stride, r5 = r4 + stride, r6 = r5 + stride, r7 = r6 + stride;
        let p = 0;
        for (; p + 4 <= kc; p += 4) {
          const o = <usize>p << 2;
          storeTransposed(v128.load(r0 + o), v128.load(r1 + o), v128.load(r2 + o), v128.load(r3 + o), dst, 32);
          storeTransposed(v128.load(r4 + o), v128.load(r5 + o), v128.load(r6 + o), v128.load(r7 + o), dst + 16, 32);
          dst += 128;
        }
        for (; p < kc; p++) {
          const o = <usize>p << 2;
          store<f32>(dst, load<f32>(r0 + o));
          store<f32>(dst, load<f32>(r1 + o), 4);
          store<f32>(dst, load<f32>(r2 + o), 8);
          store<f32>(dst, load<f32>(r3 + o), 12);
          store<f32>(dst, load<f32>(r4 + o), 16);
          store<f32>(dst, load<f32>(r5 + o), 20);
          store<f32>(dst, load<f32>(r6 + o), 24);
          store<f32>(dst, load<f32>(r7 + o), 28);
          dst += 32;
        }
      } else {
        for (let p = 0; p < kc; p++) {
          const o = <usize>p << 2;
          for (let c = 0; c < NR; c++) store<f32>(dst + (<usize>c << 2), c < nr ? load<f32>(r0 + <usize>c * stride + o) : 0);
          dst += 32;
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Blocked driver

/** C[m×n] = op(A)·op(B) (+ bias row), c row-major with ldc = n. */
function gemmPacked(transA: i32, transB: i32, m: i32, n: i32, k: i32, a: usize, b: usize, c: usize, bias: usize): void {
  const lda = transA != 0 ? m : k;
  const ldb = transB != 0 ? k : n;
  const ldc = <usize>n << 2;
  for (let jc = 0; jc < n; jc += NC) {
    const nc = min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = min(KC, k - pc);
      packB(transB, b, ldb, jc, nc, pc, kc);
      const accumulate = pc > 0;
      for (let ic = 0; ic < m; ic += MC) {
        const mc = min(MC, m - ic);
        packA(transA, a, lda, ic, mc, pc, kc);
        for (let jr = 0; jr < nc; jr += NR) {
          const nr = min(NR, nc - jr);
          const bp = PACK_B + <usize>(jr * kc * 4);
          const biasp = bias != 0 && !accumulate ? bias + (<usize>(jc + jr) << 2) : 0;
          let cp = c + <usize>(ic) * ldc + (<usize>(jc + jr) << 2);
          for (let ir = 0; ir < mc; ir += MR) {
            kernel4x8(PACK_A + <usize>(ir * kc * 4), bp, kc, cp, ldc, min(MR, mc - ir), nr, accumulate, biasp);
            cp += ldc << 2;
          }
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Unpacked path for small products

/**
 * C[m×n] = A'·B (+ bias) without packing, for products too small to amortize it: one row of C at a
 * time, 16 / 4 columns per register block, scalar tail. B is k×n row-major (ldb = n); A' is A
 * (m×k, transA = 0) or Aᵀ (A k×m, transA = 1).
 */
function gemmDirect(transA: i32, m: i32, n: i32, k: i32, a: usize, b: usize, c: usize, bias: usize): void {
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
function gemmDotNT(m: i32, n: i32, k: i32, a: usize, b: usize, c: usize, bias: usize): void {
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
function transposeToScratch(n: i32, k: i32, b: usize): usize {
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

/** Whether the unpacked path wins (crossover measured on the W1/W2 layer shapes: 16K is on the safe side). */
@inline function small(m: i32, n: i32, k: i32): bool {
  return m * n * k <= SMALL_MNK;
}

/** C = 0 or C = 1·biasᵀ, for k = 0. */
function fillBias(m: i32, n: i32, c: usize, bias: usize): void {
  for (let i = 0; i < m; i++) {
    const row = c + (<usize>(i * n) << 2);
    for (let j = 0; j < n; j++) store<f32>(row + (<usize>j << 2), bias != 0 ? load<f32>(bias + (<usize>j << 2)) : 0);
  }
}

// ---------------------------------------------------------------------------------------------
// Exports

/** C[m×n] = A[m×k]·B[n×k]ᵀ (+ 1·biasᵀ when bias ≠ 0). */
export function gemmNT(m: i32, n: i32, k: i32, a: usize, b: usize, c: usize, bias: usize): void {
  if (m <= 0 || n <= 0) return;
  if (k <= 0) { fillBias(m, n, c, bias); return; }
  if (small(m, n, k)) {
    if (n < 8 && k >= 8) gemmDotNT(m, n, k, a, b, c, bias);
    else gemmDirect(0, m, n, k, a, transposeToScratch(n, k, b), c, bias);
  }
  else gemmPacked(0, 1, m, n, k, a, b, c, bias);
}

/** C[m×n] = A[k×m]ᵀ·B[k×n]. */
export function gemmTN(m: i32, n: i32, k: i32, a: usize, b: usize, c: usize): void {
  if (m <= 0 || n <= 0) return;
  if (k <= 0) { fillBias(m, n, c, 0); return; }
  if (small(m, n, k)) gemmDirect(1, m, n, k, a, b, c, 0);
  else gemmPacked(1, 0, m, n, k, a, b, c, 0);
}

/** C[m×n] = A[m×k]·B[k×n]. */
export function gemmNN(m: i32, n: i32, k: i32, a: usize, b: usize, c: usize): void {
  if (m <= 0 || n <= 0) return;
  if (k <= 0) { fillBias(m, n, c, 0); return; }
  if (small(m, n, k)) gemmDirect(0, m, n, k, a, b, c, 0);
  else gemmPacked(0, 0, m, n, k, a, b, c, 0);
}

// ---------------------------------------------------------------------------------------------
// Reductions for the per-layer statistics
//
// Every f32 is widened to f64 before it is summed (f32x4 → two f64x2), so the sums carry f64
// round-off only, like the JavaScript reference; only the summation order differs (several lanes
// and chains instead of one running sum). NaN and ±Inf reach every sum, so "all sums finite"
// still proves "all values finite". min/max use pmin/pmax with the accumulator first
// (pmin(acc, v) = v < acc ? v : acc), which is exactly the reference's `if (v < min) min = v`:
// a NaN value never replaces the running extreme.

/** Upper half (lanes 2, 3) of an f32x4 widened to f64x2. */
@inline function promoteHigh(v: v128): v128 {
  return f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 2, 3));
}

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

// ---------------------------------------------------------------------------------------------
// Optimizer updates
//
// Every value is computed in f64 with the same operations in the same order as the TypeScript
// reference (jsKernels.ts) and rounded to f32 once, when stored: f64 arithmetic is exactly
// rounded and wasm never fuses a multiply-add, so both backends store the same bits. Each call
// can also return Σ(θ_new − θ_old)² (θ_new as stored), the update's size for the statistics.

/** Two f64x2 halves back into one f32x4, each lane rounded once. */
@inline function demote(lo: v128, hi: v128): v128 {
  return v128.shuffle<f32>(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 1, 4, 5);
}

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

// ---------------------------------------------------------------------------------------------
// Activations

// tanh as x·P(x²)/Q(x²) on x clamped to ±7.905 (beyond, tanh rounds to within 3 ulp of ±1), a
// minimax rational approximation (the form and float coefficients Eigen uses): relative error
// below 2⁻²¹ over the whole line (tested), x itself where |x| < 4e-4. Small nets call tanh about
// a thousand times a step, and the exact scalar form (expm1) took a third of W2's step.
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

// ---------------------------------------------------------------------------------------------
// Bias gradient

/** out[j] = Σ_r m[r][j] over a rows×cols row-major matrix, row by row in f32: ∂L/∂b = 𝟙ᵀΔ. */
export function columnSums(m: usize, rows: i32, cols: i32, out: usize): void {
  const stride = <usize>cols << 2;
  let j = 0;
  const c4 = cols & ~3;
  for (; j < c4; j += 4) {
    let p = m + (<usize>j << 2);
    let acc = v128.load(p);
    for (let r = 1; r < rows; r++) {
      p += stride;
      acc = f32x4.add(acc, v128.load(p));
    }
    v128.store(out + (<usize>j << 2), acc);
  }
  for (; j < cols; j++) {
    let p = m + (<usize>j << 2);
    let acc = load<f32>(p);
    for (let r = 1; r < rows; r++) {
      p += stride;
      acc += load<f32>(p);
    }
    store<f32>(out + (<usize>j << 2), acc);
  }
}
