// The CSV export's exact bytes at f32, NaN included: every cell is the number as the dump writes it
// (9 significant digits, the shortest text that round-trips a float32) and NaN/±Inf an empty cell.
// The expected files are built here from the network's own buffers, so whichever way the export
// gets its tensors (today the dump record's JSON), its output must stay these bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTrainer, type FloatArray } from '../../../../src/engine';
import { stepRecord, type DumpStepRecord } from '../../../../src/engine/dumpFormat';
import { stepRecordCsvFiles } from '../../../../src/host/export/tensorCsv';
import { synthetic } from '../../worker/models';

const MODEL = `{ "name": "csv-f32", "layers": [{ "units": 4, "activation": "tanh" }, { "units": 2, "activation": "softmax" }],
  "loss": "cross_entropy", "data": { "source": "moons", "samples": 40 },
  "training": { "optimizer": "sgd", "learningRate": 0.1, "batchSize": 5, "epochs": 3, "seed": 3, "precision": "f32" } }`;

/** One cell as the dump writes an f32 value, written here rather than imported. */
const cell = (value: number) => (Number.isFinite(value) ? String(Number(value.toPrecision(9))) : '');

function expectedCsv(values: FloatArray, rows: number, columns: number): string {
  const lines = [Array.from({ length: columns }, (_, j) => String(j)).join(',')];
  for (let r = 0; r < rows; r++) lines.push(Array.from(values.subarray(r * columns, (r + 1) * columns), cell).join(','));
  return `${lines.join('\n')}\n`;
}

test('f32 CSV files hold the dump\'s digits byte for byte, and NaN as empty cells', async () => {
  const { spec, dataset } = await synthetic(MODEL);
  const trainer = createTrainer(spec, dataset);
  trainer.step();
  // A NaN weight poisons the row of z, a and δ it feeds: the non-finite path on real buffers.
  trainer.network.layers[1].weights[1] = Number.NaN;
  const files = new Map<string, string>();
  const expected = new Map<string, string>();
  trainer.inspectNext((network, rows, loss) => {
    const record = JSON.parse(stepRecord(trainer.stepCount, loss, network, rows, 'f32')) as DumpStepRecord;
    for (const file of stepRecordCsvFiles(record)) files.set(file.name, file.text);
    expected.set('input.csv', expectedCsv(network.input, rows, network.inputWidth));
    expected.set('target.csv', expectedCsv(network.target, rows, network.outputWidth));
    network.layers.forEach((layer, i) => {
      const l = i + 1;
      expected.set(`layer${l}-W.csv`, expectedCsv(layer.weights, layer.units, layer.inputs));
      expected.set(`layer${l}-dW.csv`, expectedCsv(layer.weightGradient, layer.units, layer.inputs));
      expected.set(`layer${l}-b.csv`, expectedCsv(layer.bias, 1, layer.units));
      expected.set(`layer${l}-db.csv`, expectedCsv(layer.biasGradient, 1, layer.units));
      expected.set(`layer${l}-z.csv`, expectedCsv(layer.z, rows, layer.units));
      expected.set(`layer${l}-a.csv`, expectedCsv(layer.a, rows, layer.units));
      expected.set(`layer${l}-delta.csv`, expectedCsv(layer.delta, rows, layer.units));
    });
  });
  assert.deepEqual([...files.keys()].sort(), [...expected.keys()].sort());
  for (const [name, text] of expected) assert.equal(files.get(name), text, name);
  assert.match(files.get('layer2-z.csv')!, /(^|,)(,|\n)/m, 'the NaN weight left empty cells in z⁽²⁾');
  assert.match(files.get('layer1-W.csv')!, /\d\.\d{5,}/, 'f32 values keep their 9 significant digits');
});
