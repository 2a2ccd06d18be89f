// The optimizer update kernels: WebAssembly SIMD must store exactly the bits of the TypeScript
// reference (both compute in float64 and round once), over SIMD bodies and tails, views off
// 16-byte alignment, every SGD variant and Adam, several steps in a row; the measured Σ(Δθ)²
// must be the update's actual size; bad views are refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Random } from '../../../../src/core/random';
import { createWasmKernels } from '../../../../src/engine/kernels/wasm/wasmKernels';
import { createJsKernels } from '../../../../src/engine/kernels/jsKernels';
import type { AdamRule, Kernels, SgdRule } from '../../../../src/engine/kernels/kernels';

const LENGTHS = [1, 3, 4, 5, 7, 8, 9, 33, 1001];

interface Buffers { params: Float32Array; grads: Float32Array; first: Float32Array; second: Float32Array }

/** Four arrays of `count` floats in `kernels`' memory, each starting `offset` floats into its slot. */
function buffers(kernels: Kernels<Float32Array>, count: number, offset: number, seed: number): Buffers {
  const slot = count + 8;
  const arena = kernels.allocate(4 * slot);
  const random = new Random(seed);
  const view = (k: number, scale: number, positive = false) => {
    const v = arena.subarray(k * slot + offset, k * slot + offset + count);
    for (let i = 0; i < count; i++) v[i] = positive ? random.uniformIn(0, scale) : random.uniformIn(-scale, scale);
    return v;
  };
  return { params: view(0, 1), grads: view(1, 0.5), first: view(2, 0.1), second: view(3, 0.01, true) };
}

const SGD_RULES: { label: string; momentum: number; nesterov: boolean; weightDecay: number }[] = [
  { label: 'plain', momentum: 0, nesterov: false, weightDecay: 0 },
  { label: 'weight decay', momentum: 0, nesterov: false, weightDecay: 0.05 },
  { label: 'momentum', momentum: 0.9, nesterov: false, weightDecay: 0.01 },
  { label: 'nesterov', momentum: 0.9, nesterov: true, weightDecay: 0 },
];

for (const count of LENGTHS) {
  for (const offset of [0, 1, 3]) {
    test(`sgdUpdate: wasm stores the reference's bits (n=${count}, offset ${offset})`, () => {
      for (const { label, momentum, nesterov, weightDecay } of SGD_RULES) {
        const jsKernels = createJsKernels('f32');
        const wasmKernels = createWasmKernels();
        const js = buffers(jsKernels, count, offset, count + offset);
        const w = buffers(wasmKernels, count, offset, count + offset);
        const initial = js.params.slice();
        for (let t = 1; t <= 3; t++) {
          const rule: SgdRule = { learningRate: 0.1, momentum, nesterov, weightDecay, first: t === 1 };
          const before = js.params.slice();
          const jsChange = jsKernels.sgdUpdate(js.params, js.grads, momentum !== 0 ? js.first : undefined, count, rule, true);
          const wasmChange = wasmKernels.sgdUpdate(w.params, w.grads, momentum !== 0 ? w.first : undefined, count, rule, true);
          assert.deepEqual(w.params, js.params, `${label} t=${t}: θ`);
          assert.deepEqual(w.first, js.first, `${label} t=${t}: momentum buffer`);
          let squares = 0;
          for (let i = 0; i < count; i++) squares += (js.params[i] - before[i]) ** 2;
          assert.equal(jsChange, squares, `${label} t=${t}: reference Σ(Δθ)²`);
          assert.ok(Math.abs(wasmChange - squares) <= 1e-12 * squares, `${label} t=${t}: wasm Σ(Δθ)² ${wasmChange} vs ${squares}`);
          assert.equal(wasmKernels.sgdUpdate(w.params, w.grads, undefined, count, { ...rule, learningRate: 0 }, false), 0, 'unmeasured: 0');
          jsKernels.sgdUpdate(js.params, js.grads, undefined, count, { ...rule, learningRate: 0 }, false);
        }
        assert.ok(js.params.some((v, i) => v !== initial[i]), `${label}: the update changed θ`);
      }
    });

    test(`adamUpdate: wasm stores the reference's bits (n=${count}, offset ${offset})`, () => {
      const jsKernels = createJsKernels('f32');
      const wasmKernels = createWasmKernels();
      const js = buffers(jsKernels, count, offset, 7 * count + offset);
      const w = buffers(wasmKernels, count, offset, 7 * count + offset);
      for (let t = 1; t <= 3; t++) {
        const rule: AdamRule = { stepSize: 0.01 / (1 - 0.9 ** t), correction2: Math.sqrt(1 - 0.999 ** t), beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0.01 };
        const before = js.params.slice();
        const jsChange = jsKernels.adamUpdate(js.params, js.grads, js.first, js.second, count, rule, true);
        const wasmChange = wasmKernels.adamUpdate(w.params, w.grads, w.first, w.second, count, rule, true);
        assert.deepEqual(w.params, js.params, `t=${t}: θ`);
        assert.deepEqual(w.first, js.first, `t=${t}: m`);
        assert.deepEqual(w.second, js.second, `t=${t}: v`);
        let squares = 0;
        for (let i = 0; i < count; i++) squares += (js.params[i] - before[i]) ** 2;
        assert.ok(squares > 0, 'Adam moved θ');
        assert.equal(jsChange, squares, `t=${t}: reference Σ(Δθ)²`);
        assert.ok(Math.abs(wasmChange - squares) <= 1e-12 * squares, `t=${t}: wasm Σ(Δθ)² ${wasmChange} vs ${squares}`);
      }
    });
  }
}

test('the update kernels refuse views outside the arena, short views and bad counts', () => {
  const kernels = createWasmKernels();
  const arena = kernels.allocate(64);
  const rule: SgdRule = { learningRate: 0.1, momentum: 0, nesterov: false, weightDecay: 0, first: true };
  assert.throws(() => kernels.sgdUpdate(new Float32Array(8), arena, undefined, 8, rule, false), /not a view/);
  assert.throws(() => kernels.sgdUpdate(arena, arena.subarray(0, 4), undefined, 8, rule, false), RangeError);
  assert.throws(() => kernels.sgdUpdate(arena, arena, new Float32Array(8), 8, rule, false), /not a view/);
  assert.throws(() => kernels.sgdUpdate(arena, arena, undefined, -1, rule, false), RangeError);
  const adam: AdamRule = { stepSize: 0.01, correction2: 1, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0 };
  assert.throws(() => kernels.adamUpdate(arena, arena, arena, new Float32Array(8), 8, adam, false), /not a view/);
});
