// Each optimizer's update against its formula, worked out by hand in the test on tiny vectors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createAdam, createSgd } from '../../../src/engine/optimizers';
import { createTrainer } from '../../../src/engine';
import { dataset, layer, model, training } from './helpers';

const close = (actual: ArrayLike<number>, expected: number[], tolerance = 1e-15): void => {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++) assert.ok(Math.abs(actual[i] - expected[i]) <= tolerance * Math.max(1, Math.abs(expected[i])), `[${i}] ${actual[i]} vs ${expected[i]}`);
};

test('sgd: θ ← θ − η(g + λθ)', () => {
  const params = Float64Array.from([1, -2]);
  createSgd(training({ learningRate: 0.1, weightDecay: 0.5 })).step({ params, grads: Float64Array.from([0.3, 0.4]), state: new Float64Array(0), count: 2, learningRate: 0.1, t: 1 });
  // 1 − 0.1·(0.3 + 0.5·1) = 0.92; −2 − 0.1·(0.4 − 1) = −1.94
  close(params, [0.92, -1.94]);
});

test('sgd with momentum: buf = g at t = 1, then μ·buf + g', () => {
  const params = Float64Array.from([1]);
  const state = new Float64Array(1);
  const sgd = createSgd(training({ momentum: 0.9 }));
  sgd.step({ params, grads: Float64Array.from([2]), state, count: 1, learningRate: 0.1, t: 1 }); // buf 2, θ = 1 − 0.2 = 0.8
  close(params, [0.8]);
  sgd.step({ params, grads: Float64Array.from([1]), state, count: 1, learningRate: 0.1, t: 2 }); // buf 0.9·2 + 1 = 2.8, θ = 0.8 − 0.28 = 0.52
  close(params, [0.52]);
  close(state, [2.8]);
});

test('sgd with Nesterov momentum: step along g + μ·buf', () => {
  const params = Float64Array.from([1]);
  const state = new Float64Array(1);
  const sgd = createSgd(training({ momentum: 0.5, nesterov: true }));
  sgd.step({ params, grads: Float64Array.from([2]), state, count: 1, learningRate: 0.1, t: 1 }); // buf 2, dir 2 + 1 = 3, θ = 0.7
  close(params, [0.7]);
  sgd.step({ params, grads: Float64Array.from([-1]), state, count: 1, learningRate: 0.1, t: 2 }); // buf 0.5·2 − 1 = 0, dir −1 + 0 = −1, θ = 0.8
  close(params, [0.8]);
});

test('adam: bias-corrected moments as torch.optim.Adam', () => {
  const params = Float64Array.from([0.5, -1]);
  const state = new Float64Array(4);
  const spec = training({ optimizer: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0.1 });
  const adam = createAdam(spec);
  const grads = [[0.2, -0.3], [-0.1, 0.4]];
  // Hand-rolled reference of the formula, scalar by scalar.
  const theta = [0.5, -1];
  const m = [0, 0];
  const v = [0, 0];
  for (let t = 1; t <= 2; t++) {
    adam.step({ params, grads: Float64Array.from(grads[t - 1]), state, count: 2, learningRate: 0.01, t });
    for (let i = 0; i < 2; i++) {
      const g = grads[t - 1][i] + 0.1 * theta[i];
      m[i] = 0.9 * m[i] + 0.1 * g;
      v[i] = 0.999 * v[i] + 0.001 * g * g;
      const mHat = m[i] / (1 - 0.9 ** t);
      const vHat = v[i] / (1 - 0.999 ** t);
      theta[i] -= (0.01 * mHat) / (Math.sqrt(vHat) + 1e-8);
    }
    close(params, theta, 1e-12);
  }
});

