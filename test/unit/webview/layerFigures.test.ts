// A layer card's figures, prepared without a DOM: captions with symbol, shape and scope; one
// sample's row and δ = B·Δ[b, :]; the update −η·∂L/∂W; grid shapes; colour maps from the
// activation's range; notes for missing or misshapen tensors; hidden and collapsed views; the
// statistics line naming the failure the activation can have; buffers that alternate.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LayerStats, QuantityName, TensorPayload, ValueSummary } from '../../../src/core/snapshot';
import type { LayerSnapshot, RunHeader } from '../../../src/protocol/panelMessages';
import { FigureBuffers, prepareCard, type CardLayer, type CardView, type FigureId, type PreparedCard } from '../../../webview/layerFigures';
import { DEFAULT_VIEW_STATE } from '../../../webview/viewState';

const B = 4;
const LAYER: CardLayer = { index: 2, units: 3, inputs: 5, activation: 'tanh' };
const RUN: RunHeader = { state: 'paused', step: 7, epoch: 0, loss: 0.5, stepsPerSecond: 10, learningRate: 0.05, sampleIndex: 2, batchSize: B };
const ALL: CardView = { quantities: { activations: true, delta: true, weightGradient: true, weights: true, update: true, equations: false }, collapsed: false };

const summary: ValueSummary = { mean: 0, std: 1, min: -1, max: 1 };
const STATS: LayerStats = {
  weightNorm: 1.5, gradientNorm: 0.25, deltaNorm: 0.125, activation: summary, delta: summary, weightGradient: summary,
  deadFraction: 0.5, saturatedFraction: 0.0625, updateRatio: 0.001,
};

/** A tensor whose entry i is `start + i`, so any row or element it came from can be read off the value. */
function tensor(shape: number[], start: number): TensorPayload {
  const count = shape.reduce((a, b) => a * b, 1);
  return { shape, data: Float32Array.from({ length: count }, (_, i) => start + i) };
}

function snapshot(layer: CardLayer, tensors: Partial<Record<QuantityName, TensorPayload>>, stats = STATS): LayerSnapshot {
  return { ...layer, stats, tensors };
}

const FULL = {
  a: tensor([B, 3], 100), delta: tensor([B, 3], 200), dW: tensor([3, 5], 300), db: tensor([3], 400), W: tensor([3, 5], 500),
};

function figure(prepared: PreparedCard, id: FigureId) {
  const found = prepared.figures.find((f) => f.id === id);
  assert.ok(found, `${id} is drawn`);
  return { values: [...found.values], rows: found.rows, cols: found.cols, colormap: found.colormap };
}

test('captions: symbol with the layer tag, shape and whose values', () => {
  const prepared = prepareCard(LAYER, snapshot(LAYER, FULL), RUN, ALL, new FigureBuffers());
  assert.deepEqual(prepared.captions, {
    'a-sample': 'a⁽²⁾ ∈ ℝ³, sample 2',
    'a-batch': 'A⁽²⁾ ∈ ℝ^{4×3}, batch',
    'delta-sample': 'δ⁽²⁾ ∈ ℝ³, sample 2',
    'delta-batch': 'Δ⁽²⁾ ∈ ℝ^{4×3}, batch',
    dW: '∂L/∂W⁽²⁾ ∈ ℝ^{3×5}, batch',
    db: '∂L/∂b⁽²⁾ ∈ ℝ³, batch',
    W: 'W⁽²⁾ ∈ ℝ^{3×5}, before the update',
    update: '−η·∂L/∂W⁽²⁾ ∈ ℝ^{3×5}, η = 0.05',
  });
});

