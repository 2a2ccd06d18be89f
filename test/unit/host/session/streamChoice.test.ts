// What a session streams, from the settings and the panel: the panel's quantities outlast a
// settings change, and the pace moves only when its own setting changed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StreamChoice } from '../../../../src/host/session/streamChoice';

const DEFAULTS = { snapshotRate: 30, quantities: ['dW'] as const, pace: '100' as const };

test('settings set the rate always, the quantities until the panel chose its own', () => {
  const stream = new StreamChoice(DEFAULTS);
  stream.applyDefaults({ ...DEFAULTS, snapshotRate: 10, quantities: ['W'] });
  assert.deepEqual([stream.settings.rate, stream.settings.quantities], [10, ['W']]);
  stream.chooseView(['a', 'delta'], [2]);
  stream.applyDefaults({ ...DEFAULTS, snapshotRate: 20, quantities: ['W'] });
  assert.deepEqual([stream.settings.rate, stream.settings.quantities, stream.settings.layers], [20, ['a', 'delta'], [2]]);
});

test('a pace picked in the panel survives a settings change that left the pace setting alone', () => {
  const stream = new StreamChoice(DEFAULTS);
  stream.change({ pace: '1' });
  assert.equal(stream.applyDefaults({ ...DEFAULTS, snapshotRate: 10 }), undefined);
  assert.equal(stream.pace, '1');
  assert.equal(stream.applyDefaults({ ...DEFAULTS, pace: 'full' }), 'full');
  assert.equal(stream.pace, 'full');
});
