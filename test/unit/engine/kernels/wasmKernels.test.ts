// The wasm SIMD backend against a float64 reference: all three products (and the fused bias) on
// many shapes, on both the unpacked small-product path and the packed one — 1s, tile edges (MR = 4, NR = 8), k-block (256), m-block (128) and n-block (1024)
// boundaries — with views at unaligned offsets and guard cells around C that must survive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Random } from '../../../../src/core/random';
import { createWasmKernels, createWasmKernelsAsync } from '../../../../src/engine/kernels/wasm/wasmKernels';
import type { Kernels } from '../../../../src/engine/kernels/kernels';

type Op = 'NT' | 'TN' | 'NN';
const U = 2 ** -24; // f32 unit round-off

/** Float64 reference of each op, plus Σ|terms| per entry for the error bound. */
function reference(op: Op, m: number, n: number, k: number, a: Float32Array, b: Float32Array, bias?: Float32Array): { c: Float64Array; mag: Float64Array } {
  const c = new Float64Array(m * n);
  const mag = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = bias ? bias[j] : 0;
      let t = bias ? Math.abs(bias[j]) : 0;
      for (let p = 0; p < k; p++) {
        const x = op === 'TN' ? a[p * m + i] : a[i * k + p];
        const y = op === 'NT' ? b[j * k + p] : b[p * n + j];
        s += x * y;
        t += Math.abs(x * y);
      }
      c[i * n + j] = s;
      mag[i * n + j] = t;
    }
  }
  return { c, mag };
}

const GUARD = 5;
const SENTINEL = -12345.5;

/** Runs `op` on random data laid out at odd offsets in one arena and checks every entry and guard. */
function check(kernels: Kernels<Float32Array>, random: Random, op: Op, m: number, n: number, k: number, withBias = false): void {
  const sizeA = m * k, sizeB = k * n, sizeC = m * n;
  // Offsets 1, 3, … keep the views off 16-byte alignment.
  const offA = 1, offB = offA + sizeA + 3, offC = offB + sizeB + GUARD, offBias = offC + sizeC + GUARD + 2;
  const arena = kernels.allocate(offBias + n + 1);
  const a = arena.subarray(offA, offA + sizeA);
  const b = arena.subarray(offB, offB + sizeB);
  const c = arena.subarray(offC, offC + sizeC);
  const bias = arena.subarray(offBias, offBias + n);
  for (let i = 0; i < sizeA; i++) a[i] = random.normal();
  for (let i = 0; i < sizeB; i++) b[i] = random.normal();
  for (let i = 0; i < n; i++) bias[i] = random.normal();
  // C starts as garbage (the ops overwrite, never accumulate) between sentinel guards.
  for (let i = offC - GUARD; i < offC + sizeC + GUARD; i++) arena[i] = SENTINEL;
  if (op === 'NT') kernels.gemmNT(m, n, k, a, b, c, withBias ? bias : undefined);
  else if (op === 'TN') kernels.gemmTN(m, n, k, a, b, c);
  else kernels.gemmNN(m, n, k, a, b, c);

  const ref = reference(op, m, n, k, a, b, withBias ? bias : undefined);
  const label = `${op}${withBias ? '+bias' : ''} m=${m} n=${n} k=${k}`;
  for (let i = 0; i < sizeC; i++) {
    // Any summation order of k+1 f32 terms stays within γ·Σ|terms| of the exact sum (γ ≈ (k+1)u).
    const tolerance = 1.01 * (k + 2) * U * ref.mag[i] + 1e-30;
    const error = Math.abs(c[i] - ref.c[i]);
    if (!(error <= tolerance)) assert.fail(`${label}: C[${Math.floor(i / n)}][${i % n}] = ${c[i]}, expected ${ref.c[i]} ± ${tolerance}`);
  }
  for (let g = 1; g <= GUARD; g++) {
    assert.equal(arena[offC - g], SENTINEL, `${label}: wrote before C`);
    assert.equal(arena[offC + sizeC + g - 1], SENTINEL, `${label}: wrote after C`);
  }
}

const small = [1, 2, 3, 4, 5, 7, 8, 9, 16, 17];
const shapes: [number, number, number][] = [
  [1, 1, 1], [32, 16, 2], [16, 2, 32], [32, 3, 16], [3, 16, 32], [32, 16, 3], [64, 10, 128], [10, 128, 64],
  [1, 257, 33], [33, 1, 300], [5, 9, 1], [129, 17, 257], [131, 33, 513], [4, 8, 256], [12, 24, 255],
  [260, 40, 70], [7, 1030, 5], [2, 1032, 260], [64, 256, 784],
  // Past the unpacked-path threshold (m·n·k > 16384) with m or n of 1 and tiny tiles.
  [1, 300, 100], [300, 1, 100], [3, 5, 2000], [64, 10, 128], [10, 128, 64], [64, 128, 10],
];

for (const op of ['NT', 'TN', 'NN'] as const) {
  test(`${op} matches the float64 reference on every small m, n, k combination`, () => {
    const kernels = createWasmKernels();
    const random = new Random(11);
    for (const m of small) for (const n of small) for (const k of small) check(kernels, random, op, m, n, k);
  });
  test(`${op} matches the float64 reference on block-edge and network shapes`, () => {
    const kernels = createWasmKernels();
    const random = new Random(12);
    for (const [m, n, k] of shapes) check(kernels, random, op, m, n, k);
  });
}

