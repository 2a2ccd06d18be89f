// Finite-difference checks of the engine's backward pass for every hidden activation × output
// activation/loss pairing and for depths 1–4, in float64. The numerical gradient is taken of an
// independent per-sample reference loss (helpers.ts), not of the engine's own forward pass.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ACTIVATIONS, type ActivationName, type LayerSpec, type LossName, type ModelSpec } from '../../../src/core/spec';
import { createTrainer } from '../../../src/engine';
import { GradientCheckInterrupted } from '../../../src/engine/gradientCheck';
import { DEFAULT_THRESHOLDS } from '../../../src/core/gradientCheckReport';
import { Random } from '../../../src/core/random';
import { REPO_ROOT } from '../../support/repoRoot';
import { layer, model, randomData, referenceLoss, toRows } from './helpers';

const HIDDEN = ACTIVATIONS.filter((a) => a !== 'softmax');
/** Output activation + loss pairs that make sense (BCE and CE need outputs in (0, 1)). */
const OUTPUTS: [ActivationName, LossName][] = [
  ['softmax', 'cross_entropy'],
  ['sigmoid', 'cross_entropy'],
  ['sigmoid', 'binary_cross_entropy'],
  ['softmax', 'binary_cross_entropy'],
  ...ACTIVATIONS.map((a): [ActivationName, LossName] => [a, 'mse']),
];

function hidden(units: number, activation: ActivationName): LayerSpec {
  return layer(units, activation, { init: 'uniform', initRange: 0.9, negativeSlope: 0.1, alpha: 0.7, beta: 1.5 });
}

/** Compares the engine's ∂L/∂θ with central differences of the reference loss; returns the max relative error. */
function check(spec: ModelSpec, samples = 5): number {
  const outputs = spec.layers[spec.layers.length - 1].units;
  const data = randomData(samples, spec.input, outputs, spec.loss, 7);
  const trainer = createTrainer(spec, data);
  // Biases start at zero; give them values so no unit sits exactly on a kink (relu at z = 0).
  const random = new Random(11);
  for (const l of trainer.network.layers) for (let j = 0; j < l.units; j++) l.bias[j] = random.uniformIn(-0.5, 0.5);
  const report = trainer.gradientCheck();
  const { network } = trainer;
  const weights = network.layers.map((l) => toRows(l.weights, l.units, l.inputs));
  const biases = network.layers.map((l) => Array.from(l.bias));
  const xs = toRows(data.inputs, samples, spec.input);
  const ys = toRows(data.targets, samples, outputs);
  // Five-point central stencil: truncation O(ε⁴) ≈ 1e-16 and rounding ≈ 1e-12 at ε = 1e-4, so even
  // gradients of size 1e-5 are resolved to 1e-7 relative (plain central differences at ε = 1e-6
  // carry ~1e-10 absolute rounding noise, i.e. 1e-6 relative on such gradients).
  const epsilon = 1e-4;
  let worst = 0;
  const compare = (analytic: number, perturb: (delta: number) => void): void => {
    const at = (k: number): number => {
      perturb(k * epsilon);
      const value = referenceLoss(spec, weights, biases, xs, ys);
      perturb(-k * epsilon);
      return value;
    };
    // Differences first, so equal losses give exactly 0.
    const numerical = (8 * (at(1) - at(-1)) - (at(2) - at(-2))) / (12 * epsilon);
    const error = Math.abs(analytic - numerical) / Math.max(1e-8, Math.abs(analytic) + Math.abs(numerical));
    if (!(error <= worst)) worst = error;
  };
  network.layers.forEach((l, i) => {
    for (let r = 0; r < l.units; r++) {
      for (let c = 0; c < l.inputs; c++) compare(l.weightGradient[r * l.inputs + c], (d) => { weights[i][r][c] += d; });
      compare(l.biasGradient[r], (d) => { biases[i][r] += d; });
    }
  });
  // The engine's own checker must agree that the gradients are right.
  assert.ok(report.passed, `engine gradient check failed: max ${report.maxRelativeError}`);
  return worst;
}

for (const [outputActivation, loss] of OUTPUTS) {
  test(`gradients: every hidden activation → ${outputActivation} + ${loss}`, () => {
    for (const activation of HIDDEN) {
      const spec = model(3, [hidden(4, activation), hidden(4, activation), hidden(3, outputActivation)], loss, { batchSize: 5, shuffle: false });
      const error = check(spec);
      assert.ok(error <= 1e-6, `${activation} → ${outputActivation}+${loss}: max relative error ${error}`);
    }
  });
}

test('gradients: depths 1 to 4 with mixed activations', () => {
  const mixes: ActivationName[] = ['tanh', 'relu', 'gelu', 'elu', 'softplus', 'sigmoid', 'leaky_relu'];
  for (let depth = 1; depth <= 4; depth++) {
    for (const [outputActivation, loss] of OUTPUTS.slice(0, 4)) {
      const layers = Array.from({ length: depth - 1 }, (_, i) => hidden(5 - (i % 2), mixes[(depth + i) % mixes.length]));
      layers.push(hidden(2, outputActivation));
      const error = check(model(3, layers, loss, { batchSize: 6, shuffle: false }), 6);
      assert.ok(error <= 1e-6, `depth ${depth} ${outputActivation}+${loss}: ${error}`);
    }
  }
});