test('values: one sample\'s row, δ = B·Δ[b, :], −η·∂L/∂W, and the streamed tensors as they came', () => {
  const prepared = prepareCard(LAYER, snapshot(LAYER, FULL), RUN, ALL, new FigureBuffers());
  assert.deepEqual(prepared.figures.map((f) => f.id), ['a-sample', 'a-batch', 'delta-sample', 'delta-batch', 'dW', 'db', 'W', 'update']);
  // Row b = 2 of A holds entries 6, 7, 8.
  assert.deepEqual(figure(prepared, 'a-sample'), { values: [106, 107, 108], rows: 1, cols: 3, colormap: 'diverging' });
  assert.deepEqual(figure(prepared, 'delta-sample').values, [4 * 206, 4 * 207, 4 * 208]);
  assert.equal(figure(prepared, 'a-batch').rows, B);
  assert.equal(prepared.figures.find((f) => f.id === 'a-batch')?.values, FULL.a.data, 'the batch is drawn from the streamed array, not a copy');
  const update = figure(prepared, 'update');
  assert.deepEqual([update.rows, update.cols], [3, 5]);
  update.values.forEach((v, i) => assert.ok(Math.abs(v + 0.05 * (300 + i)) < 1e-4, `update[${i}] = ${v}`));
  assert.deepEqual([figure(prepared, 'db').rows, figure(prepared, 'db').cols], [1, 3], 'a vector is a one-row strip');
  assert.deepEqual(prepared.notes, new Map());
});

test('a selected row beyond the batch (before a batch-size change reaches the host) shows the last row', () => {
  const prepared = prepareCard(LAYER, snapshot(LAYER, FULL), { ...RUN, sampleIndex: 9 }, ALL, new FigureBuffers());
  assert.deepEqual(figure(prepared, 'a-sample').values, [109, 110, 111]);
  assert.equal(prepared.captions['a-sample'], 'a⁽²⁾ ∈ ℝ³, sample 3');
});

test('a snapshot carrying a window of the batch: captions name its rows, the sample\'s row is read within it, δ scales by the whole B', () => {
  // Batch rows 6…9 of 12; sample 8 is the window's row 2, whose entries are 6, 7, 8.
  const run: RunHeader = { ...RUN, batchSize: 12, sampleIndex: 8, rowWindow: { first: 6, count: 4 } };
  const prepared = prepareCard(LAYER, snapshot(LAYER, FULL), run, ALL, new FigureBuffers());
  assert.equal(prepared.captions['a-batch'], 'A⁽²⁾ ∈ ℝ^{4×3}, rows 6–9 of 12');
  assert.equal(prepared.captions['delta-batch'], 'Δ⁽²⁾ ∈ ℝ^{4×3}, rows 6–9 of 12');
  assert.equal(prepared.captions['a-sample'], 'a⁽²⁾ ∈ ℝ³, sample 8');
  assert.equal(prepared.captions.dW, '∂L/∂W⁽²⁾ ∈ ℝ^{3×5}, batch', 'the gradient is of the whole batch');
  assert.deepEqual(figure(prepared, 'a-sample').values, [106, 107, 108]);
  assert.deepEqual(figure(prepared, 'delta-sample').values, [12 * 206, 12 * 207, 12 * 208]);
  assert.equal(figure(prepared, 'a-batch').rows, 4);
  assert.deepEqual(prepared.notes, new Map());

  const outside = prepareCard(LAYER, snapshot(LAYER, FULL), { ...run, sampleIndex: 2 }, ALL, new FigureBuffers());
  assert.equal(outside.notes.get('a-sample'), 'sample 2 is not among the streamed rows');
  assert.ok(!outside.figures.some((f) => f.id === 'delta-sample'));
  assert.equal(figure(outside, 'a-batch').rows, 4, 'the window itself is still drawn');
});

test('colour maps: activations of a non-negative activation on the sequential map, everything signed on the diverging one', () => {
  const relu: CardLayer = { ...LAYER, activation: 'relu' };
  const prepared = prepareCard(relu, snapshot(relu, FULL), RUN, ALL, new FigureBuffers());
  const maps = Object.fromEntries(prepared.figures.map((f) => [f.id, f.colormap]));
  assert.deepEqual(maps, {
    'a-sample': 'sequential', 'a-batch': 'sequential', 'delta-sample': 'diverging', 'delta-batch': 'diverging',
    dW: 'diverging', db: 'diverging', W: 'diverging', update: 'diverging',
  });
});

