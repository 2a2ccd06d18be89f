// End to end, as a user editing a model file: the run CodeLens and layer-shape hints are drawn,
// hovering `"units"` shows the layer's shapes and backprop equation, and a broken model gets a
// red squiggle under the offending value.
import * as assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import type { Page } from 'playwright-core';
import { useDevelopmentWorkbench } from '../support/devWorkbench';
import { openFile, screenshot, SERVER_ROUND_TRIP_MS } from '../support/workbench';

const workbench = useDevelopmentWorkbench('editor');
let page: Page;
beforeEach(() => { page = workbench(); }); // after the helper's before() has brought the workbench up

function activeEditor(page: Page) {
  return page.locator('.editor-group-container.active .editor-instance');
}

/** Monaco renders non-breaking spaces; compare text as the user reads it. */
const plain = (text: string) => text.replace(/\u00a0/g, ' ');

test('xor.nn.json shows the run CodeLens and each layer\'s shape', { timeout: 10 * SERVER_ROUND_TRIP_MS }, async () => {
  await openFile(page, 'xor.nn.json');
  const editor = activeEditor(page);
  await editor.locator('.view-lines', { hasText: '"XOR"' }).waitFor({ state: 'visible' });
  const lens = editor.locator('.codelens-decoration');
  await lens.filter({ hasText: 'Train' }).first().waitFor({ state: 'visible', timeout: SERVER_ROUND_TRIP_MS });
  const lensText = plain(await lens.first().innerText());
  for (const title of ['Train', 'Step', 'Open Gradient Panel', 'Check Gradients']) assert.ok(lensText.includes(title), lensText);
  // Train and Step carry codicons (emoji like ⏭ have no glyph in many fonts).
  assert.equal(await lens.first().locator('.codicon-play, .codicon-debug-step-over').count(), 2);
  // Inlay hints are injected text: the workbench renders them inside the layer's line.
  await editor.locator('.view-lines', { hasText: '4×2 → 4 · 12 params' }).waitFor({ state: 'visible', timeout: SERVER_ROUND_TRIP_MS });
  await screenshot(page, 'editor-1-codelens-hints');
  const lineOfLayer1 = plain(await editor.locator('.view-line', { hasText: '"tanh"' }).first().innerText());
  assert.match(lineOfLayer1, /"tanh" },\s*4×2 → 4 · 12 params/);
  assert.ok(plain(await editor.locator('.view-lines').innerText()).includes('1×4 → 1 · 5 params'));
});

test('hovering "units" of layer 1 shows its shapes and backprop equation', { timeout: 10 * SERVER_ROUND_TRIP_MS }, async () => {
  const editor = activeEditor(page);
  const units = editor.locator('.view-line span span', { hasText: /^"units"$/ }).first();
  await units.waitFor({ state: 'visible' });
  const hover = page.locator('.monaco-hover', { hasText: 'Layer 1 of 2' });
  // The hover opens after the editor's hover delay; move again if the first move came too early.
  for (let attempt = 0; attempt < 5 && !(await hover.isVisible()); attempt++) {
    await page.mouse.move(0, 0);
    await units.hover();
    await hover.waitFor({ state: 'visible', timeout: 5_000 }).catch(() => undefined);
  }
  await hover.waitFor({ state: 'visible' });
  await page.waitForTimeout(500); // let the hover's fade-in finish before the screenshot
  const text = plain(await hover.innerText());
  await screenshot(page, 'editor-2-layer-hover');
  assert.ok(text.includes('W⁽¹⁾ ∈ ℝ^{4×2}'), text);
  assert.ok(text.includes('δ⁽¹⁾ [4] = f′(z⁽¹⁾) [4] ⊙ W⁽²⁾ᵀ [4×1] · δ⁽²⁾ [1]'), text);
  assert.ok(text.includes('12 parameters'), text);
  await page.keyboard.press('Escape');
  await page.mouse.move(0, 0);
});

test('a hidden softmax gets a red squiggle under "softmax" and a Gradient Lens problem', { timeout: 10 * SERVER_ROUND_TRIP_MS }, async () => {
  await openFile(page, 'editor-softmax-hidden.nn.json');
  const editor = activeEditor(page);
  await editor.locator('.view-lines', { hasText: 'Softmax too early' }).waitFor({ state: 'visible' });
  const squiggle = editor.locator('.squiggly-error').first();
  await squiggle.waitFor({ state: 'attached', timeout: SERVER_ROUND_TRIP_MS });
  // The squiggle is drawn over the first "softmax" value (layer 1), on the same row as its text.
  const squiggleBox = await squiggle.boundingBox();
  const tokenBox = await editor.locator('.view-line span span', { hasText: /^"softmax"$/ }).first().boundingBox();
  assert.ok(squiggleBox && tokenBox, 'squiggle or token not laid out');
  assert.ok(Math.abs(squiggleBox.y + squiggleBox.height / 2 - (tokenBox.y + tokenBox.height / 2)) < tokenBox.height, 'squiggle not on the softmax line');
  assert.ok(Math.abs(squiggleBox.x - tokenBox.x) < 2 && Math.abs(squiggleBox.width - tokenBox.width) < 2,
    `squiggle ${JSON.stringify(squiggleBox)} vs token ${JSON.stringify(tokenBox)}`);
  await page.locator('.view-line span span', { hasText: /^"softmax"$/ }).first().hover();
  const problemHover = page.locator('.monaco-hover', { hasText: 'only valid on the output layer' });
  await problemHover.waitFor({ state: 'visible', timeout: SERVER_ROUND_TRIP_MS });
  await page.waitForTimeout(500); // let the hover's fade-in finish before the screenshot
  await screenshot(page, 'editor-3-softmax-squiggle');
  assert.match(plain(await problemHover.innerText()), /Gradient Lens/);
});