test('gradients: softplus on its linear branch (βz > 20) and leaky_relu with a large slope', () => {
  const spec = model(2, [layer(4, 'softplus', { init: 'uniform', initRange: 3, beta: 30 }), layer(3, 'leaky_relu', { init: 'uniform', initRange: 1, negativeSlope: 0.5 }), layer(2, 'linear')], 'mse', { batchSize: 6, shuffle: false });
  const error = check(spec, 6);
  assert.ok(error <= 1e-6, `max relative error ${error}`);
});

test('gradient check: f32 networks pass the f32 criterion and parameters are restored bit for bit', () => {
  const spec = model(3, [hidden(6, 'tanh'), hidden(3, 'softmax')], 'cross_entropy', { batchSize: 8, precision: 'f32' });
  const trainer = createTrainer(spec, randomData(8, 3, 3, 'cross_entropy', 3));
  const bytes = (): Uint8Array => {
    const p = trainer.network.parameters;
    return new Uint8Array(p.buffer, p.byteOffset, p.byteLength).slice();
  };
  const before = bytes();
  const report = trainer.gradientCheck();
  assert.deepEqual(bytes(), before);
  assert.equal(report.precision, 'f32');
  assert.ok(report.passed, `f32 check: max ${report.maxRelativeError}, mean ${report.meanRelativeError}`);
  assert.ok(report.meanRelativeError <= DEFAULT_THRESHOLDS.f32.meanRelativeError);
  assert.ok(report.maxRelativeError <= DEFAULT_THRESHOLDS.f32.maxRelativeError);
});

test('gradient check: a wrong backward rule is caught, and sampling checks the requested count', () => {
  const spec = model(3, [hidden(5, 'tanh'), hidden(2, 'sigmoid')], 'binary_cross_entropy', { batchSize: 4 });
  const trainer = createTrainer(spec, randomData(4, 3, 2, 'binary_cross_entropy', 5));
  const sampled = trainer.gradientCheck({ samplesPerLayer: 3, seed: 9 });
  assert.equal(sampled.layers[0].weights.checked, 3);
  assert.equal(sampled.layers[0].bias.checked, 3);
  assert.equal(sampled.layers[1].bias.checked, 2);
  assert.ok(sampled.passed);
  // Break the hidden layer's derivative: the check must fail.
  const hiddenLayer = trainer.network.layers[0] as { activation: unknown };
  const original = hiddenLayer.activation as { forward: unknown; backward: unknown };
  hiddenLayer.activation = { ...original, backward: () => undefined };
  const broken = trainer.gradientCheck();
  hiddenLayer.activation = original;
  assert.equal(broken.passed, false);
  assert.ok(broken.layers[0].weights.maxRelativeError > 1e-3);
});

test('gradient check: an abort between parameters leaves weights, gradients and a later check untouched', () => {
  const spec = model(3, [layer(6, 'tanh'), layer(3, 'softmax')], 'cross_entropy', { batchSize: 8, precision: 'f64' });
  const trainer = createTrainer(spec, randomData(8, 3, 3, 'cross_entropy', 3));
  const uninterrupted = trainer.gradientCheck();
  const parameters = Float64Array.from(trainer.network.parameters);
  const gradients = Float64Array.from(trainer.network.gradients);
  let polls = 0;
  // Abort at the 10th parameter: inside layer 1's weights, after nine perturb-and-restore rounds.
  assert.throws(() => trainer.gradientCheck({ abort: () => ++polls >= 10 }), GradientCheckInterrupted);
  assert.equal(polls, 10, 'polled once per parameter until the abort');
  assert.deepEqual(Float64Array.from(trainer.network.parameters), parameters, 'every parameter restored bit for bit');
  assert.deepEqual(Float64Array.from(trainer.network.gradients), gradients, 'gradients describe the unperturbed weights again');
  assert.deepEqual(trainer.gradientCheck(), uninterrupted, 'a later check reports exactly what it did before');
});

test('gradient check: the pass thresholds are the ones the README promises per precision', () => {
  // README, "Gradient check": "(f64: max ≤ 1e-5, mean ≤ 1e-6; f32: max ≤ 0.5, mean ≤ 1e-2; …)".
  const readme = readFileSync(resolve(REPO_ROOT, 'README.md'), 'utf8');
  for (const precision of ['f64', 'f32'] as const) {
    const stated = new RegExp(`${precision}: max ≤ ([\\d.e-]+), mean ≤ ([\\d.e-]+)`).exec(readme);
    assert.ok(stated, `the README states the ${precision} thresholds`);
    const { maxRelativeError, meanRelativeError } = DEFAULT_THRESHOLDS[precision];
    assert.deepEqual({ maxRelativeError, meanRelativeError }, { maxRelativeError: Number(stated[1]), meanRelativeError: Number(stated[2]) }, precision);
  }
});
