// The three dense products the engine calls, each choosing between the unpacked path (small
// products) and the packed, blocked one.
import { SMALL_MNK } from './blocking';
import { gemmDirect, gemmDotNT, transposeToScratch } from './direct';
import { gemmPacked } from './packed';

/** Whether the unpacked path wins (crossover measured on the products of a 784-256-128-10 network's
 * step at batch 64 and a 2-16-16-3 one's at batch 32: 16K is on the safe side). */
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
