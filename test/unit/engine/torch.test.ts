// The engine's gradients against PyTorch autograd (float64) on the same weights and batch, through
// test/fixtures/torch/reference.py. Requires python3 with torch (Debian: python3-torch); without it
// this test FAILS, on purpose: it is the independent reference the engine is held to.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { join } from 'node:path';
import { createTrainer } from '../../../src/engine';
import type { ActivationName, LossName } from '../../../src/core/spec';
import { layer, model, randomData, toRows } from './helpers';

const SCRIPT = join(process.cwd(), 'test', 'fixtures', 'torch', 'reference.py');

/** The first interpreter that can import torch: $GRADIENT_LENS_PYTHON, python3 on PATH, then Debian's /usr/bin/python3. */
function findPython(): string | undefined {
  const candidates = [process.env.GRADIENT_LENS_PYTHON, 'python3', '/usr/bin/python3'].filter((c): c is string => !!c);
  return candidates.find((c) => spawnSync(c, ['-c', 'import torch'], { encoding: 'utf8' }).status === 0);
}

const CASES: { hidden: ActivationName[]; output: ActivationName; loss: LossName }[] = [
  { hidden: ['relu', 'tanh'], output: 'softmax', loss: 'cross_entropy' },
  { hidden: ['sigmoid', 'gelu'], output: 'softmax', loss: 'cross_entropy' },
  { hidden: ['elu', 'softplus'], output: 'sigmoid', loss: 'binary_cross_entropy' },
  { hidden: ['leaky_relu'], output: 'sigmoid', loss: 'binary_cross_entropy' },
  { hidden: ['gelu', 'leaky_relu', 'tanh'], output: 'linear', loss: 'mse' },
  { hidden: ['softplus', 'relu'], output: 'tanh', loss: 'mse' },
  { hidden: ['elu'], output: 'softmax', loss: 'mse' },
];

test('PyTorch autograd agrees with the engine to 1e-9 relative', () => {
  const python = findPython();
  if (python === undefined) {
    assert.fail('python3 with torch is required for the PyTorch reference test: install python3-torch (apt-get install python3-torch) or set GRADIENT_LENS_PYTHON to an interpreter that has torch');
  }
  for (const [caseIndex, c] of CASES.entries()) {
    const layers = [...c.hidden.map((a, i) => layer(5 + i, a, { init: 'uniform', initRange: 0.8, negativeSlope: 0.05, alpha: 0.8, beta: 2 })), layer(3, c.output, { init: 'uniform', initRange: 0.8 })];
    const spec = model(4, layers, c.loss, { batchSize: 6, seed: 20 + caseIndex });
    const data = randomData(6, 4, 3, c.loss, 30 + caseIndex);
    if (c.loss === 'cross_entropy' && caseIndex === 1) {
      // Non-normalized probability targets for one case.
      for (let i = 0; i < data.targets.length; i++) (data.targets as Float64Array)[i] = ((i * 7) % 5) / 4;
    }
    const trainer = createTrainer(spec, data);
    for (const l of trainer.network.layers) for (let j = 0; j < l.units; j++) l.bias[j] = Math.sin(j + 1) * 0.3;
    trainer.gradientCheck({ samplesPerLayer: 0 }); // loads the first batch and computes ∂L/∂θ
    const { network } = trainer;
    const request = {
      loss: c.loss,
      layers: network.layers.map((l) => ({ activation: l.spec.activation, negativeSlope: l.spec.negativeSlope, alpha: l.spec.alpha, beta: l.spec.beta, weights: toRows(l.weights, l.units, l.inputs), bias: Array.from(l.bias) })),
      inputs: toRows(network.input, 6, 4),
      targets: toRows(network.target, 6, 3),
    };
    const result: SpawnSyncReturns<string> = spawnSync(python, [SCRIPT], { input: JSON.stringify(request), encoding: 'utf8' });
    assert.equal(result.status, 0, `reference.py failed: ${result.stderr}`);
    const torch = JSON.parse(result.stdout) as { loss: number; weightGradients: number[][][]; biasGradients: number[][] };
    network.forward(6);
    const loss = network.lossValue(6);
    assert.ok(Math.abs(loss - torch.loss) <= 1e-9 * Math.abs(torch.loss), `case ${caseIndex}: loss ${loss} vs ${torch.loss}`);
    network.layers.forEach((l, i) => {
      const expected = [...torch.weightGradients[i].flat(), ...torch.biasGradients[i]];
      const actual = [...l.weightGradient, ...l.biasGradient];
      for (let k = 0; k < expected.length; k++) {
        const error = Math.abs(actual[k] - expected[k]) / Math.max(1e-12, Math.abs(actual[k]) + Math.abs(expected[k]));
        assert.ok(error <= 1e-9, `case ${caseIndex} (${c.hidden.join(',')}→${c.output}+${c.loss}) layer ${i + 1} param ${k}: ${actual[k]} vs ${expected[k]}`);
      }
      assert.ok(expected.some((v) => v !== 0));
    });
  }
});