test('a tensor not streamed or of the wrong shape gives notes on the figures that read it, nothing to draw', () => {
  const tensors = { ...FULL, a: undefined, dW: tensor([5, 3], 300) };
  const prepared = prepareCard(LAYER, snapshot(LAYER, tensors), RUN, ALL, new FigureBuffers());
  assert.deepEqual(prepared.figures.map((f) => f.id), ['delta-sample', 'delta-batch', 'db', 'W']);
  assert.deepEqual(prepared.notes, new Map<FigureId, string>([
    ['a-sample', 'not streamed'],
    ['a-batch', 'not streamed'],
    ['dW', 'got shape [5, 3], expected ℝ^{3×5}'],
    ['update', 'got shape [5, 3], expected ℝ^{3×5}'],
  ]));
});

test('hidden quantities are neither drawn nor noted; a collapsed card draws nothing but keeps its captions and statistics', () => {
  const defaults: CardView = { quantities: DEFAULT_VIEW_STATE.quantities, collapsed: false };
  const partial = prepareCard(LAYER, snapshot(LAYER, { a: FULL.a, delta: FULL.delta, dW: FULL.dW, db: FULL.db }), RUN, defaults, new FigureBuffers());
  assert.deepEqual(partial.figures.map((f) => f.id), ['a-sample', 'a-batch', 'delta-sample', 'delta-batch', 'dW', 'db']);
  assert.equal(partial.notes.size, 0, 'W was not asked for: no note saying it was not streamed');
  const collapsed = prepareCard(LAYER, snapshot(LAYER, FULL), RUN, { ...ALL, collapsed: true }, new FigureBuffers());
  assert.deepEqual([collapsed.figures.length, collapsed.notes.size], [0, 0]);
  assert.equal(collapsed.captions.dW, '∂L/∂W⁽²⁾ ∈ ℝ^{3×5}, batch');
  assert.match(collapsed.stats, /^‖∂L\/∂W⁽²⁾‖ = 0\.25 · ‖Δ⁽²⁾‖ = 0\.125 · ‖W⁽²⁾‖ = 1\.5 · update ratio 0\.001/);
});

test('statistics name the failure the activation can have, also at 0 %, and no other', () => {
  const line = (activation: CardLayer['activation'], stats: LayerStats = STATS) =>
    prepareCard({ ...LAYER, activation }, snapshot({ ...LAYER, activation }, {}, stats), RUN, ALL, new FigureBuffers()).stats;
  const norms = '‖∂L/∂W⁽²⁾‖ = 0.25 · ‖Δ⁽²⁾‖ = 0.125 · ‖W⁽²⁾‖ = 1.5 · update ratio 0.001';
  assert.equal(line('relu'), `${norms} · dead 50.0%`);
  assert.equal(line('elu', { ...STATS, deadFraction: 0 }), `${norms} · dead 0.0%`);
  assert.equal(line('tanh'), `${norms} · saturated 6.3%`);
  // The engine counts neither for these, whatever the fields hold.
  for (const activation of ['gelu', 'softmax', 'linear', 'softplus'] as const) assert.equal(line(activation), norms, activation);
});

test('derived values alternate between two buffers, so the array a heatmap holds is not overwritten by the next step', () => {
  const buffers = new FigureBuffers();
  const deltaOf = () => prepareCard(LAYER, snapshot(LAYER, FULL), RUN, ALL, buffers).figures.find((f) => f.id === 'delta-sample')?.values;
  const [first, second, third] = [deltaOf(), deltaOf(), deltaOf()];
  assert.notEqual(first, second);
  assert.equal(first, third);
  const updateOf = () => prepareCard(LAYER, snapshot(LAYER, FULL), RUN, ALL, buffers).figures.find((f) => f.id === 'update')?.values;
  assert.notEqual(updateOf(), first, 'each derived figure has buffers of its own');
});
