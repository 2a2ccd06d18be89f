// What the panel asks the host to stream and what it remembers: setView after ready and after
// every toggle or collapse, exactly the tensors needed; the view state saved with setState and
// restored on reload (with the host's model URI); scale modes; the update −η·∂L/∂W; and batch
// grids capped in height with hover still finding the right row.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SetViewMessage } from '../../src/protocol/panelMessages';
import { MODEL_MESSAGE, syntheticSnapshot, type PlainSnapshotMessage } from '../fixtures/snapshots/mlp2-16-16-3';
import type { PanelPage } from './support/panelPage';
import { figureCanvas, useBrowser } from './support/session';

const { panel: openPanel } = useBrowser();

async function setViews(panel: PanelPage): Promise<Omit<SetViewMessage, 'type'>[]> {
  return (await panel.posted()).filter((m): m is SetViewMessage => m.type === 'setView').map(({ quantities, layers }) => ({ quantities, layers }));
}

/** Toggles a quantity from the keyboard, as a user without a mouse would (focus lands on the vscode-checkbox's inner input). */
async function pressToggle(panel: PanelPage, quantity: string): Promise<void> {
  await panel.page.locator(`vscode-checkbox[data-quantity="${quantity}"]`).focus();
  await panel.page.keyboard.press('Space');
}

const scaleSelect = (panel: PanelPage) => panel.page.locator('vscode-single-select[data-control="scale-mode"]');
const fixedScaleField = (panel: PanelPage) => panel.page.getByRole('textbox', { name: 'Fixed colour scale: values from −m to +m' });

/** Picks a scale mode with the mouse: opens the vscode-single-select, clicks the option. */
async function clickScaleMode(panel: PanelPage, label: string): Promise<void> {
  await panel.page.getByRole('combobox', { name: 'Heatmap colour scale' }).click();
  await panel.page.getByRole('option', { name: label, exact: true }).click();
}

const legendOf = (panel: PanelPage, layer: number, figure: string) =>
  panel.page.locator(`[data-layer="${layer}"] [data-figure="${figure}"] .legend-labels span`).allTextContents();

test('setView: after ready, when the layers are known, and after each toggle and collapse — exactly what is drawn', async () => {
  const panel = await openPanel();
  await panel.send(MODEL_MESSAGE);
  await pressToggle(panel, 'weights');
  await pressToggle(panel, 'weightGradient');
  await panel.page.locator('[data-layer="2"] .collapse-button').click();
  await pressToggle(panel, 'update');
  await panel.page.locator('[data-layer="2"] .collapse-button').press('Enter');
  assert.deepEqual(await setViews(panel), [
    { quantities: ['a', 'delta', 'dW', 'db'], layers: [] },
    { quantities: ['a', 'delta', 'dW', 'db'], layers: [1, 2, 3] },
    { quantities: ['a', 'delta', 'dW', 'db', 'W'], layers: [1, 2, 3] },
    { quantities: ['a', 'delta', 'W'], layers: [1, 2, 3] },
    { quantities: ['a', 'delta', 'W'], layers: [1, 3] },
    { quantities: ['a', 'delta', 'dW', 'W'], layers: [1, 3] },
    { quantities: ['a', 'delta', 'dW', 'W'], layers: [1, 2, 3] },
  ]);
  assert.equal(await panel.page.locator('[data-layer="2"] .collapse-button').getAttribute('aria-expanded'), 'true');
  // A snapshot with the same layout posts nothing new.
  await panel.send(syntheticSnapshot(1));
  await panel.waitForAck(1);
  assert.equal((await setViews(panel)).length, 7);
  await panel.close();
});

test('view state is saved with setState and restored on reload, with the model URI the host put on the body', async () => {
  const modelUri = 'file:///work/models/mnist.nn.json';
  const first = await openPanel({ modelUri });
  await first.send(MODEL_MESSAGE, syntheticSnapshot(1));
  await first.waitForAck(1);
  await pressToggle(first, 'delta');
  // The scale mode from the keyboard: Space opens the select, the arrows move, Enter picks (per card → shared → fixed).
  await first.page.getByRole('combobox', { name: 'Heatmap colour scale' }).focus();
  await first.page.keyboard.press('Space');
  await first.page.keyboard.press('ArrowDown');
  await first.page.keyboard.press('ArrowDown');
  await first.page.keyboard.press('Enter');
  assert.equal(await fixedScaleField(first).isEnabled(), true, 'the fixed scale m is editable once the mode is fixed');
  await fixedScaleField(first).fill('0.1');
  await first.page.keyboard.press('Enter');
  await first.page.locator('[data-layer="3"] .collapse-button').click();
  await first.page.locator('vscode-button[data-action="next-sample"]').click();
  const saved = await first.savedState();
  assert.deepEqual(saved, {
    sampleIndex: 6, scaleMode: 'fixed', fixedScale: 0.1,
    quantities: { activations: true, delta: false, weightGradient: true, weights: false, update: false, equations: false },
    collapsedLayers: [3], inputSpace: true, modelUri,
  });
  await first.close();

  // VS Code re-creates the webview with the saved state; the host re-sends model and snapshot.
  const second = await openPanel({ state: saved, modelUri });
  const afterReady = (await second.posted()).slice(0, 3);
  assert.deepEqual(afterReady, [
    { type: 'ready' },
    { type: 'setView', quantities: ['a', 'dW', 'db'], layers: [] },
    { type: 'selectSample', index: 6 },
  ]);
  assert.equal(await second.page.getByRole('checkbox', { name: 'Show error terms δ' }).isChecked(), false);
  assert.equal(await second.page.getByRole('checkbox', { name: 'Show activations a' }).isChecked(), true);
  assert.equal(await scaleSelect(second).evaluate((select) => (select as unknown as { value: string }).value), 'fixed');
  assert.equal(await fixedScaleField(second).inputValue(), '0.1');
  await second.send(MODEL_MESSAGE, syntheticSnapshot(1));
  await second.waitForAck(1);
  assert.equal(await second.page.locator('[data-layer="3"] .collapse-button').getAttribute('aria-expanded'), 'false');
  assert.equal(await second.page.locator('[data-layer="3"] .layer-body').isHidden(), true);
  assert.equal(await second.page.locator('[data-layer="1"] [data-figure="delta-batch"]').isHidden(), true);
  assert.deepEqual(await legendOf(second, 2, 'dW'), ['−0.1', '0', '+0.1'], 'the fixed scale is applied');
  assert.deepEqual((await setViews(second)).at(-1), { quantities: ['a', 'dW', 'db'], layers: [1, 2] });
  assert.deepEqual((await second.savedState() as { modelUri?: string }).modelUri, modelUri);
  await second.close();
});

