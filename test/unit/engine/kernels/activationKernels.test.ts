// The tanh kernel: the reference is tanh to float64 accuracy; WebAssembly f32 must stay within a
// relative 2⁻²¹ (4 f32 ulps of 1) of it over the whole line, in the SIMD body and the scalar tail
// alike, keep NaN, saturate ±Inf to ±1, keep signed zeros and the sign of tiny values, and work in place.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWasmKernels } from '../../../../src/engine/kernels/wasm/wasmKernels';
import { createJsKernels } from '../../../../src/engine/kernels/jsKernels';

const TOLERANCE = 2 ** -21;

test('wasm tanh is within 2⁻²¹ relative of tanh from −12 to 12, body and tail', () => {
  const kernels = createWasmKernels();
  const count = 240_003; // not a multiple of 4: the last values go through the scalar tail
  const arena = kernels.allocate(2 * count + 1);
  const z = arena.subarray(1, count + 1); // off 16-byte alignment
  const a = arena.subarray(count + 1, 2 * count + 1);
  for (let i = 0; i < count; i++) z[i] = -12 + (24 * i) / (count - 1);
  kernels.tanh(z, a, count);
  let worst = 0;
  for (let i = 0; i < count; i++) {
    const exact = Math.tanh(z[i]);
    const error = Math.abs(a[i] - exact) / Math.max(Math.abs(exact), 2 ** -126);
    worst = Math.max(worst, error);
    if (!(error <= TOLERANCE)) assert.fail(`tanh(${z[i]}) = ${a[i]}, exact ${exact}: relative error ${error.toExponential(2)}`);
  }
  assert.ok(worst > 0, 'an approximation, not the exact function');
});

test('wasm tanh: specials, tiny values and in place', () => {
  const kernels = createWasmKernels();
  const values = [Number.NaN, Infinity, -Infinity, 0, -0, 1e-30, -3e-5, 3.9e-4, 4.1e-4, 7.9, -7.95, 20];
  const z = kernels.allocate(values.length);
  z.set(values);
  kernels.tanh(z, z, values.length); // in place
  assert.ok(Number.isNaN(z[0]));
  assert.ok(Math.abs(z[1] - 1) <= TOLERANCE && Math.abs(z[2] + 1) <= TOLERANCE, `±Inf → ±1: ${z[1]}, ${z[2]}`);
  assert.ok(Object.is(z[3], 0) && Object.is(z[4], -0), 'signed zeros kept');
  for (let i = 5; i < values.length; i++) {
    const exact = Math.tanh(Math.fround(values[i]));
    assert.ok(Math.abs(z[i] - exact) <= TOLERANCE * Math.abs(exact), `tanh(${values[i]}) = ${z[i]}, exact ${exact}`);
    assert.equal(Math.sign(z[i]), Math.sign(values[i]));
  }
});

test('the reference tanh kernel: float64 tanh to 2 ulp, and the same values rounded once in f32', () => {
  const values = [-3, -0.5, 0, 1e-9, 2, 19.5];
  const f64 = createJsKernels('f64');
  const z = f64.allocate(values.length);
  z.set(values);
  const a = f64.allocate(values.length);
  f64.tanh(z, a, values.length);
  values.forEach((v, i) => assert.ok(Math.abs(a[i] - Math.tanh(v)) <= 2 ** -51 * Math.abs(Math.tanh(v)), `f64 tanh(${v}) = ${a[i]}`));
  const f32 = createJsKernels('f32');
  const z32 = f32.allocate(values.length);
  z32.set(values); // these values are exact in f32
  const a32 = f32.allocate(values.length);
  f32.tanh(z32, a32, values.length);
  values.forEach((v, i) => assert.equal(a32[i], Math.fround(a[i]), `f32 tanh(${v})`));
});

test('tanhDerivative and columnSums: wasm agrees with the reference to f32 rounding, body and tail', () => {
  const wasm = createWasmKernels();
  const js = createJsKernels('f32');
  for (const [rows, cols] of [[1, 1], [1, 7], [32, 3], [32, 16], [5, 9], [64, 1]]) {
    const count = rows * cols;
    // One allocation (a later one would detach these views), each view off 16-byte alignment.
    const arena = wasm.allocate(4 * (count + 2));
    const [wa, wg, wm, wo] = [0, 1, 2, 3].map((k) => arena.subarray(k * (count + 2) + 1, k * (count + 2) + 1 + count));
    const a = Float32Array.from({ length: count }, (_, i) => Math.tanh((i % 13) / 3 - 2));
    const g = Float32Array.from({ length: count }, (_, i) => ((i * 7) % 11) / 5 - 1);
    const m = Float32Array.from({ length: count }, (_, i) => ((i * 5) % 17) / 4 - 2);
    wa.set(a); wg.set(g); wm.set(m);
    const jg = g.slice();
    js.tanhDerivative(a, jg, count);
    wasm.tanhDerivative(wa, wg, count);
    for (let i = 0; i < count; i++) {
      const expected = g[i] * (1 - a[i] * a[i]);
      assert.ok(Math.abs(wg[i] - expected) <= 2 ** -22 * Math.abs(expected) + 1e-30, `wasm g[${i}]: ${wg[i]} vs ${expected}`);
      assert.ok(Math.abs(jg[i] - expected) <= 2 ** -23 * Math.abs(expected) + 1e-30, `reference g[${i}]: ${jg[i]} vs ${expected}`);
    }
    const jo = new Float32Array(cols);
    js.columnSums(m, rows, cols, jo);
    wasm.columnSums(wm, rows, cols, wo);
    for (let j = 0; j < cols; j++) {
      let sum = 0;
      for (let r = 0; r < rows; r++) sum += m[r * cols + j];
      // Row-by-row f32 adds of values below 2.25 in magnitude: each rounding is under 2⁻²³·|partial sum|.
      const bound = rows * 2 ** -23 * 2.25 * rows;
      assert.ok(Math.abs(wo[j] - sum) <= bound, `wasm ${rows}×${cols} column ${j}: ${wo[j]} vs ${sum}`);
      assert.ok(Math.abs(jo[j] - sum) <= bound, `reference ${rows}×${cols} column ${j}: ${jo[j]} vs ${sum}`);
    }
  }
  const arena = wasm.allocate(8);
  assert.throws(() => wasm.columnSums(arena.subarray(0, 4), 2, 3, arena.subarray(4)), RangeError);
  assert.throws(() => wasm.tanhDerivative(new Float32Array(4), arena, 4), /not a view/);
});
