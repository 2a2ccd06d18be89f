// The worker's input-space view: the prediction grid is the engine's forward pass at the
// grid's points, the grid covers the data, the points sent are bounded, and first-layer images
// are W⁽¹⁾ and ∂L/∂W⁽¹⁾ rows.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTrainer, type FloatArray, type Trainer } from '../../../src/engine';
import { createKernels } from '../../../src/engine/kernels/select';
import { csvToDataset } from '../../../src/data/csv';
import type { Dataset } from '../../../src/core/dataset';
import type { FirstLayerImagesMessage, PredictionGridMessage } from '../../../src/protocol/inputSpace';
import { INPUT_SPACE_LIMITS } from '../../../src/core/limits';
import { dataDomain, subsampleRows, inputPointsOf } from '../../../src/worker/inputPoints';
import { InputSpaceStream } from '../../../src/worker/inputSpaceStream';
import { referenceForward, toRows } from '../engine/helpers';
import { randomClassification, synthetic } from './models';

const SPIRALS = `{ "name": "spirals", "layers": [{ "units": 32, "activation": "tanh" }, { "units": 32, "activation": "tanh" }, { "units": 3, "activation": "softmax" }],
  "loss": "cross_entropy", "data": { "source": "spirals", "samples": 600, "classes": 3, "noise": 0.04 },
  "training": { "optimizer": "adam", "learningRate": 0.01, "batchSize": 32, "epochs": 500, "seed": 42, "precision": "f32", "validationSplit": 0.2 } }`;
const SINE = `{ "name": "sine", "layers": [{ "units": 16, "activation": "tanh" }, { "units": 1, "activation": "linear" }],
  "loss": "mse", "data": { "source": "sine", "samples": 200, "noise": 0.05 },
  "training": { "optimizer": "adam", "learningRate": 0.01, "batchSize": 16, "epochs": 10, "seed": 1, "precision": "f64" } }`;

async function trained(text: string, steps: number): Promise<Trainer<FloatArray>> {
  const { spec, dataset } = await synthetic(text);
  const trainer = createTrainer(spec, dataset, { kernels: createKernels(spec.training.precision) });
  for (let i = 0; i < steps; i++) trainer.step();
  return trainer;
}

function gridOf(trainer: Trainer<FloatArray>): PredictionGridMessage {
  const stream = new InputSpaceStream(trainer);
  assert.equal(stream.setEnabled(true), true);
  const view = stream.next(true);
  assert.equal(view?.type, 'predictionGrid');
  return view as PredictionGridMessage;
}

/** The engine's forward pass on one row, through the network's own buffers. */
function forwardOne(trainer: Trainer<FloatArray>, x: readonly number[]): number[] {
  const { network } = trainer;
  network.input.set(x);
  network.forward(1);
  return Array.from(network.layers[network.layers.length - 1].a.subarray(0, network.outputWidth));
}

test('the prediction grid equals the forward pass on each grid point (2 inputs, f32)', async () => {
  const trainer = await trained(SPIRALS, 200);
  const grid = gridOf(trainer);
  const { resolution, domain, outputWidth } = grid;
  assert.equal(resolution, INPUT_SPACE_LIMITS.planeResolution);
  assert.equal(grid.outputs.length, resolution * resolution * outputWidth);
  const weights = trainer.network.layers.map((l) => toRows(l.weights, l.units, l.inputs));
  const biases = trainer.network.layers.map((l) => Array.from(l.bias));
  let compared = 0;
  for (let cell = 0; cell < resolution * resolution; cell += 37) {
    const i = cell % resolution;
    const j = Math.floor(cell / resolution);
    // Cell centres, first input fastest (the layout the message documents).
    const x = [domain.min[0] + ((i + 0.5) / resolution) * (domain.max[0] - domain.min[0]), domain.min[1] + ((j + 0.5) / resolution) * (domain.max[1] - domain.min[1])];
    const actual = Array.from(grid.outputs.subarray(cell * outputWidth, (cell + 1) * outputWidth));
    const engine = forwardOne(trainer, x);
    const reference = referenceForward(trainer.spec, weights, biases, x).a.at(-1)!;
    for (let k = 0; k < outputWidth; k++) {
      assert.ok(Math.abs(actual[k] - engine[k]) <= 1e-6, `cell ${cell} output ${k}: grid ${actual[k]}, single-row forward ${engine[k]}`);
      assert.ok(Math.abs(actual[k] - reference[k]) <= 1e-4, `cell ${cell} output ${k}: grid ${actual[k]}, reference ${reference[k]}`);
    }
    compared++;
  }
  assert.ok(compared > 100);
});

