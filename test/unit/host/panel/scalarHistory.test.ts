// The run's kept scalars: a new run starts them over, and the byte bound drops the oldest batches.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ScalarHistory } from '../../../../src/host/panel/scalarHistory';
import type { StepScalarsMessage } from '../../../../src/protocol/stepScalars';

function scalars(firstStep: number, count: number): StepScalarsMessage {
  return { type: 'scalars', firstStep, count, layers: 1, loss: new Float32Array(count), norms: new Float32Array(count), validation: new Float64Array(0) };
}

const steps = (history: ScalarHistory) => history.all.map((m) => m.firstStep);

test('a batch that does not continue the last one starts a new run', () => {
  const history = new ScalarHistory();
  history.record(scalars(1, 10));
  history.record(scalars(11, 10));
  history.record(scalars(1, 5)); // a reset
  assert.deepEqual(steps(history), [1]);
});

test('beyond the bound the oldest batches go, never the newest', () => {
  // Each batch of 10 steps with 1 layer holds 10·4 + 10·4 = 80 bytes: 200 bytes keep two (three are 240).
  const history = new ScalarHistory(200);
  for (let first = 1; first <= 41; first += 10) history.record(scalars(first, 10));
  assert.deepEqual(steps(history), [31, 41]);
  const huge = new ScalarHistory(10);
  huge.record(scalars(1, 10));
  assert.deepEqual(steps(huge), [1], 'a single batch over the bound is still kept');
});
