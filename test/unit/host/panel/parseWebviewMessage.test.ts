// The host's gate on everything the webview posts: each message type accepted in its exact
// shape, and every way a field can be wrong rejected with a reason.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LIMITS } from '../../../../src/core/limits';
import { RUN_COMMANDS } from '../../../../src/protocol/panelMessages';
import { parseWebviewMessage } from '../../../../src/host/panel/parseWebviewMessage';
import { PACES } from '../../../../src/core/pace';
import { QUANTITIES } from '../../../../src/core/snapshot';

function accepts(value: unknown): void {
  const result = parseWebviewMessage(value);
  assert.deepEqual(result, { ok: true, message: value }, JSON.stringify(value));
}

function rejects(value: unknown, reason: RegExp): void {
  const result = parseWebviewMessage(value);
  assert.equal(result.ok, false, `accepted ${JSON.stringify(value)}`);
  if (!result.ok) assert.match(result.reason, reason);
}

test('accepts every well-formed message', () => {
  accepts({ type: 'ready' });
  accepts({ type: 'ack', seq: 0 });
  accepts({ type: 'ack', seq: Number.MAX_SAFE_INTEGER });
  for (const name of RUN_COMMANDS) accepts({ type: 'command', name });
  accepts({ type: 'setLearningRate', value: 1e-4 });
  accepts({ type: 'setLearningRate', value: LIMITS.maxLearningRate });
  accepts({ type: 'selectSample', index: 0 });
  accepts({ type: 'selectSample', index: LIMITS.maxBatchSize - 1 });
  accepts({ type: 'setView', quantities: [], layers: [] });
  accepts({ type: 'setView', quantities: [...QUANTITIES], layers: [1, 2, LIMITS.maxLayers] });
});

test('rejects values that are not plain message objects', () => {
  for (const value of [undefined, null, 42, 'ready', [], [{ type: 'ready' }], new Date(), Object.create({ type: 'ready' })]) {
    rejects(value, /not a plain object|unknown message type/);
  }
  rejects({}, /unknown message type/);
  rejects({ type: 'snapshot' }, /unknown message type "snapshot"/);
  rejects({ type: 'READY' }, /unknown message type/);
  rejects({ type: 'toString' }, /unknown message type/);
  rejects({ type: '__proto__' }, /unknown message type/);
});

test('rejects extra and missing fields', () => {
  rejects({ type: 'ready', seq: 1 }, /ready: unexpected field 'seq'/);
  rejects({ type: 'ack', seq: 1, drawn: true }, /unexpected field 'drawn'/);
  rejects({ type: 'ack' }, /ack: missing field 'seq'/);
  rejects({ type: 'setView', quantities: [] }, /missing field 'layers'/);
  rejects(JSON.parse('{"type":"command","name":"train","__proto__":{"x":1}}'), /unexpected field '__proto__'/);
});

test('ack: non-negative safe integers only', () => {
  for (const seq of [-1, 1.5, Number.NaN, Infinity, 2 ** 53, '3', null]) rejects({ type: 'ack', seq }, /seq must be/);
});

test('command: known names only', () => {
  for (const name of ['Train', 'delete', '', 3, undefined]) rejects({ type: 'command', name }, /unknown name/);
});

test('setLearningRate: finite, positive, within the limit', () => {
  for (const value of [0, -0.1, Number.NaN, Infinity, LIMITS.maxLearningRate * 1.0001]) {
    rejects({ type: 'setLearningRate', value }, /finite number in \(0, 10\]/);
  }
  for (const value of ['0.1', null]) rejects({ type: 'setLearningRate', value }, /must be a number/);
});

test('selectSample: an integer row of a batch', () => {
  for (const index of [-1, 0.5, LIMITS.maxBatchSize, Number.NaN, '1']) rejects({ type: 'selectSample', index }, /index must be an integer/);
});

test('setView: known, distinct quantities and layer indices, no holes', () => {
  rejects({ type: 'setView', quantities: ['dW', 'grad'], layers: [] }, /unknown quantity/);
  rejects({ type: 'setView', quantities: ['dW', 'dW'], layers: [] }, /duplicate quantity/);
  rejects({ type: 'setView', quantities: 'dW', layers: [] }, /quantities must be an array/);
  rejects({ type: 'setView', quantities: [...QUANTITIES, 'a'], layers: [] }, /at most 7 names/);
  rejects({ type: 'setView', quantities: [], layers: [0] }, /layer indices must be integers/);
  rejects({ type: 'setView', quantities: [], layers: [LIMITS.maxLayers + 1] }, /layer indices/);
  rejects({ type: 'setView', quantities: [], layers: [1.5] }, /layer indices/);
  rejects({ type: 'setView', quantities: [], layers: [2, 2] }, /duplicate layer/);
  // eslint-disable-next-line no-sparse-arrays
  rejects({ type: 'setView', quantities: ['a', , 'dW'], layers: [] }, /unknown quantity/);
  rejects({ type: 'setView', quantities: [], layers: Array.from({ length: LIMITS.maxLayers + 1 }, (_, i) => i + 1) }, /at most 64 indices/);
});

test('setView: the accepted message is a copy the caller cannot change afterwards', () => {
  const quantities = ['dW'];
  const result = parseWebviewMessage({ type: 'setView', quantities, layers: [1] });
  quantities.push('grad');
  assert.ok(result.ok && result.message.type === 'setView');
  assert.deepEqual(result.message.quantities, ['dW']);
});

test('setPace: one of the listed paces, as a string', () => {
  for (const pace of PACES) accepts({ type: 'setPace', pace });
  for (const pace of ['2', 100, 'Full', '', null, '1e3']) rejects({ type: 'setPace', pace }, /setPace: unknown pace, expected one of 1, 10, 100, 1000, full/);
  rejects({ type: 'setPace' }, /missing field 'pace'/);
});
