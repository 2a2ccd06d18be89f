// The statistics reductions (`moments`, `sumOfSquares`) of every backend against a sequential
// float64 reference: odd lengths (SIMD body of 8, tails of 1–7), views off 16-byte alignment,
// NaN/±Inf anywhere (body or tail) reaching the sums, and min/max skipping NaN like `v < min`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Random } from '../../../../src/core/random';
import { createWasmKernels } from '../../../../src/engine/kernels/wasm/wasmKernels';
import { createJsKernels } from '../../../../src/engine/kernels/jsKernels';
import { MOMENTS_LENGTH, type FloatArray, type Kernels } from '../../../../src/engine/kernels/kernels';

const LENGTHS = [0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33, 1000, 1000003];

/** [Σv, Σ(v − v₀)², Σv², min, max], summed left to right in float64. */
function reference(values: ArrayLike<number>, count: number): number[] {
  const shift = count > 0 ? values[0] : 0;
  let sum = 0, dev = 0, sq = 0, min = Infinity, max = -Infinity;
  for (let i = 0; i < count; i++) {
    const v = values[i];
    sum += v;
    const d = v - shift;
    dev += d * d;
    sq += v * v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return [sum, dev, sq, min, max];
}

function absSum(values: ArrayLike<number>, count: number): number {
  let s = 0;
  for (let i = 0; i < count; i++) s += Math.abs(values[i]);
  return s;
}

/** Any order of n float64 additions of these terms stays within n·2⁻⁵³·Σ|terms| of the left-to-right sum (twice). */
function close(actual: number, expected: number, magnitude: number, n: number, label: string): void {
  const tolerance = 2 * (n + 2) * 2 ** -53 * magnitude + 1e-300;
  if (!(Math.abs(actual - expected) <= tolerance)) assert.fail(`${label}: ${actual}, expected ${expected} ± ${tolerance}`);
}

/** One arena holding `count` values at an odd offset, with guard cells after. */
function fill<T extends FloatArray>(kernels: Kernels<T>, count: number, offset: number, make: (i: number) => number): { arena: T; values: T } {
  const arena = kernels.allocate(offset + count + 3);
  const values = arena.subarray(offset, offset + count) as T;
  for (let i = 0; i < count; i++) values[i] = make(i);
  return { arena, values };
}

function backends(): Kernels<FloatArray>[] {
  return [createWasmKernels(), createJsKernels('f32'), createJsKernels('f64')] as Kernels<FloatArray>[];
}

for (const kernels of backends()) {
  test(`${kernels.name}: moments match the float64 reference on odd lengths and offsets`, () => {
    const random = new Random(11);
    const out = new Float64Array(MOMENTS_LENGTH + 1).fill(-7);
    for (const count of LENGTHS) {
      for (const offset of [1, 4]) {
        // Mean far from zero in places (shift 3), so Σ(v − v₀)² and Σv² differ.
        const { values } = fill(kernels, count, offset, () => 3 + random.normal());
        kernels.moments(values, count, out);
        const ref = reference(values, count);
        const label = `${kernels.name} n=${count} offset=${offset}`;
        close(out[0], ref[0], absSum(values, count), count, `${label} Σv`);
        close(out[1], ref[1], ref[1], count, `${label} Σ(v − v₀)²`);
        close(out[2], ref[2], ref[2], count, `${label} Σv²`);
        assert.equal(out[3], ref[3], `${label} min`);
        assert.equal(out[4], ref[4], `${label} max`);
        assert.equal(out[MOMENTS_LENGTH], -7, `${label}: wrote past the results`);
        close(kernels.sumOfSquares(values, count), ref[2], ref[2], count, `${label} sumOfSquares`);
        if (kernels.name.startsWith('js')) assert.equal(kernels.sumOfSquares(values, count), ref[2]);
        if (kernels.name.startsWith('js')) assert.deepEqual(Array.from(out.subarray(0, 5)), ref, `${label}: the reference kernels sum in order`);
      }
    }
  });

  test(`${kernels.name}: NaN and ±Inf anywhere poison the sums; min/max skip NaN`, () => {
    const out = new Float64Array(MOMENTS_LENGTH);
    for (const count of [1, 3, 4, 8, 9, 17, 1003]) {
      // First element, inside the SIMD body, last of the body, and the tail.
      const positions = [...new Set([0, Math.min(5, count - 1), Math.max(0, (count & ~7) - 1), count - 1])];
      for (const at of positions) {
        for (const bad of [Number.NaN, Infinity, -Infinity]) {
          const { values } = fill(kernels, count, 3, (i) => (i === at ? bad : 0.5 - (i % 5)));
          kernels.moments(values, count, out);
          const ref = reference(values, count);
          const label = `${kernels.name} n=${count} ${bad} at ${at}`;
          assert.ok(!Number.isFinite(out[0]), `${label}: Σv = ${out[0]}`);
          assert.ok(!Number.isFinite(out[1]), `${label}: Σ(v − v₀)² = ${out[1]}`);
          assert.ok(!Number.isFinite(out[2]), `${label}: Σv² = ${out[2]}`);
          if (Number.isNaN(bad)) assert.ok(Number.isNaN(out[0]) && Number.isNaN(out[2]), label);
          else assert.equal(out[0], bad, `${label}: Σv`);
          assert.equal(out[3], ref[3], `${label} min`);
          assert.equal(out[4], ref[4], `${label} max`);
          const squares = kernels.sumOfSquares(values, count);
          assert.ok(Number.isNaN(bad) ? Number.isNaN(squares) : squares === Infinity, `${label}: Σv² = ${squares}`);
        }
      }
      // +Inf and −Inf together: NaN sum, both extremes reported.
      const { values } = fill(kernels, count + 1, 1, (i) => (i === 0 ? Infinity : i === count ? -Infinity : 1));
      kernels.moments(values, count + 1, out);
      assert.ok(Number.isNaN(out[0]), `${kernels.name} n=${count + 1}: ∞ − ∞`);
      assert.equal(out[3], -Infinity);
      assert.equal(out[4], Infinity);
      // Only NaN: no extreme at all.
      const nan = fill(kernels, count, 2, () => Number.NaN).values;
      kernels.moments(nan, count, out);
      assert.ok(Number.isNaN(out[0]));
      assert.equal(out[3], Infinity);
      assert.equal(out[4], -Infinity);
    }
  });

  test(`${kernels.name}: count = 0 gives zero sums and empty extremes`, () => {
    const out = new Float64Array(MOMENTS_LENGTH);
    const arena = kernels.allocate(4);
    kernels.moments(arena.subarray(1, 1) as FloatArray, 0, out);
    assert.deepEqual(Array.from(out), [0, 0, 0, Infinity, -Infinity]);
    assert.equal(kernels.sumOfSquares(arena.subarray(3, 3) as FloatArray, 0), 0);
  });
}

test('wasm reductions: f32 sums are carried in float64 (no f32 round-off, no overflow)', () => {
  const kernels = createWasmKernels();
  const out = new Float64Array(MOMENTS_LENGTH);
  // 2²⁴ + 1 + 1 + … loses every 1 in f32 accumulation; in f64 all arrive.
  const count = 4099;
  const values = kernels.allocate(count);
  values.fill(1);
  values[0] = 2 ** 24;
  kernels.moments(values, count, out);
  assert.equal(out[0], 2 ** 24 + count - 1);
  // f32 max squared overflows f32 but not f64.
  values.fill(3e38);
  kernels.moments(values, count, out);
  const big = Math.fround(3e38);
  close(out[2], count * big * big, count * big * big, count, 'Σv² of values near the f32 maximum');
  assert.ok(Number.isFinite(out[0]) && Number.isFinite(out[1]) && Number.isFinite(out[2]));
});

test('wasm reductions reject foreign views, short views and bad counts', () => {
  const kernels = createWasmKernels();
  const arena = kernels.allocate(16);
  const out = new Float64Array(MOMENTS_LENGTH);
  assert.throws(() => kernels.moments(new Float32Array(16), 16, out), /not a view/);
  assert.throws(() => kernels.moments(arena.subarray(0, 8), 9, out), RangeError);
  assert.throws(() => kernels.moments(arena, 1.5, out), RangeError);
  assert.throws(() => kernels.moments(arena, -1, out), RangeError);
  assert.throws(() => kernels.moments(arena, 4, new Float64Array(4)), RangeError);
  assert.throws(() => kernels.sumOfSquares(new Float32Array(16), 16), /not a view/);
  assert.throws(() => kernels.sumOfSquares(arena.subarray(0, 2), 3), RangeError);
  const stale = arena;
  kernels.allocate(16);
  assert.throws(() => kernels.sumOfSquares(stale, 1), /not a view/);
});
