// The CSV export read back with an independent parser: every file of a step record holds exactly
// the network's own buffers (f64, so the values round-trip exactly), in the documented layout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTrainer, type FloatArray } from '../../../../src/engine';
import { stepRecord, type DumpStepRecord } from '../../../../src/engine/dumpFormat';
import { stepRecordCsvFiles, tensorToCsv } from '../../../../src/host/export/tensorCsv';
import { readCsv } from '../../../support/csvText';
import { synthetic } from '../../worker/models';

const MODEL = `{ "name": "csv", "layers": [{ "units": 5, "activation": "relu" }, { "units": 3, "activation": "softmax" }],
  "loss": "cross_entropy", "data": { "source": "spirals", "samples": 60, "classes": 3 },
  "training": { "optimizer": "sgd", "learningRate": 0.1, "batchSize": 7, "epochs": 10, "seed": 11, "precision": "f64" } }`;

/** Header of column indices, then rows of numbers (empty cell: null). */
function parseCsv(text: string): { header: string[]; rows: (number | null)[][] } {
  const { header, rows } = readCsv(text);
  return { header, rows: rows.map((cells) => cells.map((cell) => (cell === '' ? null : Number(cell)))) };
}

/** The network's buffer as rows × columns, the source the CSV must reproduce. */
function matrix(values: FloatArray, rows: number, columns: number): number[][] {
  return Array.from({ length: rows }, (_, r) => Array.from(values.subarray(r * columns, (r + 1) * columns)));
}

test('the CSV files of a step record parse back to the network tensors, shape and values', async () => {
  const { spec, dataset } = await synthetic(MODEL);
  const trainer = createTrainer(spec, dataset);
  trainer.step();
  trainer.step();
  let record: DumpStepRecord | undefined;
  let source: { rows: number } | undefined;
  const files = new Map<string, { header: string[]; rows: (number | null)[][] }>();
  trainer.inspectNext((network, rows, loss) => {
    record = JSON.parse(stepRecord(trainer.stepCount, loss, network, rows, 'f64')) as DumpStepRecord;
    for (const file of stepRecordCsvFiles(record)) files.set(file.name, parseCsv(file.text));
    source = { rows };
  });
  assert.ok(record && source);
  const network = trainer.network;
  const B = source.rows;
  assert.equal(B, 7);
  const expectedNames = ['input.csv', 'target.csv', ...[1, 2].flatMap((l) => ['W', 'b', 'z', 'a', 'delta', 'dW', 'db'].map((q) => `layer${l}-${q}.csv`))];
  assert.deepEqual([...files.keys()].sort(), expectedNames.sort());

  const check = (name: string, values: FloatArray, rows: number, columns: number) => {
    const file = files.get(name)!;
    assert.deepEqual(file.header, Array.from({ length: columns }, (_, j) => String(j)), `${name} header`);
    assert.deepEqual(file.rows, matrix(values, rows, columns), `${name} values`);
  };
  check('input.csv', network.input, B, network.inputWidth);
  check('target.csv', network.target, B, network.outputWidth);
  network.layers.forEach((layer, i) => {
    const l = i + 1;
    check(`layer${l}-W.csv`, layer.weights, layer.units, layer.inputs);
    check(`layer${l}-dW.csv`, layer.weightGradient, layer.units, layer.inputs);
    check(`layer${l}-b.csv`, layer.bias, 1, layer.units);
    check(`layer${l}-db.csv`, layer.biasGradient, 1, layer.units);
    for (const [q, buffer] of [['z', layer.z], ['a', layer.a], ['delta', layer.delta]] as const) check(`layer${l}-${q}.csv`, buffer, B, layer.units);
  });
});

test('a tensor CSV: vectors are one row, non-finite (null) values are empty cells', () => {
  assert.equal(tensorToCsv({ shape: [3], data: [1.5, -2, 0] }), '0,1,2\n1.5,-2,0\n');
  assert.equal(tensorToCsv({ shape: [2, 2], data: [1, null, 3, 4e-9] }), '0,1\n1,\n3,4e-9\n');
  assert.equal(tensorToCsv({ shape: [0, 2], data: [] }), '0,1\n');
});

test('inspectNext trains nothing: the next step sees the same batch, loss and weights', async () => {
  const { spec, dataset } = await synthetic(MODEL);
  const inspected = createTrainer(spec, dataset);
  const plain = createTrainer(spec, dataset);
  inspected.step();
  plain.step();
  let inspectedLoss = Number.NaN;
  inspected.inspectNext((_network, _rows, loss) => { inspectedLoss = loss; });
  assert.equal(inspected.stepCount, 1);
  const a = inspected.step();
  const b = plain.step();
  assert.equal(a.loss, b.loss);
  assert.equal(inspectedLoss, a.loss, 'the inspected batch is the one the next step trains on');
  assert.deepEqual(Array.from(inspected.network.parameters), Array.from(plain.network.parameters));
});
