// Packing of the operands' blocks into the k-major panels the micro-kernel reads.
import { MR, NR } from './blocking';
import { PACK_A, PACK_B } from '../memory';
import { storeTransposed } from '../transpose';

/** Packs rows i0.. of the left operand A' (mc×kc block starting at column p0) into PACK_A.
 * transA = 0: A is m×k row-major (A' = A, lda = k); 1: A is k×m (A' = Aᵀ, lda = m). */
export function packA(transA: i32, a: usize, lda: i32, i0: i32, mc: i32, p0: i32, kc: i32): void {
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
export function packB(transB: i32, b: usize, ldb: i32, j0: i32, nc: i32, p0: i32, kc: i32): void {
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