test('the prediction line equals the forward pass on each point (1 input, f64)', async () => {
  const trainer = await trained(SINE, 100);
  const grid = gridOf(trainer);
  assert.equal(grid.inputWidth, 1);
  assert.equal(grid.outputs.length, INPUT_SPACE_LIMITS.lineResolution);
  for (let i = 0; i < grid.resolution; i++) {
    const x = grid.domain.min[0] + ((i + 0.5) / grid.resolution) * (grid.domain.max[0] - grid.domain.min[0]);
    // Stored as f32: the f64 forward pass rounded once.
    assert.equal(grid.outputs[i], Math.fround(forwardOne(trainer, [x])[0]), `point ${i}`);
  }
});

test('evaluating the grid between steps leaves training unchanged', async () => {
  const plain = await trained(SPIRALS, 30);
  const watched = await trained(SPIRALS, 0);
  const stream = new InputSpaceStream(watched);
  stream.setEnabled(true);
  for (let i = 0; i < 30; i++) {
    watched.step();
    stream.next(true);
  }
  assert.deepEqual(Array.from(watched.network.parameters), Array.from(plain.network.parameters));
});

test('the grid covers every data point with a margin on each side', async () => {
  const { dataset } = await synthetic(SPIRALS);
  const domain = dataDomain(dataset);
  for (let axis = 0; axis < 2; axis++) {
    let low = Infinity;
    let high = -Infinity;
    for (let row = 0; row < dataset.count; row++) {
      low = Math.min(low, dataset.inputs[row * 2 + axis]);
      high = Math.max(high, dataset.inputs[row * 2 + axis]);
    }
    const range = high - low;
    assert.ok(domain.min[axis] < low && domain.max[axis] > high, `axis ${axis}: [${domain.min[axis]}, ${domain.max[axis]}] vs data [${low}, ${high}]`);
    assert.ok(Math.abs(low - domain.min[axis] - 0.1 * range) < 1e-12 && Math.abs(domain.max[axis] - high - 0.1 * range) < 1e-12);
  }
  // A constant column still gets a box, and a non-finite value does not widen it to infinity.
  const flat: Dataset = { inputs: Float64Array.from([3, Number.NaN, 3, 1, 3, 2]), targets: new Float64Array(3), count: 3, inputWidth: 2, targetWidth: 1, task: 'regression' };
  const box = dataDomain(flat);
  assert.deepEqual([box.min[0], box.max[0]], [2, 4]);
  assert.ok(Number.isFinite(box.min[1]) && Number.isFinite(box.max[1]) && box.min[1] < 1 && box.max[1] > 2);
});

test('subsampling: at most the limit, spread over the whole dataset, distinct rows, repeatable', () => {
  assert.deepEqual(Array.from(subsampleRows(5, 2000)), [0, 1, 2, 3, 4]);
  const rows = subsampleRows(100_000, INPUT_SPACE_LIMITS.maxPoints);
  assert.equal(rows.length, INPUT_SPACE_LIMITS.maxPoints);
  for (let k = 1; k < rows.length; k++) assert.ok(rows[k] > rows[k - 1], 'ascending and distinct');
  assert.ok(rows[rows.length - 1] < 100_000);
  // Spread: each tenth of the dataset gets about a tenth of the points.
  const tenths = new Array<number>(10).fill(0);
  for (const row of rows) tenths[Math.floor(row / 10_000)]++;
  for (const count of tenths) assert.ok(Math.abs(count - INPUT_SPACE_LIMITS.maxPoints / 10) < 60, `per tenth: ${tenths.join(' ')}`);
  assert.deepEqual(subsampleRows(100_000, INPUT_SPACE_LIMITS.maxPoints), rows);
  assert.equal(subsampleRows(0, 10).length, 0);
});

test('points: a large dataset is bounded, classes and splits are kept', async () => {
  const { spec, dataset } = await synthetic(SPIRALS.replace('"samples": 600', '"samples": 9000'));
  const trainer = createTrainer(spec, dataset);
  const points = inputPointsOf(dataset, trainer.validationIndices, dataDomain(dataset));
  assert.equal(points.total, 9000);
  assert.equal(points.targets.length, INPUT_SPACE_LIMITS.maxPoints);
  assert.equal(points.inputs.length, 2 * INPUT_SPACE_LIMITS.maxPoints);
  const perClass = [0, 0, 0];
  for (const label of points.targets) perClass[label]++;
  for (const count of perClass) assert.ok(Math.abs(count - INPUT_SPACE_LIMITS.maxPoints / 3) < 100, `classes ${perClass.join('/')}`);
  const held = points.validation.reduce((sum, flag) => sum + flag, 0) / points.validation.length;
  assert.ok(Math.abs(held - 0.2) < 0.03, `validation share ${held}`);
  // Every point is a dataset row with its own label (spirals: sample i is class i mod 3).
  const rowOf = new Map<string, number>();
  for (let row = 0; row < dataset.count; row++) rowOf.set(`${Math.fround(dataset.inputs[2 * row])},${Math.fround(dataset.inputs[2 * row + 1])}`, row);
  for (let k = 0; k < points.targets.length; k++) {
    const row = rowOf.get(`${points.inputs[2 * k]},${points.inputs[2 * k + 1]}`);
    assert.ok(row !== undefined, `point ${k} is not a dataset row`);
    assert.equal(points.targets[k], row % 3);
  }
});

