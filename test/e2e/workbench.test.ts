// End to end, as a user: the workbench with the extension loaded from this checkout (a development
// extension, as F5 would), Quick Open on a model file, the command palette, the Output panel.
import * as assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import type { Page } from 'playwright-core';
import { useDevelopmentWorkbench } from '../support/devWorkbench';
import { openFile, outputPanelText, runCommand, screenshot, SERVER_ROUND_TRIP_MS } from '../support/workbench';

const workbench = useDevelopmentWorkbench('workbench');
let page: Page;
beforeEach(() => { page = workbench(); }); // after the helper's before() has brought the workbench up

test('a model file opens from Quick Open', { timeout: 3 * SERVER_ROUND_TRIP_MS }, async () => {
  // The development extension marks the window, which proves the payload URL loaded this checkout.
  assert.match(await page.title(), /\[Extension Development Host\]/);
  await openFile(page, 'xor.nn.json');
  await page.locator('.editor-instance .view-lines', { hasText: '"XOR"' }).waitFor({ state: 'visible' });
  // The language picker in the status bar says what language the editor gave the file.
  const language = page.locator('.part.statusbar [id="status.editor.mode"]');
  await language.waitFor({ state: 'visible' });
  await screenshot(page, 'dev-1-model-open');
  assert.equal((await language.innerText()).trim(), 'JSON with Comments');
});

test('"Gradient Lens: Show Output Log" from the palette shows the activation line', { timeout: 3 * SERVER_ROUND_TRIP_MS }, async () => {
  await runCommand(page, 'Gradient Lens: Show Output Log');
  // The panel's channel picker names the channel the Output view is showing.
  const channelPicker = page.locator('.part.panel .monaco-select-box');
  await channelPicker.filter({ hasText: 'Gradient Lens' }).first().waitFor({ state: 'visible', timeout: SERVER_ROUND_TRIP_MS });
  const text = await outputPanelText(page, /Gradient Lens \d+\.\d+\.\d+ activated/);
  await screenshot(page, 'dev-2-output-log');
  assert.match(text, /Gradient Lens 0\.1\.0 activated/);
});
