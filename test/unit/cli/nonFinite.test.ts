// The built CLI on the sample that diverges: it must name the first NaN/±Inf of the run (step,
// layer, quantity, index), found here independently by scanning every buffer of every step in
// computation order with Number.isFinite, not only at epoch ends where the damage has spread.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createTrainer, type FloatArray, type Network } from '../../../src/engine';
import { createKernels } from '../../../src/engine/kernels/select';
import { resolveModel } from '../../../src/model';
import { noFiles } from '../data/readers';

const ROOT = resolve(__dirname, '../../../..');
const SAMPLE = 'samples/deep-relu-bad-init.nn.json';

interface FirstNonFinite { step: number; layer: number; quantity: string; index: number; value: number }

/** The first non-finite value of one step: forward W, b, z, a for l = 1…L, the loss, then δ, ∂L/∂W, ∂L/∂b for l = L…1. */
function scan(network: Network<FloatArray>, rows: number, loss: number): Omit<FirstNonFinite, 'step'> | undefined {
  const first = (layer: number, quantity: string, values: FloatArray, count: number) => {
    for (let index = 0; index < count; index++) {
      if (!Number.isFinite(values[index])) return { layer, quantity, index, value: values[index] };
    }
    return undefined;
  };
  const { layers } = network;
  for (let l = 0; l < layers.length; l++) {
    const layer = layers[l];
    const found = first(l + 1, 'W', layer.weights, layer.units * layer.inputs) ?? first(l + 1, 'b', layer.bias, layer.units) ??
      first(l + 1, 'z', layer.z, rows * layer.units) ?? first(l + 1, 'a', layer.a, rows * layer.units);
    if (found) return found;
  }
  if (!Number.isFinite(loss)) return { layer: 0, quantity: 'loss', index: 0, value: loss };
  for (let l = layers.length - 1; l >= 0; l--) {
    const layer = layers[l];
    const found = first(l + 1, 'delta', layer.delta, rows * layer.units) ??
      first(l + 1, 'dW', layer.weightGradient, layer.units * layer.inputs) ?? first(l + 1, 'db', layer.biasGradient, layer.units);
    if (found) return found;
  }
  return undefined;
}

async function firstNonFiniteOfRun(maxSteps: number): Promise<FirstNonFinite & { stepsPerEpoch: number }> {
  const resolved = await resolveModel(readFileSync(join(ROOT, SAMPLE), 'utf8'), noFiles);
  assert.ok(resolved.spec && resolved.dataset, resolved.diagnostics.map((d) => d.message).join('; '));
  // The CLI's kernels, so both runs compute the same numbers.
  const trainer = createTrainer(resolved.spec, resolved.dataset, { kernels: createKernels(resolved.spec.training.precision) });
  for (let step = 1; step <= maxSteps; step++) {
    let found: Omit<FirstNonFinite, 'step'> | undefined;
    trainer.step({ inspect: (network, rows, loss) => { found = scan(network, rows, loss); } });
    if (found) return { step, ...found, stepsPerEpoch: trainer.stepsPerEpoch };
  }
  throw new Error(`${SAMPLE} stayed finite for ${maxSteps} steps`);
}

test('train: the first non-finite value of deep-relu-bad-init is named at the step it arises', async () => {
  const expected = await firstNonFiniteOfRun(100);
  // Mid-epoch, so a CLI that looks only at epoch ends cannot find it at its step.
  assert.ok(expected.step % expected.stepsPerEpoch !== 0, `step ${expected.step} ends an epoch of ${expected.stepsPerEpoch} steps`);
  const result = spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), 'train', SAMPLE], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  assert.equal(result.status, 1, result.stderr);
  const where = expected.layer === 0 ? 'the loss' : `layer ${expected.layer}, ${expected.quantity}[${expected.index}]`;
  assert.ok(
    result.stderr.includes(`step ${expected.step} (--dump-steps ${expected.step - 1}): non-finite value ${expected.value} in ${where}.`),
    `expected step ${expected.step}, ${expected.value} in ${where}; got: ${result.stderr}`,
  );
});
