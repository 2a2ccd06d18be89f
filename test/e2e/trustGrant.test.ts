// End to end, in a workspace opened in restricted mode: a model file whose data path leads out of
// the workspace is refused (a red squiggle on the path), and once the user trusts the folder in
// VS Code's own Workspace Trust editor the refusal goes without touching the file: the extension
// hears onDidGrantWorkspaceTrust, drops what it loaded under restriction and checks the file again.
// This is the only tier that can grant trust: the extension API cannot, and the integration tier's
// restricted window stays untrusted.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { beforeEach, test } from 'node:test';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from '../support/codeServer';
import { useDevelopmentWorkbench } from '../support/devWorkbench';
import { openFile, runCommand, screenshot, SERVER_ROUND_TRIP_MS } from '../support/workbench';

/** A CSV outside the scratch workspace: in the checkout's own test data. */
const OUTSIDE_CSV = join(REPO_ROOT, 'test', 'fixtures', 'data', 'points.csv');
const MODEL = 'outside-data.nn.json';
const MODEL_TEXT = `${JSON.stringify({
  name: 'Outside data',
  layers: [{ units: 4, activation: 'tanh' }, { units: 3, activation: 'softmax' }],
  loss: 'cross_entropy',
  data: { source: 'csv', path: OUTSIDE_CSV, target: 'label' },
}, undefined, 2)}\n`;

const workbench = useDevelopmentWorkbench('trust-grant', { workspaceTrust: 'untrusted', files: { [MODEL]: MODEL_TEXT } });
let page: Page;
beforeEach(() => { page = workbench(); });

test('trusting the folder clears the restricted-mode refusal of a data path outside it', { timeout: 10 * SERVER_ROUND_TRIP_MS }, async () => {
  await openFile(page, MODEL);
  const editor = page.locator('.editor-group-container .editor-instance', { has: page.locator('.view-lines', { hasText: '"Outside data"' }) });
  await editor.waitFor({ state: 'visible' });
  const squiggles = editor.locator('.squiggly-error');
  await squiggles.first().waitFor({ state: 'attached', timeout: SERVER_ROUND_TRIP_MS });
  await screenshot(page, 'trust-1-restricted');

  await runCommand(page, 'Workspaces: Manage Workspace Trust');
  const trust = page.locator('.workspace-trust-editor .monaco-button', { hasText: /^Trust$/ }).first();
  await trust.waitFor({ state: 'visible', timeout: SERVER_ROUND_TRIP_MS });
  await trust.click();
  await page.locator('.workspace-trust-editor', { hasText: /trusted/i }).waitFor({ state: 'visible', timeout: SERVER_ROUND_TRIP_MS });
  await screenshot(page, 'trust-2-granted');

  await page.locator('.tabs-container .tab', { hasText: MODEL }).click();
  await squiggles.first().waitFor({ state: 'detached', timeout: SERVER_ROUND_TRIP_MS });
  assert.equal(await squiggles.count(), 0, 'no problem is left on the model file');
  // The CSV was read this time: the layer hints (like the hover, fed by the same load) know its two input columns.
  await editor.locator('.view-lines', { hasText: '4×2 → 4 · 12 params' }).waitFor({ state: 'visible', timeout: SERVER_ROUND_TRIP_MS });
  await screenshot(page, 'trust-3-rechecked');
});
