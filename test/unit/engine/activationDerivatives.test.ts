// The engine's batched backward rules and the per-element f′ of src/core/activationDerivatives.ts
// (the panel's) give the same slope: for every element-wise activation, several parameter sets, a
// grid of z over both tails, the kinks and softplus's switch, and the non-finite values, on each
// kernel set the engine trains with (TypeScript f64 and f32, WebAssembly f32).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activationDerivative, SOFTPLUS_THRESHOLD, type ActivationParameters, type ElementwiseActivation } from '../../../src/core/activationDerivatives';
import { ACTIVATIONS } from '../../../src/core/spec';
import { ACTIVATION_FUNCTIONS } from '../../../src/engine/activations';
import { createJsKernels } from '../../../src/engine/kernels/jsKernels';
import type { FloatArray, Kernels } from '../../../src/engine/kernels/kernels';
import { createWasmKernels } from '../../../src/engine/kernels/wasm/wasmKernels';

const ELEMENTWISE = ACTIVATIONS.filter((name): name is ElementwiseActivation => name !== 'softmax');

const PARAMETER_SETS: readonly ActivationParameters[] = [
  { negativeSlope: 0.01, alpha: 1, beta: 1 },
  { negativeSlope: 0.2, alpha: 0.5, beta: 2 },
  { negativeSlope: 0, alpha: 3, beta: 0.5 },
];

/** z from −30 to 30 in quarters, and the points where a branch changes (for each β above). */
function grid(): number[] {
  const values = Array.from({ length: 241 }, (_, i) => -30 + i / 4);
  for (const beta of [1, 2, 0.5]) {
    const edge = SOFTPLUS_THRESHOLD / beta;
    values.push(edge, edge * (1 - 1e-6), edge * (1 + 1e-6));
  }
  values.push(0, -0, 1e-7, -1e-7, 1e-30, -1e-30, Infinity, -Infinity, Number.NaN);
  return values;
}

interface KernelSet {
  readonly name: string;
  readonly kernels: Kernels<FloatArray>;
  /** How far the engine's f′ may lie from the per-element one, rounded to the set's precision. */
  readonly tolerance: (activation: ElementwiseActivation) => number;
  readonly round: (value: number) => number;
}

const KERNEL_SETS: readonly KernelSet[] = [
  { name: 'TypeScript f64', kernels: createJsKernels('f64'), tolerance: () => 0, round: (v) => v },
  { name: 'TypeScript f32', kernels: createJsKernels('f32'), tolerance: () => 0, round: Math.fround },
  // The SIMD tanh′ computes 1 − a² in f32 steps: a², rounded, then the difference, rounded.
  { name: 'WebAssembly f32', kernels: createWasmKernels(), tolerance: (activation) => (activation === 'tanh' ? 2 ** -24 : 0), round: Math.fround },
];

for (const { name, kernels, tolerance, round } of KERNEL_SETS) {
  test(`the engine's backward rules and the per-element f′ agree (${name})`, () => {
    const values = grid();
    const count = values.length;
    for (const activation of ELEMENTWISE) {
      for (const parameters of PARAMETER_SETS) {
        // One allocation: a later one may move the memory of the views taken before it.
        const arena = kernels.allocate(3 * count);
        const [z, a, slope] = [0, 1, 2].map((i) => arena.subarray(i * count, (i + 1) * count));
        z.set(values);
        const rule = ACTIVATION_FUNCTIONS[activation];
        rule.forward(z, a, 1, count, parameters, kernels);
        // ∂L/∂A = 1 everywhere: the backward rule leaves f′ itself.
        slope.fill(1);
        rule.backward(z, a, slope, 1, count, parameters, kernels);
        for (let i = 0; i < count; i++) {
          const expected = round(activationDerivative(activation, z[i], a[i], parameters));
          const where = `${activation} ${JSON.stringify(parameters)} at z = ${z[i]}: engine ${slope[i]}, per element ${expected}`;
          if (Number.isNaN(expected)) assert.ok(Number.isNaN(slope[i]), where);
          else assert.ok(Math.abs(slope[i] - expected) <= tolerance(activation), where);
        }
      }
    }
  });
}

test('the per-element f′ is the slope of f: central differences of the engine\'s forward rule', () => {
  // An independent check of the formulas themselves (not only that two copies agree).
  const kernels = createJsKernels('f64');
  const h = 1e-5;
  const points = [-3, -1.5, -0.4, 0.3, 1.2, 4];
  for (const activation of ELEMENTWISE) {
    for (const parameters of PARAMETER_SETS) {
      const forward = (value: number): number => {
        const [z, a] = [Float64Array.of(value), new Float64Array(1)];
        ACTIVATION_FUNCTIONS[activation].forward(z, a, 1, 1, parameters, kernels);
        return a[0];
      };
      for (const z of points) {
        const numeric = (forward(z + h) - forward(z - h)) / (2 * h);
        const slope = activationDerivative(activation, z, forward(z), parameters);
        assert.ok(Math.abs(slope - numeric) <= 1e-6, `${activation} ${JSON.stringify(parameters)} at ${z}: ${slope} vs ${numeric}`);
      }
    }
  }
});