test('a normalized CSV dataset carries its column scaling to the points, which undoes the normalization', () => {
  const text = 'x,y,label\n1,10,b\n2,20,a\n3,30,b\n4,45,a\n';
  const raw = [[1, 10], [2, 20], [3, 30], [4, 45]];
  for (const normalize of ['standard', 'minmax'] as const) {
    const dataset = csvToDataset(text, { target: 'label', normalize, loss: 'binary_cross_entropy' });
    const scaling = dataset.inputScaling!;
    raw.forEach((row, r) => row.forEach((value, c) => {
      assert.ok(Math.abs(scaling.shift[c] + scaling.scale[c] * dataset.inputs[2 * r + c] - value) < 1e-12, `${normalize} row ${r} column ${c}`);
    }));
    assert.notDeepEqual(Array.from(dataset.inputs), raw.flat(), 'the network sees normalized values');
    assert.deepEqual(inputPointsOf(dataset, [], dataDomain(dataset)).inputScaling, scaling);
  }
  const plain = csvToDataset(text, { target: 'label', normalize: 'none', loss: 'binary_cross_entropy' });
  assert.equal(plain.inputScaling, undefined);
  assert.equal('inputScaling' in inputPointsOf(plain, [], dataDomain(plain)), false);
});

test('image inputs: first-layer rows as images, bounded to the first units', async () => {
  const { spec, dataset } = randomClassification(`{ "name": "img", "input": 36, "layers": [{ "units": 80, "activation": "relu" }, { "units": 3, "activation": "softmax" }],
    "loss": "cross_entropy", "data": { "source": "csv", "path": "x.csv", "target": "y" }, "training": { "batchSize": 8, "precision": "f64" } }`, 40, 36, 3);
  const trainer = createTrainer(spec, { ...dataset, imageShape: [6, 6] });
  const stream = new InputSpaceStream(trainer);
  assert.equal(stream.points, undefined, 'no points for 36 inputs');
  stream.setEnabled(true);
  const before = stream.next(true) as FirstLayerImagesMessage;
  assert.equal(before.type, 'firstLayerImages');
  assert.deepEqual([before.units, before.totalUnits, before.imageShape], [INPUT_SPACE_LIMITS.maxImageUnits, 80, [6, 6]]);
  assert.ok(before.weightGradient.every((v) => v === 0), 'no gradient before the first step');
  trainer.step();
  const after = stream.next(true) as FirstLayerImagesMessage;
  const first = trainer.network.layers[0];
  assert.equal(after.weights.length, INPUT_SPACE_LIMITS.maxImageUnits * 36);
  for (const [sent, source] of [[after.weights, first.weights], [after.weightGradient, first.weightGradient]] as const) {
    for (let i = 0; i < sent.length; i++) assert.equal(sent[i], Math.fround(source[i]));
  }
  assert.ok(after.weightGradient.some((v) => v !== 0));
});

test('nothing is computed while the panel does not show the view, and at most the rate when it does', async () => {
  const trainer = await trained(SINE, 1);
  const stream = new InputSpaceStream(trainer);
  assert.equal(stream.next(true), undefined, 'off by default');
  stream.setEnabled(true);
  assert.equal(stream.setEnabled(true), false, 'already on');
  assert.ok(stream.next(false), 'the first is due at once');
  assert.equal(stream.next(false), undefined, 'the next waits for 1/maxRate s');
  stream.setEnabled(false);
  assert.equal(stream.next(true), undefined);
  // Other input widths without an image shape have no view.
  const { spec, dataset } = randomClassification(`{ "name": "wide", "input": 13, "layers": [{ "units": 3, "activation": "softmax" }],
    "loss": "cross_entropy", "data": { "source": "csv", "path": "x.csv", "target": "y" } }`, 20, 13, 3);
  const wide = new InputSpaceStream(createTrainer(spec, dataset));
  wide.setEnabled(true);
  assert.equal(wide.available, false);
  assert.equal(wide.next(true), undefined);
});