test('NT fuses the bias: C = A Bᵀ + 1 biasᵀ, on small and block-edge shapes', () => {
  const kernels = createWasmKernels();
  const random = new Random(13);
  for (const m of [1, 3, 4, 9]) for (const n of [1, 7, 8, 17]) for (const k of [1, 2, 5, 16]) check(kernels, random, 'NT', m, n, k, true);
  for (const [m, n, k] of shapes) check(kernels, random, 'NT', m, n, k, true);
});

test('k = 0 gives C = bias (NT) or C = 0, and m = 0 or n = 0 touches nothing', () => {
  const kernels = createWasmKernels();
  const arena = kernels.allocate(64);
  const bias = arena.subarray(0, 3);
  bias.set([1.5, -2, 3]);
  const c = arena.subarray(8, 14);
  c.fill(9);
  kernels.gemmNT(2, 3, 0, arena.subarray(20, 20), arena.subarray(20, 20), c, bias);
  assert.deepEqual([...c], [1.5, -2, 3, 1.5, -2, 3]);
  c.fill(9);
  kernels.gemmTN(2, 3, 0, arena.subarray(20, 20), arena.subarray(20, 20), c);
  assert.deepEqual([...c], [0, 0, 0, 0, 0, 0]);
  c.fill(9);
  kernels.gemmNN(0, 3, 4, arena.subarray(20, 20), arena.subarray(20, 32), c);
  kernels.gemmNT(2, 0, 4, arena.subarray(20, 28), arena.subarray(20, 20), c);
  assert.deepEqual([...c], [9, 9, 9, 9, 9, 9]);
});

test('allocate returns zeroed memory, also after the previous arena was written', () => {
  const kernels = createWasmKernels();
  const first = kernels.allocate(1000);
  assert.equal(first.length, 1000);
  assert.ok(first.every((x) => x === 0));
  first.fill(7);
  // Large enough to grow memory, then small again: both zeroed.
  const big = kernels.allocate(2_000_000);
  assert.equal(big.length, 2_000_000);
  assert.ok(big.every((x) => x === 0));
  big.fill(3);
  const again = kernels.allocate(5000);
  assert.ok(again.every((x) => x === 0));
  assert.equal(kernels.allocate(0).length, 0);
  assert.throws(() => kernels.allocate(-1), RangeError);
  assert.throws(() => kernels.allocate(1.5), RangeError);
});

test('views from outside the module memory, or from before the latest allocate, are rejected', () => {
  const kernels = createWasmKernels();
  const arena = kernels.allocate(100);
  const a = arena.subarray(0, 4), b = arena.subarray(4, 8), c = arena.subarray(8, 12);
  const foreign = new Float32Array(4);
  assert.throws(() => kernels.gemmNN(2, 2, 2, foreign, b, c), /not a view of the array the latest allocate\(\) returned/);
  assert.throws(() => kernels.gemmTN(2, 2, 2, a, foreign, c), /wasm-simd-f32\.gemmTN: b is not a view/);
  assert.throws(() => kernels.gemmNT(2, 2, 2, a, b, foreign), /c is not a view/);
  assert.throws(() => kernels.gemmNT(2, 2, 2, a, b, c, new Float32Array(2)), /bias is not a view/);
  // Another backend's memory is foreign too.
  const other = createWasmKernels().allocate(16);
  assert.throws(() => kernels.gemmNN(2, 2, 2, other.subarray(0, 4), b, c), /not a view/);
  // A later allocate invalidates (detaches) earlier views.
  kernels.gemmNN(2, 2, 2, a, b, c);
  kernels.allocate(100);
  assert.throws(() => kernels.gemmNN(2, 2, 2, a, b, c), /not a view/);
});

test('views too short for the sizes, and non-integer sizes, are rejected', () => {
  const kernels = createWasmKernels();
  const arena = kernels.allocate(100);
  const a = arena.subarray(0, 6), b = arena.subarray(10, 16), c = arena.subarray(20, 29);
  kernels.gemmNT(3, 3, 2, a, b, c);
  assert.throws(() => kernels.gemmNT(3, 3, 2, a, b, c.subarray(0, 8)), /c has 8 elements, needs 9/);
  assert.throws(() => kernels.gemmNN(3, 3, 3, a, b, c), /a has 6 elements, needs 9/);
  assert.throws(() => kernels.gemmNT(3, 3, 2, a, b, c, arena.subarray(40, 42)), /bias has 2 elements, needs 3/);
  assert.throws(() => kernels.gemmTN(1.5, 3, 2, a, b, c), RangeError);
  assert.throws(() => kernels.gemmTN(-1, 3, 2, a, b, c), RangeError);
});

test('the async factory gives an equivalent backend', async () => {
  const kernels = await createWasmKernelsAsync();
  assert.equal(kernels.name, 'wasm-simd-f32');
  check(kernels, new Random(14), 'NN', 9, 17, 5);
});
