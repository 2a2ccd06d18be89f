// What the heatmaps draw, read back from the canvases: zero in the neutral colour, the extremes
// of a symmetric scale at the two ends, the legend's range, the tooltip of the cell under the
// pointer, and NaN drawn (and reported) as NaN.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { colormapRgb, DIVERGING_HALF_STEPS, DIVERGING_ZERO_INDEX, NON_FINITE_RGB } from '../../webview/colormaps';
import { formatValue } from '../../src/core/numberFormat';
import { lutIndex } from '../../webview/scale';
import { BATCH_SIZE, MODEL_MESSAGE, PLANTED, SAMPLE_INDEX, syntheticSnapshot, type PlainTensor } from '../fixtures/snapshots/mlp2-16-16-3';
import { canvasPixel, type PanelPage } from './support/panelPage';
import { cellCentre } from './support/readout';
import { figureCanvas, useBrowser } from './support/session';

const { panel: openPanel } = useBrowser();
const WEIGHT_GRADIENT = figureCanvas(PLANTED.layer, 'dW');

/** Chromium dispatches pointer events with the next frame, so the tooltip settles a little after mouse.move. */
async function tooltipText(panel: PanelPage, expected: string): Promise<string | null> {
  await panel.page.waitForFunction((text) => document.querySelector('.tooltip')?.textContent === text, expected, { timeout: 2000 })
    .catch(() => undefined);
  return panel.page.locator('.tooltip').textContent();
}

async function drawnPanel(): Promise<PanelPage> {
  const panel = await openPanel();
  await panel.send(MODEL_MESSAGE, syntheticSnapshot(1));
  await panel.waitForAck(1);
  return panel;
}

test('∂L/∂W heatmap: zero is neutral grey, +max and −max are the orange and blue ends', async () => {
  const panel = await drawnPanel();
  const pixelAt = async (cell: { row: number; col: number }) => {
    const { x, y } = await cellCentre(panel, WEIGHT_GRADIENT, cell.row, cell.col);
    return (await canvasPixel(panel.page, WEIGHT_GRADIENT, x, y)).slice(0, 3);
  };
  const zero = await pixelAt(PLANTED.zero);
  const positive = await pixelAt(PLANTED.positiveExtreme);
  const negative = await pixelAt(PLANTED.negativeExtreme);
  assert.deepEqual(zero, [...colormapRgb('diverging', DIVERGING_ZERO_INDEX)]);
  assert.deepEqual(positive, [...colormapRgb('diverging', 255)]);
  assert.deepEqual(negative, [...colormapRgb('diverging', DIVERGING_ZERO_INDEX - DIVERGING_HALF_STEPS)]);
  // Independently of the LUT code: zero is a grey, the ends are saturated and on opposite hues.
  assert.ok(Math.max(...zero) - Math.min(...zero) <= 2, `zero should be grey, got ${zero}`);
  assert.ok(positive[0] > positive[2] + 100, `+max should be orange, got ${positive}`);
  assert.ok(negative[2] > negative[0] + 100, `−max should be blue, got ${negative}`);
  await panel.close();
});

test('cells are square, one drawImage-scaled pixel each, and the legend shows the symmetric range', async () => {
  const panel = await drawnPanel();
  const box = await panel.page.locator(WEIGHT_GRADIENT).boundingBox();
  assert.deepEqual([box?.width, box?.height], [16 * 14, 16 * 14]);
  const legend = panel.page.locator(`[data-layer="${PLANTED.layer}"] [data-figure="dW"] .legend`);
  assert.deepEqual(await legend.locator('.legend-labels span').allTextContents(), ['−0.05', '0', '+0.05']);
  assert.equal(await legend.getAttribute('data-colormap'), 'diverging');
  // Softmax outputs are non-negative: sequential map, range from the data, no zero mark.
  const output = panel.page.locator('[data-layer="3"] [data-figure="a-batch"] .legend');
  assert.equal(await output.getAttribute('data-colormap'), 'sequential');
  assert.equal(await output.locator('.legend-mid').isHidden(), true);
  await panel.close();
});

