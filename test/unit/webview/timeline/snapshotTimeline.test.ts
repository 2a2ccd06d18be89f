// The panel's timeline over real-shaped snapshots: byte estimates from the tensors, eviction by the
// budget, reset detection, the run before an edit kept for comparison, and step look-ups.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SnapshotMessage } from '../../../../src/protocol/panelMessages';
import { LAYER_OVERHEAD_BYTES, SNAPSHOT_OVERHEAD_BYTES, snapshotBytes } from '../../../../webview/timeline/snapshotBytes';
import { SnapshotTimeline } from '../../../../webview/timeline/snapshotTimeline';
import { layerStats } from '../../../fixtures/layerStats';

const stats = layerStats();

/** One dense layer 4 → 3 with a ∂L/∂W of `fill` (12 floats = 48 bytes). */
function snapshot(step: number, fill = step): SnapshotMessage {
  return {
    type: 'snapshot', seq: step,
    run: { state: 'training', step, epoch: 0, loss: 1, stepsPerSecond: 1, learningRate: 0.1, sampleIndex: 0, batchSize: 2 },
    layers: [{ index: 1, units: 3, inputs: 4, activation: 'tanh', stats, tensors: { dW: { shape: [3, 4], data: new Float32Array(12).fill(fill) } } }],
  };
}

const perSnapshot = SNAPSHOT_OVERHEAD_BYTES + LAYER_OVERHEAD_BYTES + 12 * 4;

test('snapshotBytes counts every tensor byte plus the fixed allowances', () => {
  assert.equal(snapshotBytes(snapshot(1)), perSnapshot);
  const bigger = snapshot(1);
  const withActivations = { ...bigger, layers: [{ ...bigger.layers[0], tensors: { ...bigger.layers[0].tensors, a: { shape: [2, 3], data: new Float32Array(6) } } }] };
  assert.equal(snapshotBytes(withActivations), perSnapshot + 24);
});

test('keeps the newest snapshots within the count budget and within the byte budget', () => {
  const timeline = new SnapshotTimeline();
  timeline.setBudget({ snapshots: 5, maxBytes: 1e9 });
  for (let step = 1; step <= 12; step++) timeline.record(snapshot(step));
  assert.deepEqual(timeline.steps(), [8, 9, 10, 11, 12]);
  // Three snapshots' worth of bytes (and a little): the byte bound is now the tighter one.
  timeline.setBudget({ snapshots: 5, maxBytes: 3 * perSnapshot + 10 });
  assert.deepEqual(timeline.steps(), [10, 11, 12]);
  timeline.record(snapshot(13));
  assert.deepEqual(timeline.steps(), [11, 12, 13]);
  assert.ok(timeline.totalBytes <= 3 * perSnapshot + 10);
});

test('looks snapshots up by step; a lower step starts over, the same step is kept once', () => {
  const timeline = new SnapshotTimeline();
  for (const step of [2, 5, 9, 14]) timeline.record(snapshot(step));
  assert.equal(timeline.at(9)?.layers[0].tensors.dW?.data[0], 9);
  assert.equal(timeline.at(6), undefined);
  timeline.record(snapshot(14, 99));
  assert.equal(timeline.at(14)?.layers[0].tensors.dW?.data[0], 14);
  timeline.record(snapshot(1)); // reset
  assert.deepEqual(timeline.steps(), [1]);
});

test('an edit keeps the run before it; replays of the same run and a fresh load do not', () => {
  const timeline = new SnapshotTimeline();
  assert.equal(timeline.startRun({ id: 1, reason: 'load' }), true);
  for (const step of [1, 2, 3, 4]) timeline.record(snapshot(step, 10 + step));
  assert.equal(timeline.hasPrevious, false);
  assert.equal(timeline.startRun({ id: 1, reason: 'load' }), false, 'a replayed layout is the same run');
  assert.deepEqual(timeline.steps(), [1, 2, 3, 4]);

  assert.equal(timeline.startRun({ id: 2, reason: 'edit' }), true);
  assert.deepEqual(timeline.steps(), []);
  assert.equal(timeline.hasPrevious, true);
  for (const step of [2, 3, 5]) timeline.record(snapshot(step, 20 + step));
  assert.deepEqual(timeline.previousSteps(), [1, 2, 3, 4]);
  assert.deepEqual(timeline.commonSteps(), [2, 3]);
  assert.equal(timeline.previousAt(3)?.layers[0].tensors.dW?.data[0], 13);
  assert.equal(timeline.at(3)?.layers[0].tensors.dW?.data[0], 23);

  timeline.startRun({ id: 3, reason: 'load' });
  assert.equal(timeline.hasPrevious, false);
  assert.deepEqual(timeline.commonSteps(), []);
});