test('adam: the first step moves every parameter by η against the sign of its gradient', () => {
  // Kingma & Ba: at t = 1 the bias-corrected moments are m̂ = g and v̂ = g², so the step is
  // η·g/(|g| + ε), η·sign(g) to within η·ε/|g| whatever the gradient's size.
  const learningRate = 0.01;
  const weightDecay = 0.1;
  const theta = [0.5, -1, 0.01];
  const grads = [0.2, -0.3, -4e-3]; // the last is tiny (−3e-3 with the decay) and moves as far as the others
  const params = Float64Array.from(theta);
  createAdam(training({ optimizer: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay }))
    .step({ params, grads: Float64Array.from(grads), state: new Float64Array(2 * theta.length), count: theta.length, learningRate, t: 1 });
  theta.forEach((value, i) => {
    const gradient = grads[i] + weightDecay * value; // L2 decay joins the gradient, as torch.optim.Adam
    const moved = value - params[i];
    assert.ok(Math.abs(moved - learningRate * Math.sign(gradient)) <= learningRate * 1e-8 / Math.abs(gradient) + 1e-15,
      `[${i}] moved ${moved}, expected ${learningRate * Math.sign(gradient)}`);
  });
});

test('a trainer step applies θ ← θ − η·∂L/∂θ to the captured W, b and gradients', () => {
  const spec = model(2, [layer(3, 'tanh'), layer(1, 'sigmoid')], 'binary_cross_entropy', { learningRate: 0.25, batchSize: 4, precision: 'f64' });
  const trainer = createTrainer(spec, dataset([[0, 0], [0, 1], [1, 0], [1, 1]], [[0], [1], [1], [0]], 'binary'));
  const W = new Float32Array(6), dW = new Float32Array(6), b = new Float32Array(3), db = new Float32Array(3);
  trainer.step({ capture: { items: [{ layer: 1, quantity: 'W', target: W }, { layer: 1, quantity: 'dW', target: dW }, { layer: 1, quantity: 'b', target: b }, { layer: 1, quantity: 'db', target: db }] } });
  const after = trainer.network.layers[0];
  for (let i = 0; i < 6; i++) assert.ok(Math.abs(after.weights[i] - (W[i] - 0.25 * dW[i])) < 1e-6);
  for (let i = 0; i < 3; i++) assert.ok(Math.abs(after.bias[i] - (b[i] - 0.25 * db[i])) < 1e-6);
  assert.ok(dW.some((v) => v !== 0));
  trainer.setLearningRate(0.5);
  assert.equal(trainer.learningRate, 0.5);
  assert.throws(() => trainer.setLearningRate(-1));
});

test('an update split into ranges equals the whole update, and measures Σ(Δθ)² of its range', () => {
  for (const spec of [training({ momentum: 0.9, nesterov: true, weightDecay: 0.01 }), training({ optimizer: 'adam', weightDecay: 0.01 })]) {
    const whole = { params: Float64Array.from([0.5, -1, 0.25, 2, -0.75]), grads: Float64Array.from([0.2, -0.3, 0.1, 0.05, -0.4]) };
    const parts = { params: whole.params.slice(), grads: whole.grads.slice() };
    const stateLength = spec.optimizer === 'adam' ? 10 : 5;
    const wholeState = new Float64Array(stateLength);
    const partState = new Float64Array(stateLength);
    const optimizer = spec.optimizer === 'adam' ? createAdam(spec) : createSgd(spec);
    for (let t = 1; t <= 3; t++) {
      optimizer.step({ ...whole, state: wholeState, count: 5, learningRate: 0.1, t });
      const before = parts.params.slice();
      const measured = optimizer.step({ ...parts, state: partState, count: 5, learningRate: 0.1, t }, 1, 4, true);
      optimizer.step({ ...parts, state: partState, count: 5, learningRate: 0.1, t }, 0, 1);
      optimizer.step({ ...parts, state: partState, count: 5, learningRate: 0.1, t }, 4, 5);
      let squares = 0;
      for (let i = 1; i < 4; i++) squares += (parts.params[i] - before[i]) ** 2;
      assert.ok(squares > 0 && Math.abs(measured - squares) <= 1e-15 * squares, `${spec.optimizer} t=${t}: ${measured} vs ${squares}`);
    }
    assert.deepEqual(parts.params, whole.params, spec.optimizer);
    assert.deepEqual(partState, wholeState, spec.optimizer);
  }
});
