// End to end, as a user: the workbench with the extension loaded from this checkout (a development
// extension, as F5 would), Quick Open on a model file, the command palette, the Output panel.
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { ensureCodeServer, REPO_ROOT, startCodeServer, workbenchUrl, type RunningCodeServer } from '../support/codeServer';
import { openFile, outputPanelText, runCommand, screenshot, SCREENSHOT_DIR, waitForWorkbench } from '../support/workbench';

let scratch = '';
let server: RunningCodeServer | undefined;
let browser: Browser | undefined;
let page: Page;

before(async () => {
  const binary = ensureCodeServer();
  scratch = mkdtempSync(join(tmpdir(), 'gradient-lens-e2e-'));
  const workspace = join(scratch, 'workspace');
  cpSync(join(REPO_ROOT, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  server = await startCodeServer({ binary, workspace });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(workbenchUrl(server, workspace, { extensionDevelopmentPath: REPO_ROOT }));
  await waitForWorkbench(page);
}, { timeout: 15 * 60_000 }); // the first run installs code-server

after(async () => {
  await browser?.close();
  await server?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  console.log(`e2e screenshots: ${SCREENSHOT_DIR}`);
});

test('a model file opens from Quick Open', { timeout: 60_000 }, async () => {
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

test('"Gradient Lens: Show Output Log" from the palette shows the activation line', { timeout: 60_000 }, async () => {
  await runCommand(page, 'Gradient Lens: Show Output Log');
  // The panel's channel picker names the channel the Output view is showing.
  const channelPicker = page.locator('.part.panel .monaco-select-box');
  await channelPicker.filter({ hasText: 'Gradient Lens' }).first().waitFor({ state: 'visible', timeout: 15_000 });
  const text = await outputPanelText(page);
  await screenshot(page, 'dev-2-output-log');
  assert.match(text, /Gradient Lens 0\.1\.0 activated/);
});