test('scale modes: per card, shared across layers (largest range of that figure), fixed', async () => {
  const panel = await openPanel();
  await panel.send(MODEL_MESSAGE, syntheticSnapshot(1));
  await panel.waitForAck(1);
  const layerOne = await legendOf(panel, 1, 'dW');
  assert.notDeepEqual(layerOne, ['−0.05', '0', '+0.05'], 'layer 1 has its own, smaller range per card');
  await clickScaleMode(panel, 'shared across layers');
  await panel.page.waitForFunction(() => document.querySelector('[data-layer="1"] [data-figure="dW"] .legend-max')?.textContent === '+0.05');
  assert.deepEqual(await legendOf(panel, 3, 'dW'), ['−0.05', '0', '+0.05'], 'every layer on the planted ±0.05 of layer 2');
  await clickScaleMode(panel, 'per card');
  await panel.page.waitForFunction((max) => document.querySelector('[data-layer="1"] [data-figure="dW"] .legend-max')?.textContent === max, layerOne[2]);
  await panel.close();
});

test('the update −η·∂L/∂W and W: their own figures, captioned, −η times the gradient', async () => {
  const panel = await openPanel();
  await pressToggle(panel, 'update');
  const snapshot = syntheticSnapshot(1);
  await panel.send(MODEL_MESSAGE, snapshot);
  await panel.waitForAck(1);
  const update = panel.page.locator('[data-layer="2"] [data-figure="update"]');
  assert.equal(await update.locator('figcaption').textContent(), '−η·∂L/∂W⁽²⁾ ∈ ℝ^{16×16}, η = 0.05');
  // η = 0.05 times the planted ±0.05.
  assert.deepEqual(await legendOf(panel, 2, 'update'), ['−0.0025', '0', '+0.0025']);
  // W was not asked for: its figure stays hidden rather than showing an empty note.
  assert.equal(await panel.page.locator('[data-layer="2"] [data-figure="W"]').isHidden(), true);
  await panel.close();
});

test('a batch of 512 is drawn at most 224 px high, and hovering still names the row under the pointer', async () => {
  const panel = await openPanel();
  const batch = 512;
  const layers = [{ index: 1, units: 16, inputs: 2, activation: 'tanh' as const }];
  const base = syntheticSnapshot(1);
  // A⁽¹⁾[r, c] = r / 1000: the tooltip's value tells which row it really read.
  const activations = Array.from({ length: batch * 16 }, (_, i) => Math.floor(i / 16) / 1000);
  const snapshot: PlainSnapshotMessage = {
    ...base,
    run: { ...base.run, batchSize: batch },
    layers: [{ ...base.layers[0], tensors: { a: { shape: [batch, 16], data: activations } } }],
  };
  await panel.send({ type: 'model', name: 'wide-batch', input: 2, batchSize: batch, layers }, snapshot);
  await panel.waitForAck(1);
  const canvas = figureCanvas(1, 'a-batch');
  await panel.page.locator(canvas).scrollIntoViewIfNeeded();
  const box = await panel.page.locator(canvas).boundingBox();
  assert.ok(box !== null);
  assert.ok(box.height <= 224, `height ${box.height}`);
  assert.equal(await panel.page.$eval(canvas, (c) => (c as HTMLCanvasElement).height <= 224), true, 'the backing store is capped too');
  for (const row of [10, 300, 500]) {
    await panel.page.mouse.move(box.x + 3.5 * (box.width / 16), box.y + ((row + 0.5) / batch) * box.height);
    await panel.page.waitForFunction(() => document.querySelector('.tooltip')?.textContent?.startsWith('A⁽¹⁾[') === true);
    const text = (await panel.page.locator('.tooltip').textContent()) ?? '';
    const match = /^A⁽¹⁾\[(\d+),3\] = (.+)$/.exec(text);
    assert.ok(match !== null, text);
    const shownRow = Number(match[1]);
    assert.ok(Math.abs(shownRow - row) <= 1, `pointer at row ${row}, tooltip says ${shownRow}`);
    assert.equal(Number(match[2]), shownRow / 1000, 'the value shown is that row\'s');
  }
  await panel.close();
});
