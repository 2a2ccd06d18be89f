// End to end, as a newcomer following README: in a fresh window, Train from the palette opens the
// panel, the run at the default pace (100 steps/s) can be watched (the canvases keep changing),
// Pause freezes them, and the finished run's header, status bar and loss chart all end on its
// last step. Prints the time from Train to the first drawn snapshot.
import * as assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import type { Frame, Locator, Page } from 'playwright-core';
import { DEFAULT_PACE } from '../../src/core/pace';
import { useDevelopmentWorkbench } from '../support/devWorkbench';
import { openFile, runCommand, screenshot } from '../support/workbench';

const workbench = useDevelopmentWorkbench('first-contact');
let page: Page;
beforeEach(() => { page = workbench(); });

/** The fixture's XOR: 200 samples in batches of 32 over 100 epochs (the defaults), `gradient-lens train` says 1 000 steps. */
const XOR = { file: 'xor.nn.json', name: 'XOR', steps: 1_000, epochs: 100 };
/** How long the run lasts at the default pace; every wait for the run is bounded by a multiple of it. */
const RUN_MS = (XOR.steps / Number(DEFAULT_PACE)) * 1000;

/** The panel's webview frame once it has drawn a snapshot (`data-drawn-frames` on its root). */
async function drawnPanel(timeoutMs: number): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      if (await frame.locator('[data-drawn-frames]').count().catch(() => 0) > 0) return frame;
    }
    if (Date.now() > deadline) throw new Error(`no snapshot drawn within ${timeoutMs} ms`);
    await page.waitForTimeout(20);
  }
}

/** What a canvas shows, as PNG bytes. */
const pixels = (canvas: Locator) => canvas.screenshot({ animations: 'disabled' });

/** Waits until `canvas` shows something other than `before`; returns how long that took. */
async function changes(canvas: Locator, before: Buffer, timeoutMs: number): Promise<Buffer> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = await pixels(canvas);
    if (!now.equals(before)) return now;
    if (Date.now() > deadline) throw new Error(`the canvas did not change within ${timeoutMs} ms`);
    await page.waitForTimeout(100);
  }
}

const digits = (text: string) => Number(text.replace(/[^\d]/g, ''));

/** The spirals fixture trains for 100 000 epochs: a run that is still going whenever it is read. */
const SPIRALS = { file: 'spirals.nn.json', name: 'Spirals' };

test('palette Train in a fresh window opens the panel; the canvases change a few seconds apart; Pause freezes them', { timeout: 300_000 }, async () => {
  await openFile(page, SPIRALS.file);
  await page.locator('.editor-instance .view-lines', { hasText: `"${SPIRALS.name}"` }).waitFor({ state: 'visible' });
  assert.equal(await page.locator('.tabs-container .tab', { hasText: 'Gradient Lens:' }).count(), 0, 'no panel before Train');

  await runCommand(page, 'Gradient Lens: Train Model');
  const trained = performance.now();
  const frame = await drawnPanel(30_000);
  console.log(`time from Train to the first drawn snapshot (fresh window, webview loading included): ${(performance.now() - trained).toFixed(0)} ms`);
  await page.locator('.tabs-container .tab', { hasText: `Gradient Lens: ${SPIRALS.name}` }).waitFor({ state: 'visible' });

  const heatmap = frame.locator('.layer-card canvas').first();
  const loss = frame.locator('[data-chart="loss"] canvas');
  let seen = await pixels(heatmap);
  let lossSeen = await pixels(loss);
  for (let read = 0; read < 3; read++) {
    await page.waitForTimeout(2_000); // reads a few seconds apart, as a person looking
    seen = await changes(heatmap, seen, 10_000);
    lossSeen = await changes(loss, lossSeen, 10_000);
  }
  await screenshot(page, 'first-contact-1-training');

  await runCommand(page, 'Gradient Lens: Pause');
  await frame.locator('.run-state', { hasText: 'paused' }).waitFor({ state: 'visible', timeout: 30_000 });
  const progress = frame.locator('.run-progress');
  const pausedHeatmap = await pixels(heatmap);
  const pausedLoss = await pixels(loss);
  const pausedProgress = await progress.innerText();
  await page.waitForTimeout(1_000); // a hundred steps' worth of the default pace: nothing may move
  assert.ok((await pixels(heatmap)).equals(pausedHeatmap), 'the heatmap froze');
  assert.ok((await pixels(loss)).equals(pausedLoss), 'the loss chart froze');
  assert.equal(await progress.innerText(), pausedProgress);
  // The status bar (throttled) comes to the same epoch as the header.
  const headerEpoch = digits(pausedProgress.split('·')[1]);
  await page.locator('.part.statusbar .statusbar-item', { hasText: new RegExp(`${SPIRALS.name}: paused · epoch ${headerEpoch}\\b`) }).waitFor({ state: 'visible', timeout: 30_000 });
  await runCommand(page, 'Gradient Lens: Stop');
});

test('at the default pace a sample\'s run keeps changing for its whole length and ends on its last step, every step in the loss chart', { timeout: 300_000 }, async () => {
  // Only this model's panel: the previous test's closes with its editors.
  await runCommand(page, 'View: Close All Editors');
  await page.locator('.tabs-container .tab', { hasText: 'Gradient Lens:' }).waitFor({ state: 'detached' });
  await openFile(page, XOR.file);
  await page.locator('.editor-instance .view-lines', { hasText: `"${XOR.name}"` }).waitFor({ state: 'visible' });
  await runCommand(page, 'Gradient Lens: Train Model');
  const frame = await drawnPanel(30_000);
  const started = performance.now();
  const heatmap = frame.locator('.layer-card canvas').first();
  const finished = page.locator('.part.statusbar .statusbar-item', { hasText: new RegExp(`${XOR.name}: finished · epoch ${XOR.epochs}`) });
  // Read every second until the run ends: each read shows a new picture.
  let seen = await pixels(heatmap);
  let reads = 0;
  while (!(await finished.isVisible())) {
    await page.waitForTimeout(1_000);
    if (await finished.isVisible()) break;
    seen = await changes(heatmap, seen, 10_000);
    reads++;
    if (reads === 3) await screenshot(page, 'first-contact-2-xor-training');
    assert.ok(performance.now() - started < 3 * RUN_MS + 30_000, 'the run ends');
  }
  const lasted = performance.now() - started;
  console.log(`${XOR.steps} steps at the default pace lasted ${(lasted / 1000).toFixed(1)} s, ${reads} changed reads a second apart`);
  assert.ok(lasted >= 0.8 * RUN_MS, `paced: ${lasted.toFixed(0)} ms for ${RUN_MS} ms of steps`);
  assert.ok(reads >= 2, `${reads} reads saw the canvas change`);

  await frame.locator('.run-state', { hasText: 'finished' }).waitFor({ state: 'visible', timeout: 30_000 });
  const [step, epoch] = (await frame.locator('.run-progress').innerText()).split('·').map(digits);
  assert.equal(epoch, XOR.epochs, 'the header rests on the final epoch');
  assert.equal(step, XOR.steps, 'the header rests on the final step');
  assert.equal(await frame.locator('[data-chart="loss"]').getAttribute('data-steps'), String(XOR.steps), 'the loss chart holds every step (before downsampling)');
  await screenshot(page, 'first-contact-3-finished');
});
