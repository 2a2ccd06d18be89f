// The per-layer statistics run on the kernels' reductions (WebAssembly SIMD for f32): on a wasm
// f32 trainer they must equal the plain float64 formulas on the very same buffers (to float64
// round-off), and the f32 wasm run must track the f64 reference run within f32 tolerance.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTrainer, type FloatArray, type Network } from '../../../src/engine';
import { createKernels } from '../../../src/engine/kernels/select';
import type { LayerStats, ValueSummary } from '../../../src/core/snapshot';
import { layer, model, randomData } from './helpers';

// Odd widths so every tensor has a SIMD tail; leaky ReLU keeps ∂L/∂W and Δ dense.
const spec = (precision: 'f32' | 'f64') => model(37, [layer(23, 'leaky_relu', { init: 'uniform', initRange: 0.5 }), layer(11, 'tanh'), layer(3, 'softmax')], 'cross_entropy', { batchSize: 9, precision, learningRate: 0.3 });
const data = randomData(40, 37, 3, 'cross_entropy', 5);

interface Copies { W: Float64Array[]; dW: Float64Array[]; delta: Float64Array[]; a: Float64Array[] }

function copies(network: Network<FloatArray>, rows: number): Copies {
  const take = (f: (l: Network<FloatArray>['layers'][number]) => FloatArray, count: (l: Network<FloatArray>['layers'][number]) => number) =>
    network.layers.map((l) => Float64Array.from(f(l).subarray(0, count(l))));
  return {
    W: take((l) => l.weights, (l) => l.units * l.inputs),
    dW: take((l) => l.weightGradient, (l) => l.units * l.inputs),
    delta: take((l) => l.delta, (l) => rows * l.units),
    a: take((l) => l.a, (l) => rows * l.units),
  };
}

// The references, written out here rather than taken from src/engine/stats.ts (the code under test).
function norm(values: Float64Array, count: number): number {
  let sum = 0;
  for (let i = 0; i < count; i++) sum += values[i] * values[i];
  return Math.sqrt(sum);
}

function summarize(values: Float64Array, count: number): ValueSummary {
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < count; i++) {
    sum += values[i];
    min = Math.min(min, values[i]);
    max = Math.max(max, values[i]);
  }
  const mean = sum / count;
  let squares = 0;
  for (let i = 0; i < count; i++) squares += (values[i] - mean) ** 2;
  return { mean, std: Math.sqrt(squares / count), min, max };
}

function near(actual: number, expected: number, tolerance: number, label: string): void {
  if (!(Math.abs(actual - expected) <= tolerance)) assert.fail(`${label}: ${actual}, expected ${expected} ± ${tolerance}`);
}

function sameSummary(actual: ValueSummary, values: Float64Array, relative: number, label: string): void {
  const expected = summarize(values, values.length);
  const scale = Math.max(...Array.from(values, Math.abs), 1e-30);
  near(actual.mean, expected.mean, relative * scale, `${label} mean`);
  near(actual.std, expected.std, relative * scale, `${label} std`);
  near(actual.min, expected.min, relative * scale, `${label} min`);
  near(actual.max, expected.max, relative * scale, `${label} max`);
}

test('wasm f32 statistics equal the float64 formulas on the same buffers', () => {
  const trainer = createTrainer(spec('f32'), data, { kernels: createKernels('f32', 'wasm') });
  assert.equal(trainer.network.kernels.name, 'wasm-simd-f32');
  for (let step = 0; step < 3; step++) {
    let seen: Copies | undefined;
    const report = trainer.step({ stats: true, inspect: (network, rows) => { seen = copies(network, rows); } });
    assert.ok(seen && report.stats);
    const after = trainer.network.layers.map((l) => Float64Array.from(l.weights.subarray(0, l.units * l.inputs)));
    report.stats.forEach((s: LayerStats, l) => {
      const label = `step ${step} layer ${l + 1}`;
      const wNorm = norm(seen!.W[l], seen!.W[l].length);
      near(s.weightNorm, wNorm, 1e-12 * wNorm, `${label} ‖W‖`);
      const gNorm = norm(seen!.dW[l], seen!.dW[l].length);
      near(s.gradientNorm, gNorm, 1e-12 * gNorm, `${label} ‖dW‖`);
      const dNorm = norm(seen!.delta[l], seen!.delta[l].length);
      near(s.deltaNorm, dNorm, 1e-12 * dNorm, `${label} ‖Δ‖`);
      sameSummary(s.activation, seen!.a[l], 1e-12, `${label} a`);
      sameSummary(s.delta, seen!.delta[l], 1e-12, `${label} Δ`);
      sameSummary(s.weightGradient, seen!.dW[l], 1e-12, `${label} dW`);
      assert.equal(s.activation.min, Math.min(...seen!.a[l]), `${label} a min exact`);
      assert.equal(s.weightGradient.max, Math.max(...seen!.dW[l]), `${label} dW max exact`);
      let change = 0;
      for (let i = 0; i < after[l].length; i++) change += (after[l][i] - seen!.W[l][i]) ** 2;
      const ratio = Math.sqrt(change) / wNorm;
      assert.ok(ratio > 0, `${label}: the update moved W`);
      near(s.updateRatio, ratio, 1e-12 * ratio, `${label} update ratio`);
    });
    assert.equal(report.nonFinite, undefined);
  }
});

test('wasm f32 statistics track the f64 reference run', () => {
  const f32 = createTrainer(spec('f32'), data, { kernels: createKernels('f32', 'wasm') });
  const f64 = createTrainer(spec('f64'), data);
  // Same starting point: the f64 run starts from the f32 weights.
  f64.network.parameters.set(f32.network.parameters);
  for (let step = 0; step < 3; step++) {
    const a = f32.step({ stats: true }).stats!;
    const b = f64.step({ stats: true }).stats!;
    a.forEach((s, l) => {
      const t = b[l];
      const label = `step ${step} layer ${l + 1}`;
      for (const key of ['weightNorm', 'gradientNorm', 'deltaNorm', 'updateRatio', 'deadFraction', 'saturatedFraction'] as const) {
        near(s[key], t[key], 1e-4 * Math.abs(t[key]) + 1e-7, `${label} ${key}`);
      }
      for (const which of ['activation', 'delta', 'weightGradient'] as const) {
        const scale = Math.max(Math.abs(t[which].min), Math.abs(t[which].max), 1e-30);
        for (const key of ['mean', 'std', 'min', 'max'] as const) near(s[which][key], t[which][key], 1e-4 * scale, `${label} ${which}.${key}`);
      }
    });
  }
});

test('a NaN weight on the wasm f32 trainer is still reported where it sits', () => {
  for (const index of [0, 5, 17, 8 * 37 - 1, 23 * 37 - 1]) {
    const trainer = createTrainer(spec('f32'), data, { kernels: createKernels('f32', 'wasm') });
    trainer.network.layers[0].weights[index] = Number.NaN;
    const report = trainer.step({ stats: true });
    assert.equal(report.nonFinite?.layer, 1);
    assert.equal(report.nonFinite?.quantity, 'W');
    assert.equal(report.nonFinite?.index, index);
    assert.ok(Number.isNaN(report.nonFinite?.value));
  }
  const trainer = createTrainer(spec('f32'), data, { kernels: createKernels('f32', 'wasm') });
  trainer.network.layers[1].bias[10] = Infinity;
  const report = trainer.step({ stats: true });
  assert.deepEqual(report.nonFinite, { layer: 2, quantity: 'b', index: 10, value: Infinity });
});