test('hovering a cell shows its indices and value; leaving hides it', async () => {
  const panel = await drawnPanel();
  const { row, col, value } = PLANTED.example;
  const centre = await cellCentre(panel, WEIGHT_GRADIENT, row, col, true);
  await panel.page.mouse.move(centre.x, centre.y);
  const tooltip = panel.page.locator('.tooltip');
  assert.equal(await tooltipText(panel, `∂L/∂W⁽²⁾[${row},${col}] = −0.0142`), `∂L/∂W⁽²⁾[${row},${col}] = −0.0142`);
  assert.equal(await tooltip.isVisible(), true);
  assert.equal(value, -0.0142);

  // One sample's δ is B times its row of Δ (Δ carries the 1/B of the batch mean).
  const delta = syntheticSnapshot(1).layers[1].tensors.delta as PlainTensor;
  const expected = BATCH_SIZE * Math.fround(delta.data[SAMPLE_INDEX * 16 + 4]);
  const strip = await cellCentre(panel, figureCanvas(2, 'delta-sample'), 0, 4, true);
  await panel.page.mouse.move(strip.x, strip.y);
  const deltaText = `δ⁽²⁾[4] = ${formatValue(Math.fround(expected))}`;
  assert.equal(await tooltipText(panel, deltaText), deltaText);

  await panel.page.mouse.move(1, 1);
  await tooltip.waitFor({ state: 'hidden', timeout: 2000 });
  await panel.close();
});

test('a NaN cell is drawn in the non-finite colour, left out of the scale, and reported', async () => {
  const panel = await openPanel();
  const snapshot = syntheticSnapshot(1);
  const { row, col } = PLANTED.example;
  const flat = row * 16 + col;
  const weightGradient = snapshot.layers[1].tensors.dW as PlainTensor;
  (weightGradient.data as number[])[flat] = Number.NaN;
  await panel.send(MODEL_MESSAGE, { ...snapshot, nonFinite: { layer: 2, quantity: 'dW', index: flat, value: Number.NaN } });
  await panel.waitForAck(1);
  const { x, y } = await cellCentre(panel, WEIGHT_GRADIENT, row, col);
  assert.deepEqual((await canvasPixel(panel.page, WEIGHT_GRADIENT, x, y)).slice(0, 3), [...NON_FINITE_RGB]);
  const legend = panel.page.locator('[data-layer="2"] [data-figure="dW"] .legend-labels span');
  assert.deepEqual(await legend.allTextContents(), ['−0.05', '0', '+0.05']);
  assert.equal(await panel.page.locator('.banner').textContent(), `NaN in ∂L/∂W⁽²⁾[${row},${col}]: the step produced a non-finite value`);
  await panel.close();
});

test('diverging cells: ±x on a rounding boundary equally strong, beyond a fixed scale the ends, −0 neutral', async () => {
  // ±m with m = 127/64, so a value v is exactly 64·|v| steps from zero: 63.5/64 sits on a rounding boundary.
  const fixedScale = 127 / 64;
  const panel = await openPanel({ state: { scaleMode: 'fixed', fixedScale } });
  const snapshot = syntheticSnapshot(1);
  const planted = [63.5 / 64, -63.5 / 64, 3, -3, -0, 0.25 / 64, -0.25 / 64];
  const weightGradient = snapshot.layers[1].tensors.dW as PlainTensor;
  planted.forEach((value, col) => { (weightGradient.data as number[])[4 * 16 + col] = value; });
  await panel.send(MODEL_MESSAGE, snapshot);
  await panel.waitForAck(1);
  const scale = { colormap: 'diverging', min: -fixedScale, max: fixedScale } as const;
  for (const [col, value] of planted.entries()) {
    const { x, y } = await cellCentre(panel, WEIGHT_GRADIENT, 4, col);
    const pixel = (await canvasPixel(panel.page, WEIGHT_GRADIENT, x, y)).slice(0, 3);
    assert.deepEqual(pixel, [...colormapRgb('diverging', lutIndex(value, scale))], `cell of ${value}`);
  }
  const steps = (value: number) => Math.abs(lutIndex(value, scale) - DIVERGING_ZERO_INDEX);
  assert.deepEqual(planted.map(steps), [64, 64, DIVERGING_HALF_STEPS, DIVERGING_HALF_STEPS, 0, 0, 0]);
  await panel.close();
});
