// after − before of one layer at one step: element-wise where the shapes match, NaN kept visible,
// and a note instead of numbers where the layer's shape changed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LayerSnapshot } from '../../../../src/protocol/panelMessages';
import { layerDifference } from '../../../../webview/timeline/layerDifference';
import { layerStats } from '../../../fixtures/layerStats';

function layer(units: number, inputs: number, dW: number[], gradientNorm = 1): LayerSnapshot {
  return {
    index: 2, units, inputs, activation: 'relu',
    stats: layerStats({ gradientNorm }),
    tensors: { dW: { shape: [units, inputs], data: Float32Array.from(dW) } },
  };
}

test('same shape: after − before per element and the largest magnitude', () => {
  const difference = layerDifference(layer(2, 2, [1, 2, 3, 4], 0.5), layer(2, 2, [1, 2.5, 2, 4], 0.25));
  assert.equal(difference.shapeNote, undefined);
  const [dW] = difference.quantities;
  assert.equal(dW.quantity, 'dW');
  assert.deepEqual([dW.rows, dW.cols], [2, 2]);
  assert.deepEqual(Array.from(dW.values), [0, -0.5, 1, 0]);
  assert.equal(dW.maxAbs, 1);
  assert.deepEqual(difference.gradientNorm, { before: 0.25, after: 0.5 });
});

test('identical tensors differ by exactly zero', () => {
  const values = [0.1, -0.2, 0.3, -0.4, 0.5, -0.6];
  const [dW] = layerDifference(layer(2, 3, values), layer(2, 3, values)).quantities;
  assert.equal(dW.maxAbs, 0);
  assert.ok(dW.values.every((v) => v === 0));
});

test('a NaN on either side makes the largest change NaN, not 0', () => {
  const [dW] = layerDifference(layer(1, 2, [Number.NaN, 1]), layer(1, 2, [0, 1])).quantities;
  assert.ok(Number.isNaN(dW.maxAbs));
});

test('a changed shape or a new layer gives a note and no element-wise difference', () => {
  const changed = layerDifference(layer(3, 2, [1, 2, 3, 4, 5, 6]), layer(2, 2, [1, 2, 3, 4]));
  assert.deepEqual(changed.quantities, []);
  assert.match(changed.shapeNote ?? '', /shape changed: 2 → 2 before the edit, 2 → 3 after/);
  const added = layerDifference(layer(2, 2, [1, 2, 3, 4]), undefined);
  assert.match(added.shapeNote ?? '', /did not exist before the edit/);
});

test('a and Δ of snapshots carrying different windows of the batch are not compared; the gradient still is', () => {
  const withRows = (values: number[]): LayerSnapshot => {
    const base = layer(2, 2, [1, 2, 3, 4]);
    const rows = { shape: [1, 2], data: Float32Array.from(values) };
    return { ...base, tensors: { ...base.tensors, a: rows, delta: rows } };
  };
  const quantities = (sameRows: boolean) => layerDifference(withRows([1, 2]), withRows([3, 4]), sameRows).quantities.map((q) => q.quantity);
  assert.deepEqual(quantities(true), ['dW', 'a', 'delta']);
  assert.deepEqual(quantities(false), ['dW']);
});
