// A saved edit of a running model: unchanged, η alone (applied at once), or anything else (restart).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareSpecs } from '../../../../src/host/session/reloadDiff';
import { synthetic } from '../../worker/models';

const XOR = (learningRate: number, units = 4) => `{ "name": "xor", "layers": [{ "units": ${units}, "activation": "tanh" }, { "units": 1, "activation": "sigmoid" }],
  "loss": "binary_cross_entropy", "data": { "source": "xor" }, "training": { "batchSize": 4, "epochs": 1, "learningRate": ${learningRate} } }`;

test('the same spec, η alone, or anything else', async () => {
  const running = (await synthetic(XOR(0.1))).spec;
  assert.equal(compareSpecs(running, (await synthetic(XOR(0.1))).spec), 'none');
  assert.equal(compareSpecs(running, (await synthetic(XOR(0.5))).spec), 'learningRate');
  assert.equal(compareSpecs(running, (await synthetic(XOR(0.5, 8))).spec), 'reconfigure', 'η and a layer: the layer wins');
  assert.equal(compareSpecs(running, (await synthetic(XOR(0.1, 8))).spec), 'reconfigure');
});
