// The panel's layout, labels and handshake in Chromium: cards per layer, captions in the
// notation of docs/notation.md, `ready` then `ack`, controls posting commands, and a clean CSP.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BATCH_SIZE, MODEL_MESSAGE, SAMPLE_INDEX, syntheticSnapshot } from '../fixtures/snapshots/mlp2-16-16-3';
import { useBrowser } from './support/session';

const { panel: openPanel } = useBrowser();

test('lays out one card per layer from the model message, before any snapshot', async () => {
  const panel = await openPanel();
  await panel.send(MODEL_MESSAGE);
  const titles = await panel.page.locator('.layer-card .layer-title').allTextContents();
  assert.deepEqual(titles, ['Layer 1 · 2 → 16 · tanh', 'Layer 2 · 16 → 16 · tanh', 'Layer 3 · 16 → 3 · softmax']);
  assert.equal(await panel.page.locator('.layer-card [data-figure="dW"] .figure-note').first().textContent(), 'waiting for the first step');
  assert.equal(await panel.page.locator('.run-model').textContent(), 'xor-2-16-16-3');
  await panel.close();
});

test('labels every figure with symbol, shape and per-sample or batch', async () => {
  const panel = await openPanel();
  await panel.send(MODEL_MESSAGE, syntheticSnapshot(1));
  await panel.waitForAck(1);
  // Only the shown figures: W and −η·∂L/∂W are off by default.
  const captions = (layer: number) => panel.page.locator(`[data-layer="${layer}"] figure:not([hidden]) figcaption`).allTextContents();
  assert.deepEqual(await captions(2), [
    `a⁽²⁾ ∈ ℝ¹⁶, sample ${SAMPLE_INDEX}`,
    `A⁽²⁾ ∈ ℝ^{${BATCH_SIZE}×16}, batch`,
    `δ⁽²⁾ ∈ ℝ¹⁶, sample ${SAMPLE_INDEX}`,
    `Δ⁽²⁾ ∈ ℝ^{${BATCH_SIZE}×16}, batch`,
    '∂L/∂W⁽²⁾ ∈ ℝ^{16×16}, batch',
    '∂L/∂b⁽²⁾ ∈ ℝ¹⁶, batch',
  ]);
  // W⁽ˡ⁾ is n_l × n_{l−1}: rows are outputs (docs/notation.md), so layer 1 is 16×2 and layer 3 is 3×16.
  assert.ok((await captions(1)).includes('∂L/∂W⁽¹⁾ ∈ ℝ^{16×2}, batch'));
  assert.ok((await captions(3)).includes('∂L/∂W⁽³⁾ ∈ ℝ^{3×16}, batch'));
  assert.ok((await captions(3)).includes('δ⁽³⁾ ∈ ℝ³, sample 5'));
  const grid = await panel.page.$eval('[data-layer="1"] [data-figure="dW"] canvas.heatmap', (c) => [c.dataset.rows, c.dataset.cols]);
  assert.deepEqual(grid, ['16', '2']);
  await panel.close();
});

test('shows the run header of the drawn snapshot', async () => {
  const panel = await openPanel();
  await panel.send(MODEL_MESSAGE, syntheticSnapshot(4, 50));
  await panel.waitForAck(4);
  const field = (name: string) => panel.page.locator(`[data-field="${name}"]`).textContent();
  assert.equal(await field('state'), 'training');
  assert.equal(await field('progress'), 'step 50 · epoch 2');
  assert.equal(await field('loss'), 'L = 0.643');
  assert.equal(await field('accuracy'), 'acc 75.0%');
  assert.equal(await field('learningRate'), 'η = 0.05');
  assert.equal(await panel.page.locator('[data-field="validation"]').isHidden(), true);
  await panel.close();
});

test('posts ready first, then acks the drawn snapshot, and nothing violates the CSP', async () => {
  const panel = await openPanel();
  await panel.send(MODEL_MESSAGE, syntheticSnapshot(7));
  await panel.waitForAck(7);
  // setView right after ready (no layers known yet), again once the model names the layers.
  const quantities = ['a', 'delta', 'dW', 'db'];
  assert.deepEqual(await panel.posted(), [
    { type: 'ready' },
    { type: 'setView', quantities, layers: [] },
    { type: 'setView', quantities, layers: [1, 2, 3] },
    // Two inputs: the input-space section (expanded by default) asks for prediction grids.
    { type: 'setInputSpace', visible: true },
    { type: 'ack', seq: 7 },
  ]);
  assert.deepEqual(await panel.cspViolations(), []);
  await panel.close();
});

