// Blocked driver of the large products: packs a panel of B, then blocks of A, and runs the
// micro-kernel over each pair of micro-panels.
import { KC, MC, MR, NC, NR } from './blocking';
import { PACK_A, PACK_B } from '../memory';
import { kernel4x8 } from './microKernel';
import { packA, packB } from './packing';

/** C[m×n] = op(A)·op(B) (+ bias row), c row-major with ldc = n. */
export function gemmPacked(transA: i32, transB: i32, m: i32, n: i32, k: i32, a: usize, b: usize, c: usize, bias: usize): void {
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
