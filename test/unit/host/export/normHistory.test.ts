// The norm history: one row per snapshot, oldest dropped beyond the bound, and its CSV.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NormHistory, normHistoryToCsv } from '../../../../src/host/export/normHistory';
import type { SnapshotMessage } from '../../../../src/protocol/panelMessages';
import type { LayerStats } from '../../../../src/core/snapshot';
import { layerStats } from '../../../fixtures/layerStats';
import { readCsv } from '../../../support/csvText';

function snapshot(step: number, norms: number[]): SnapshotMessage {
  const stats = (n: number): LayerStats => layerStats({ weightNorm: n + 0.5, gradientNorm: n, deltaNorm: n / 2, updateRatio: n / 100 });
  return {
    type: 'snapshot', seq: step,
    run: { state: 'training', step, epoch: Math.floor(step / 10), loss: 1 / step, stepsPerSecond: 1, learningRate: 0.1, sampleIndex: 0, batchSize: 4 },
    layers: norms.map((n, i) => ({ index: i + 1, units: 2, inputs: 2, activation: 'tanh', stats: stats(n), tensors: {} })),
  };
}

test('keeps the newest rows up to its capacity, oldest first', () => {
  const history = new NormHistory(3);
  for (let step = 1; step <= 5; step++) history.record(snapshot(step, [step]));
  assert.equal(history.length, 3);
  assert.deepEqual(history.rows.map((row) => row.step), [3, 4, 5]);
  history.clear();
  assert.deepEqual(history.rows, []);
});

test('CSV: a header per layer group, one line per row with the recorded numbers', () => {
  const history = new NormHistory();
  history.record(snapshot(1, [2, 4]));
  history.record(snapshot(12, [0.25, Number.NaN]));
  const { header, rows } = readCsv(normHistoryToCsv(history.rows));
  assert.deepEqual(header, ['step', 'epoch', 'loss', 'grad_norm_1', 'weight_norm_1', 'delta_norm_1', 'update_ratio_1', 'grad_norm_2', 'weight_norm_2', 'delta_norm_2', 'update_ratio_2']);
  assert.equal(rows.length, 2);
  assert.deepEqual(rows[0].map(Number), [1, 0, 1, 2, 2.5, 1, 0.02, 4, 4.5, 2, 0.04]);
  assert.deepEqual(rows[1].slice(0, 7).map(Number), [12, 1, 1 / 12, 0.25, 0.75, 0.125, 0.0025]);
  assert.equal(rows[1][7], 'NaN');
});