test('controls post commands allowed in the current state and follow state messages', async () => {
  const panel = await openPanel();
  await panel.send(MODEL_MESSAGE, syntheticSnapshot(1));
  await panel.waitForAck(1);
  // vscode-elements buttons: disabled ones carry aria-disabled too, which is what Playwright (and a screen reader) reads.
  const button = (name: string) => panel.page.locator(`vscode-button[data-command="${name}"]`);
  assert.equal(await button('train').isDisabled(), true, 'train is disabled while training');
  await button('train').click({ force: true });
  await button('pause').click();
  await panel.send({ type: 'state', state: 'paused' });
  await panel.page.waitForFunction(() => document.querySelector('[data-field="state"]')?.textContent === 'paused');
  assert.equal(await button('resume').isEnabled(), true);
  assert.equal(await button('pause').isDisabled(), true);
  await button('resume').click();
  // The text fields' inner inputs are in open shadow roots, which role locators pierce; they carry the accessible names.
  await panel.page.getByRole('textbox', { name: 'Learning rate η' }).fill('0.2');
  await panel.page.keyboard.press('Enter');
  await panel.page.getByRole('spinbutton', { name: 'Sample of the batch whose vectors a and δ are shown' }).fill('3');
  await panel.page.keyboard.press('Enter');
  const sent = (await panel.posted()).filter((m) => m.type !== 'ready' && m.type !== 'ack' && m.type !== 'setView' && m.type !== 'setInputSpace');
  assert.deepEqual(sent, [
    { type: 'command', name: 'pause' },
    { type: 'command', name: 'resume' },
    { type: 'setLearningRate', value: 0.2 },
    { type: 'selectSample', index: 3 },
  ]);
  await panel.close();
});

test('controls work from the keyboard: Tab skips disabled buttons, Enter and Space press, fields take Enter', async () => {
  const panel = await openPanel();
  await panel.send(MODEL_MESSAGE);
  const focused = () => panel.page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    return active?.dataset.command ?? active?.dataset.control ?? active?.dataset.action ?? active?.tagName.toLowerCase();
  });
  // Idle: train, step and reset are enabled; pause, resume and stop are not, and Tab passes them by.
  await panel.page.keyboard.press('Tab');
  assert.equal(await focused(), 'train');
  await panel.page.keyboard.press('Enter');
  await panel.page.keyboard.press('Tab');
  assert.equal(await focused(), 'step');
  await panel.page.keyboard.press('Space');
  await panel.page.keyboard.press('Tab');
  assert.equal(await focused(), 'reset');
  await panel.page.keyboard.press('Tab');
  assert.equal(await focused(), 'learning-rate');
  await panel.page.keyboard.press('ControlOrMeta+A');
  await panel.page.keyboard.type('0.5');
  await panel.page.keyboard.press('Enter');
  // An η the host would reject is marked invalid and not posted.
  await panel.page.keyboard.press('ControlOrMeta+A');
  await panel.page.keyboard.type('-1');
  await panel.page.keyboard.press('Enter');
  assert.equal(await panel.page.locator('vscode-textfield[data-control="learning-rate"]').getAttribute('invalid'), '');
  await panel.page.keyboard.press('Tab');
  assert.equal(await focused(), 'sample');
  await panel.page.keyboard.press('Tab');
  assert.equal(await focused(), 'next-sample');
  await panel.page.keyboard.press('Enter');
  await panel.page.keyboard.press('Space');
  const sent = (await panel.posted()).filter((m) => m.type !== 'ready' && m.type !== 'ack' && m.type !== 'setView' && m.type !== 'setInputSpace');
  assert.deepEqual(sent, [
    { type: 'command', name: 'train' },
    { type: 'command', name: 'step' },
    { type: 'setLearningRate', value: 0.5 },
    { type: 'selectSample', index: 0 },
    { type: 'selectSample', index: 1 },
  ]);
  assert.deepEqual(await panel.cspViolations(), []);
  await panel.close();
});

test('shows host errors in the banner', async () => {
  const panel = await openPanel();
  await panel.send(MODEL_MESSAGE, { type: 'error', message: 'worker exited with code 1', layer: 2, quantity: 'dW' });
  assert.equal(await panel.page.locator('.banner').textContent(), 'Layer 2 (dW): worker exited with code 1');
  await panel.close();
});
