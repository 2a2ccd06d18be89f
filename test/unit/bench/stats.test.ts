// The benchmark's pure helpers: medians, FLOP counts, the loss-agreement gate and table layout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createJsKernels, createTrainer } from '../../../src/engine';
import { randomClassification } from '../worker/models';
import { flopsPerStep, formatNumber, lossDisagreements, median, pairedRatios, percentile, relativeDifference, renderTable, rotation } from '../../../bench/stats';

test('median and percentile', () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.ok(Number.isNaN(median([])));
  assert.equal(percentile([5, 1, 4, 2, 3], 50), 3);
  assert.equal(percentile([5, 1, 4, 2, 3], 100), 5);
  assert.equal(percentile([5, 1, 4, 2, 3], 0), 1);
});

test('flops per step are the matrix products one engine step executes', () => {
  // Count 2·m·n·k of every product the engine's kernels are asked for during one step.
  for (const [sizes, batch] of [[[784, 256, 128, 10], 64], [[2, 16, 16, 3], 32], [[5, 7], 4]] as const) {
    let counted = 0;
    const kernels = createJsKernels('f32');
    const { gemmNT, gemmTN, gemmNN } = kernels;
    kernels.gemmNT = (m, n, k, a, b, c, bias) => { counted += 2 * m * n * k; gemmNT.call(kernels, m, n, k, a, b, c, bias); };
    kernels.gemmTN = (m, n, k, a, b, c) => { counted += 2 * m * n * k; gemmTN.call(kernels, m, n, k, a, b, c); };
    kernels.gemmNN = (m, n, k, a, b, c) => { counted += 2 * m * n * k; gemmNN.call(kernels, m, n, k, a, b, c); };
    const layers = sizes.slice(1).map((units, i) => ({ units, activation: i === sizes.length - 2 ? 'softmax' : 'relu' }));
    const text = JSON.stringify({ name: 'count', input: sizes[0], layers, loss: 'cross_entropy', data: { source: 'csv', path: 'x.csv', target: 'label' },
      training: { batchSize: batch, validationSplit: 0, precision: 'f32' } });
    const { spec, dataset } = randomClassification(text, batch, sizes[0], sizes[sizes.length - 1]);
    createTrainer(spec, dataset, { kernels }).step();
    assert.equal(flopsPerStep(sizes, batch), counted, sizes.join('-'));
  }
});

test('relative difference is symmetric and 0 for equal values', () => {
  assert.equal(relativeDifference(2, 2), 0);
  assert.equal(relativeDifference(1, 1.0001), relativeDifference(1.0001, 1));
  assert.ok(Math.abs(relativeDifference(100, 101) - 1 / 101) < 1e-15);
});

test('loss agreement: close traces pass, a no-op peer, a NaN or a missing step fails', () => {
  const reference = { peer: 'ref', losses: [2.3, 2.1, 1.9] };
  assert.deepEqual(lossDisagreements(reference, [{ peer: 'close', losses: [2.30001, 2.2, 1.90001] }], 1e-4), []);
  const noop = lossDisagreements(reference, [{ peer: 'noop', losses: [2.3, 2.3, 2.3] }], 1e-4);
  assert.deepEqual(noop.map((d) => [d.peer, d.step]), [['noop', 3]]);
  assert.equal(lossDisagreements(reference, [{ peer: 'nan', losses: [Number.NaN, 2.1, 1.9] }], 1e-4)[0].step, 1);
  assert.equal(lossDisagreements(reference, [{ peer: 'short', losses: [2.3] }], 1e-4)[0].step, 3);
  assert.equal(lossDisagreements({ peer: 'bad', losses: [Number.NaN] }, [], 1e-4).length, 2);
});

test('paired ratios skip rounds without a positive denominator', () => {
  assert.deepEqual(pairedRatios([10, 20, 30], [5, 0, 10, 1]), [2, 3]);
});

test('rotation shifts the order by the round', () => {
  assert.deepEqual(rotation(['a', 'b', 'c'], 0), ['a', 'b', 'c']);
  assert.deepEqual(rotation(['a', 'b', 'c'], 1), ['b', 'c', 'a']);
  assert.deepEqual(rotation(['a', 'b', 'c'], 5), ['c', 'a', 'b']);
  assert.deepEqual(rotation([], 3), []);
});

test('number formatting keeps ~3 significant digits and groups thousands', () => {
  assert.equal(formatNumber(36611.4), '36 611');
  assert.equal(formatNumber(8.543), '8.54');
  assert.equal(formatNumber(0.0645), '0.0645');
  assert.equal(formatNumber(0), '0');
});

test('tables pad the first column left and the others right', () => {
  assert.equal(renderTable(['p', 'v'], [['ab', '1'], ['c', '22']]), 'p    v\n--  --\nab   1\nc   22');
});
