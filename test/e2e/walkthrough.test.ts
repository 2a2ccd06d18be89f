// End to end, as a newcomer: open a model, train it from the command palette, open the panel,
// pause, turn on the equations, Step once so the step's tensors stream, and walk through that step
// phase by phase with the buttons and the arrow keys, in the real workbench. Resuming ends it.
import * as assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import type { Frame, Page } from 'playwright-core';
import { useDevelopmentWorkbench } from '../support/devWorkbench';
import { panelFrame } from '../support/panelFrame';
import { openFile, runCommand, screenshot, SERVER_ROUND_TRIP_MS } from '../support/workbench';

const workbench = useDevelopmentWorkbench('walkthrough');
let page: Page;
beforeEach(() => { page = workbench(); });

const phase = (frame: Frame) => frame.locator('.walkthrough').getAttribute('data-phase');

test('pause, show the equations, step, and walk through the step', { timeout: 10 * SERVER_ROUND_TRIP_MS }, async () => {
  await openFile(page, 'spirals.nn.json');
  await page.locator('.editor-instance .view-lines', { hasText: '"Spirals"' }).waitFor({ state: 'visible' });
  await runCommand(page, 'Gradient Lens: Train Model');
  await page.locator('.part.statusbar .statusbar-item', { hasText: /Spirals: training/ }).waitFor({ state: 'visible', timeout: SERVER_ROUND_TRIP_MS });
  // Train opened the panel beside the editor, keeping the keyboard in the editor.
  await page.locator('.tabs-container .tab', { hasText: 'Gradient Lens: Spirals' }).waitFor({ state: 'visible', timeout: SERVER_ROUND_TRIP_MS });
  // The panel alone in the window, as one would to read it.
  await runCommand(page, 'View: Single Column Editor Layout');
  await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
  await page.locator('.tabs-container .tab', { hasText: 'Gradient Lens: Spirals' }).click();
  const frame = await panelFrame(page);

  // While training the walk-through is not available.
  const start = frame.locator('[data-action="walkthrough"]');
  await frame.locator('.walkthrough-hint', { hasText: 'pause training' }).waitFor({ state: 'visible', timeout: SERVER_ROUND_TRIP_MS });
  assert.equal(await start.getAttribute('aria-disabled'), 'true');

  // Pause is offered only while training (the fixture's run outlasts this test).
  assert.match(await frame.locator('.run-state').innerText(), /training/, 'still training when Pause is asked for');
  await runCommand(page, 'Gradient Lens: Pause');
  await frame.locator('.run-state', { hasText: 'paused' }).waitFor({ state: 'visible', timeout: SERVER_ROUND_TRIP_MS });
  // Back to fresh weights (this model converges within seconds), paused at step 0.
  await runCommand(page, 'Gradient Lens: Reset');
  await frame.locator('[data-quantity="equations"]').click();
  // The paused snapshot was taken without the equations' tensors; one Step streams them.
  await runCommand(page, 'Gradient Lens: Step');
  await frame.locator('.run-progress', { hasText: /step 1\b/ }).waitFor({ state: 'visible', timeout: SERVER_ROUND_TRIP_MS });
  const deltaRow = frame.locator('[data-layer="2"] [data-equation="delta"]');
  // Sections draw when on screen: bring layer 2's into view.
  await deltaRow.scrollIntoViewIfNeeded();
  await deltaRow.locator('[data-term="WnextT"] canvas.heatmap').waitFor({ state: 'visible', timeout: SERVER_ROUND_TRIP_MS });
  assert.equal(await deltaRow.locator('[data-term="WnextT"] .term-shape').innerText(), '16×3 = (3×16)ᵀ');
  assert.equal(await deltaRow.locator('[data-term="delta"] .term-shape').innerText(), '16×1');
  assert.ok(await frame.locator('[data-layer="3"] [data-equation="softmax-chain"] .katex').count() >= 4, 'KaTeX typeset the softmax chain');
  // KaTeX's fonts came from the extension's resource root through the real webview's CSP.
  const fonts = await frame.evaluate(async () => {
    await document.fonts.ready;
    return Array.from(document.fonts, (face) => `${face.family.replace(/"/g, '')} ${face.status}`).filter((face) => !face.endsWith('unloaded'));
  });
  assert.ok(fonts.includes('KaTeX_Main loaded') && fonts.includes('KaTeX_Math loaded'), fonts.join(', '));
  assert.ok(!fonts.some((face) => face.endsWith('error')), fonts.join(', '));
  await frame.locator('[data-layer="2"] [data-section="equations"]').scrollIntoViewIfNeeded();
  await screenshot(page, 'walkthrough-1-equations');

  await start.click();
  assert.equal(await phase(frame), 'forward-1');
  // Forward through layers 2 and 3 and the loss with the keyboard, then δ⁽³⁾ with the button.
  for (const expected of ['forward-2', 'forward-3', 'loss']) {
    await page.keyboard.press('ArrowRight');
    assert.equal(await phase(frame), expected);
  }
  await frame.locator('[data-action="walkthrough-next"]').click();
  assert.equal(await phase(frame), 'delta-3');
  const explanation = await frame.locator('.walkthrough-explanation').innerText();
  assert.match(explanation, /δ⁽³⁾ = o − t; the full chain .* gives the same numbers \(largest difference (0|\S+e−\d+)\)/);
  const focused = await frame.locator('[data-layer="3"] .equation-term.is-focus').evaluateAll((cells) => cells.map((cell) => (cell as HTMLElement).dataset.term));
  assert.ok(focused.includes('chain') && focused.includes('outputMinusTarget') && focused.includes('jacobian'), `focused terms: ${focused.join(', ')}`);
  // The phase scrolled its terms into view below the bar.
  assert.ok(await frame.locator('[data-layer="3"] [data-equation="softmax-chain"]').isVisible());
  await screenshot(page, 'walkthrough-2-softmax-chain');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal(await phase(frame), 'delta-2');
  await screenshot(page, 'walkthrough-3-delta-2');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await phase(frame), 'gradient-3', '← goes back a phase');

  // Resuming leaves pause: the walk-through ends and its highlights go.
  await runCommand(page, 'Gradient Lens: Resume');
  await frame.locator('.walkthrough[data-active="false"]').waitFor({ state: 'attached', timeout: SERVER_ROUND_TRIP_MS });
  assert.equal(await frame.locator('.is-focus, .is-walkthrough-focus').count(), 0);
  await runCommand(page, 'Gradient Lens: Pause');
});
