// End to end, as a user: train a model from the palette, watch the status bar, open the Gradient
// Lens panel and see its layer cards and step counter move, then Pause and Step from the palette.
import * as assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import type { Frame, Page } from 'playwright-core';
import { useDevelopmentWorkbench } from '../support/devWorkbench';
import { panelFrame } from '../support/panelFrame';
import { openFile, runCommand, screenshot, SERVER_ROUND_TRIP_MS, waitForWorkbench } from '../support/workbench';

const workbench = useDevelopmentWorkbench('training');
let page: Page;
beforeEach(() => { page = workbench(); }); // after the helper's before() has brought the workbench up

/** The step in the panel header's `step N · epoch M`. */
async function headerStep(frame: Frame): Promise<number> {
  const text = await frame.locator('.run-progress').innerText();
  const match = /step (\d+)/.exec(text);
  assert.ok(match, `header progress reads "${text}"`);
  return Number(match[1]);
}

async function waitForHeaderStepOtherThan(frame: Frame, previous: number): Promise<number> {
  const deadline = Date.now() + SERVER_ROUND_TRIP_MS;
  for (;;) {
    const step = await headerStep(frame);
    if (step !== previous) return step;
    if (Date.now() > deadline) throw new Error(`the header stayed at step ${previous}`);
    await page.waitForTimeout(100);
  }
}

test('train from the palette, watch the panel, pause and step', { timeout: 10 * SERVER_ROUND_TRIP_MS }, async () => {
  await openFile(page, 'spirals.nn.json');
  await page.locator('.editor-instance .view-lines', { hasText: '"Spirals"' }).waitFor({ state: 'visible' });

  await runCommand(page, 'Gradient Lens: Train Model');
  const status = page.locator('.part.statusbar .statusbar-item', { hasText: /Spirals: training · epoch \d+/ });
  await status.waitFor({ state: 'visible', timeout: SERVER_ROUND_TRIP_MS });
  assert.match(await status.innerText(), /steps\/s/);

  await runCommand(page, 'Gradient Lens: Open Gradient Panel');
  await page.locator('.tabs-container .tab', { hasText: 'Gradient Lens: Spirals' }).waitFor({ state: 'visible', timeout: SERVER_ROUND_TRIP_MS });
  const frame = await panelFrame(page);
  assert.equal(await frame.locator('.layer-card').count(), 3, 'one card per layer');
  await frame.locator('.run-progress').waitFor({ state: 'visible', timeout: SERVER_ROUND_TRIP_MS });

  const first = await headerStep(frame);
  await screenshot(page, 'training-1-panel');
  const second = await waitForHeaderStepOtherThan(frame, first);
  await screenshot(page, 'training-2-panel-later');
  assert.ok(second > first, `the step counter moved on while training (${first} → ${second})`);

  // Pause is offered only while training: a run that ended early would hide it (the fixture asks
  // for the most epochs a model may, far more steps than this test lives).
  assert.match(await frame.locator('.run-state').innerText(), /training/, 'still training when Pause is asked for');
  await runCommand(page, 'Gradient Lens: Pause');
  await page.locator('.part.statusbar .statusbar-item', { hasText: /Spirals: paused/ }).waitFor({ state: 'visible', timeout: SERVER_ROUND_TRIP_MS });
  await frame.locator('.run-state', { hasText: 'paused' }).waitFor({ state: 'visible', timeout: SERVER_ROUND_TRIP_MS });
  const paused = await headerStep(frame);
  await page.waitForTimeout(1000);
  assert.equal(await headerStep(frame), paused, 'no steps while paused');

  // The header shows the newest streamed snapshot, which may be a few steps behind the step the
  // pause landed on (snapshots are rate-limited); a Step always streams its batch. So the first
  // Step brings the header to the exact paused step + 1, and the second must add exactly one.
  await runCommand(page, 'Gradient Lens: Step');
  const afterFirstStep = await waitForHeaderStepOtherThan(frame, paused);
  await runCommand(page, 'Gradient Lens: Step');
  const afterSecondStep = await waitForHeaderStepOtherThan(frame, afterFirstStep);
  await screenshot(page, 'training-3-paused-stepped');
  assert.equal(afterSecondStep, afterFirstStep + 1, 'Step runs exactly one batch');
  assert.match(await frame.locator('.run-state').innerText(), /paused/);

  // The keybinding, with the model editor focused: Ctrl+Alt+S steps once more.
  // On the name's token: the middle of the editor's lines may lie under its scrollbar when the panel is beside it.
  await page.locator('.editor-instance .view-line span span', { hasText: /^"Spirals"$/ }).first().click();
  await page.keyboard.press('Control+Alt+S');
  assert.equal(await waitForHeaderStepOtherThan(frame, afterSecondStep), afterSecondStep + 1, 'Ctrl+Alt+S steps one batch');
});

test('the panel comes back after a window reload (WebviewPanelSerializer)', { timeout: 10 * SERVER_ROUND_TRIP_MS }, async () => {
  await page.reload();
  await waitForWorkbench(page);
  await page.locator('.tabs-container .tab', { hasText: 'Gradient Lens: Spirals' }).waitFor({ state: 'visible', timeout: SERVER_ROUND_TRIP_MS });
  const frame = await panelFrame(page).catch(async (error: unknown) => {
    await screenshot(page, 'training-4-restore-failed');
    throw error;
  });
  assert.equal(await frame.locator('.layer-card').count(), 3, 'the restored panel lays out the model again');
  await frame.locator('.run-state', { hasText: 'paused' }).waitFor({ state: 'visible', timeout: SERVER_ROUND_TRIP_MS });
  // A restored panel brings its session back (a fresh worker at step 0, paused), named after the model.
  await page.locator('.part.statusbar .statusbar-item', { hasText: /Spirals: paused · epoch 0/ }).waitFor({ state: 'visible', timeout: SERVER_ROUND_TRIP_MS });
  await screenshot(page, 'training-4-restored');
});
