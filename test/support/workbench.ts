// Drives the VS Code workbench the way a user does (keyboard, Quick Open, command palette) for the
// end-to-end tests. Only Playwright locators here, no page.evaluate: the selectors are the
// workbench's own stable class names, and text is read as the user sees it.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { REPO_ROOT } from './codeServer';

/** Where e2e screenshots go (gitignored); printed by the tests so a human can look. */
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results', 'e2e');

/** Resolves once the workbench has rendered its parts and the explorer shows the workspace. */
export async function waitForWorkbench(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: timeoutMs });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout: timeoutMs });
}

function quickInput(page: Page): Locator {
  return page.locator('.quick-input-widget');
}

/** The rows the quick input currently shows (it renders only the visible part of long lists). */
function quickInputRows(page: Page): Locator {
  return quickInput(page).locator('.quick-input-list .monaco-list-row');
}

/** Opens the command palette and types `query` after its `>` prefix. */
export async function openPalette(page: Page, query: string): Promise<void> {
  await page.keyboard.press('F1');
  await quickInput(page).locator('input:focus').waitFor({ state: 'visible' });
  await page.keyboard.type(query);
}

/** Labels of the palette entries matching `query`, e.g. `Gradient Lens: Show Output Log`. */
export async function paletteEntries(page: Page, query: string): Promise<string[]> {
  await openPalette(page, query);
  // No row at all means no match: report an empty list and let the caller's assertion say what is missing.
  const anyRow = await quickInputRows(page).first().waitFor({ state: 'visible', timeout: 10_000 }).then(() => true, () => false);
  const labels = anyRow ? await quickInputRows(page).locator('.label-name').allInnerTexts() : [];
  await page.keyboard.press('Escape');
  return labels.map(normalizeText);
}

/** Runs a command from the palette by its full title (`Category: Title`), as a user would. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await openPalette(page, title);
  const row = quickInputRows(page).filter({ has: page.locator('.label-name', { hasText: exactly(title) }) }).first();
  await row.waitFor({ state: 'visible' });
  await row.click();
  await quickInput(page).waitFor({ state: 'hidden' });
}

/**
 * Opens a workspace file through Quick Open (Ctrl+P) and waits for its editor tab to be active.
 * File search runs in the extension host, which starts a few seconds after the workbench shows,
 * and a search sent before then can come back empty: so an empty result is retried, not trusted.
 */
export async function openFile(page: Page, fileName: string, attempts = 4): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+P');
    await quickInput(page).locator('input:focus').waitFor({ state: 'visible' });
    await page.keyboard.type(fileName);
    const row = quickInputRows(page).filter({ has: page.locator('.label-name', { hasText: exactly(fileName) }) }).first();
    try {
      await row.waitFor({ state: 'visible', timeout: 15_000 });
    } catch (error) {
      if (attempt >= attempts) throw error;
      console.log(`Quick Open found no ${fileName} yet (attempt ${attempt}); retrying`);
      await page.keyboard.press('Escape');
      continue;
    }
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab.active', { hasText: fileName }).waitFor({ state: 'visible' });
    return;
  }
}

/** The visible text of the Output panel's editor, with Monaco's non-breaking spaces made plain. */
export async function outputPanelText(page: Page): Promise<string> {
  const lines = page.locator('.part.panel .output-view .view-lines');
  await lines.waitFor({ state: 'visible' });
  return normalizeText(await lines.innerText());
}

/** Saves a full-page screenshot under test-results/e2e/ and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

function normalizeText(text: string): string {
  return text.replace(/\u00a0/g, ' ');
}

function exactly(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}
