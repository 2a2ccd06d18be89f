// The webview's one new request of the input-space view, `setInputSpace`, through the host's gate,
// and the transfer list of the worker's input-space messages.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseWebviewMessage } from '../../../src/host/panel/parseWebviewMessage';
import { transferablesOf } from '../../../src/protocol/workerMessages';

test('setInputSpace: accepted with a boolean `visible`, rejected otherwise', () => {
  for (const visible of [true, false]) assert.deepEqual(parseWebviewMessage({ type: 'setInputSpace', visible }), { ok: true, message: { type: 'setInputSpace', visible } });
  const reasons = [
    [{ type: 'setInputSpace' }, /missing field 'visible'/],
    [{ type: 'setInputSpace', visible: 'true' }, /visible must be true or false/],
    [{ type: 'setInputSpace', visible: 1 }, /visible must be true or false/],
    [{ type: 'setInputSpace', visible: null }, /visible must be true or false/],
    [{ type: 'setInputSpace', visible: true, rate: 60 }, /unexpected field 'rate'/],
  ] as const;
  for (const [value, reason] of reasons) {
    const result = parseWebviewMessage(value);
    assert.equal(result.ok, false, JSON.stringify(value));
    if (!result.ok) assert.match(result.reason, reason);
  }
});

test('input-space messages transfer their arrays', () => {
  const outputs = new Float32Array(6);
  assert.deepEqual(transferablesOf({ type: 'predictionGrid', step: 1, inputWidth: 1, resolution: 6, domain: { min: [0], max: [1] }, outputWidth: 1, outputs }), [outputs.buffer]);
  const weights = new Float32Array(4);
  const weightGradient = new Float32Array(4);
  assert.deepEqual(transferablesOf({ type: 'firstLayerImages', step: 0, imageShape: [2, 2], units: 1, totalUnits: 1, weights, weightGradient }),
    [weights.buffer, weightGradient.buffer]);
  const inputs = new Float32Array(2);
  const targets = new Float32Array(1);
  const validation = new Uint8Array(1);
  assert.deepEqual(transferablesOf({ type: 'inputPoints', inputWidth: 2, task: 'binary', inputs, targets, validation, total: 1, domain: { min: [0, 0], max: [1, 1] } }),
    [inputs.buffer, targets.buffer, validation.buffer]);
});
