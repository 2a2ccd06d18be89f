// A batch larger than LIMITS.maxSnapshotRows, drawn from a real engine snapshot that carries a
// window of 256 rows: the captions name the rows, and the selected sample's a⁽¹⁾ is that sample's
// row (recomputed here from its input, W and b), not the window's row of the same number.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { modelMessageOf } from '../../src/host/session/modelMessage';
import { engineStep, plainSnapshot } from '../fixtures/snapshots/engineSnapshot';
import { layer, model, randomData, referenceForward, toRows } from '../unit/engine/helpers';
import { hoverCell, parseShown } from './support/readout';
import { figureCanvas, useBrowser } from './support/session';

const { panel: openPanel } = useBrowser();

const BATCH = 300;
const SAMPLE = 290;
const spec = model(2, [layer(4, 'tanh'), layer(3, 'softmax')], 'cross_entropy', { batchSize: BATCH, shuffle: false, precision: 'f32' });
const data = randomData(BATCH, 2, 3, 'cross_entropy', 13);

test('a windowed snapshot: captions say "rows a–b of B", the sample strip and the batch grid\'s tooltip read the selected sample\'s row', async () => {
  const panel = await openPanel();
  const { snapshot, batchRows } = engineStep(spec, data, SAMPLE);
  await panel.send(modelMessageOf(spec), plainSnapshot(snapshot));
  await panel.waitForAck(snapshot.seq);

  // 256 rows holding row 290 of 300: centred would run past the end, so the last 256, 44…299.
  const captions = await panel.page.locator('[data-layer="1"] figure:not([hidden]) figcaption').allTextContents();
  assert.ok(captions.includes('A⁽¹⁾ ∈ ℝ^{256×4}, rows 44–299 of 300'), captions.join(' | '));
  assert.ok(captions.includes('Δ⁽¹⁾ ∈ ℝ^{256×4}, rows 44–299 of 300'), captions.join(' | '));
  assert.ok(captions.includes(`a⁽¹⁾ ∈ ℝ⁴, sample ${SAMPLE}`), captions.join(' | '));

  const weights = snapshot.layers.map((l) => toRows(l.tensors.W!.data, l.units, l.inputs));
  const biases = snapshot.layers.map((l) => Array.from(l.tensors.b!.data));
  const x = Array.from(data.inputs.subarray(batchRows[SAMPLE] * 2, batchRows[SAMPLE] * 2 + 2));
  const expected = referenceForward(spec, weights, biases, x).a[0];
  for (const j of [0, 3]) {
    const strip = await hoverCell(panel, figureCanvas(1, 'a-sample'), 0, j);
    assert.match(strip, new RegExp(`^a⁽¹⁾\\[${j}\\] = `));
    const shown = parseShown(strip.split(' = ')[1]);
    assert.ok(Math.abs(shown - expected[j]) <= 1e-3 * Math.max(1, Math.abs(expected[j])), `a⁽¹⁾[${j}]: shown ${shown}, expected ${expected[j]}`);
  }
  // The grid's row of the sample is its batch row in the tooltip.
  const grid = await hoverCell(panel, figureCanvas(1, 'a-batch'), SAMPLE - 44, 3);
  assert.match(grid, new RegExp(`^A⁽¹⁾\\[${SAMPLE},3\\] = `));
  const shown = parseShown(grid.split(' = ')[1]);
  assert.ok(Math.abs(shown - expected[3]) <= 1e-3 * Math.max(1, Math.abs(expected[3])), `A⁽¹⁾[${SAMPLE},3]: shown ${shown}, expected ${expected[3]}`);
  await panel.close();
});
