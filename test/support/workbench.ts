// Drives the VS Code workbench the way a user does (keyboard, Quick Open, command palette) for the
// end-to-end tests. Only Playwright locators here, no page.evaluate: the selectors are the
// workbench's own stable class names, and text is read as the user sees it.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { REPO_ROOT } from './codeServer';

/** Where e2e screenshots go (gitignored); printed by the tests so a human can look. */
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results', 'e2e');

/**
 * Bounds of the waits that go through code-server's server side (the remote extension host, file
 * search, the extensions a window registers). On a quiet machine each takes well under a second;
 * the first of each kind after a window opens is the slowest (the extension host starts, scans
 * extensions, activates ours), and on a 2-core machine loaded 2–10× over that first one has taken
 * tens of seconds. So these bounds are generous, and what they wait for is a condition, never time.
 */
export const SERVER_ROUND_TRIP_MS = 90_000;
/** Bound of a purely local reaction of the workbench (a widget showing, a list filtering), loaded machine included. */
export const LOCAL_REACTION_MS = 15_000;

/** Resolves once the workbench has rendered its parts and the explorer shows the workspace. */
export async function waitForWorkbench(page: Page, timeoutMs = SERVER_ROUND_TRIP_MS): Promise<void> {
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

/** The quick input's row labelled exactly `label`. */
function quickInputRow(page: Page, label: string): Locator {
  return quickInputRows(page).filter({ has: page.locator('.label-name', { hasText: exactly(label) }) }).first();
}

/** Opens the command palette and types `query` after its `>` prefix. */
export async function openPalette(page: Page, query: string): Promise<void> {
  await page.keyboard.press('F1');
  await quickInput(page).locator('input:focus').waitFor({ state: 'visible', timeout: LOCAL_REACTION_MS });
  await page.keyboard.type(query);
}

async function closeQuickInput(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await quickInput(page).waitFor({ state: 'hidden', timeout: LOCAL_REACTION_MS });
}

/**
 * Whether the palette offers the command titled `title` (`Category: Title`) within `timeoutMs`:
 * a window registers its extensions' commands some time after it shows, and an open palette keeps
 * the list it opened with, so until the deadline the palette is opened afresh for the one row
 * expected (each time waiting a local reaction for it) rather than read once.
 */
export async function paletteOffers(page: Page, title: string, timeoutMs = SERVER_ROUND_TRIP_MS): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await openPalette(page, title);
    const wait = Math.max(1, Math.min(LOCAL_REACTION_MS, deadline - Date.now()));
    const found = await quickInputRow(page, title).waitFor({ state: 'visible', timeout: wait }).then(() => true, () => false);
    await closeQuickInput(page);
    if (found || Date.now() >= deadline) return found;
  }
}

/**
 * Whether the palette lists `title` at all, for proving a command absent. An empty list proves
 * nothing while the window has not registered the extension's commands yet, so the palette must
 * first offer `control`, a command of the same extension that is always offered. From then on the
 * palette filters the registered commands as each key is typed (a query with no match then waits
 * on slower sources and shows nothing), so the rows present once `title` is typed are the answer.
 */
export async function paletteLists(page: Page, title: string, control: string, timeoutMs = SERVER_ROUND_TRIP_MS): Promise<boolean> {
  if (!(await paletteOffers(page, control, timeoutMs))) throw new Error(`the palette never offered "${control}": the extension's commands are not registered`);
  await openPalette(page, title);
  const typed = await quickInput(page).locator('input').inputValue();
  if (typed !== `>${title}`) throw new Error(`the palette's input reads "${typed}", not ">${title}"`);
  const listed = await quickInputRow(page, title).count() > 0;
  await closeQuickInput(page);
  return listed;
}

/**
 * Runs a command from the palette by its full title (`Category: Title`), as a user would. The
 * caller makes sure the command is enabled first (the palette hides disabled commands and does
 * not update while open); a missing row fails with what the palette showed instead.
 */
export async function runCommand(page: Page, title: string, timeoutMs = SERVER_ROUND_TRIP_MS): Promise<void> {
  await openPalette(page, title);
  const row = quickInputRow(page, title);
  try {
    await row.waitFor({ state: 'visible', timeout: timeoutMs });
  } catch (error) {
    const shown = (await quickInputRows(page).locator('.label-name').allInnerTexts()).map(normalizeText);
    await page.keyboard.press('Escape');
    throw new Error(`the palette did not offer "${title}" within ${timeoutMs} ms (it showed: ${shown.join(' | ') || 'nothing'})`, { cause: error });
  }
  await row.click();
  await quickInput(page).waitFor({ state: 'hidden', timeout: LOCAL_REACTION_MS });
}

/**
 * Opens a workspace file through Quick Open (Ctrl+P), clicking the row named exactly `fileName`
 * (Enter would take whichever row has focus while results still arrive), and waits for its tab to
 * be active. File search runs in the extension host, which starts a few seconds after the
 * workbench shows, and a search sent before then comes back empty and is not re-run: so an empty
 * result is asked again, not trusted, until the bound.
 */
export async function openFile(page: Page, fileName: string, timeoutMs = SERVER_ROUND_TRIP_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await page.keyboard.press('Control+P');
    await quickInput(page).locator('input:focus').waitFor({ state: 'visible', timeout: LOCAL_REACTION_MS });
    await page.keyboard.type(fileName);
    const row = quickInputRow(page, fileName);
    const found = await row.waitFor({ state: 'visible', timeout: LOCAL_REACTION_MS }).then(() => true, () => false);
    if (found) {
      await row.click();
      break;
    }
    await closeQuickInput(page);
    if (Date.now() > deadline) throw new Error(`Quick Open found no ${fileName} within ${timeoutMs} ms`);
    console.log(`Quick Open found no ${fileName} yet (the extension host's file search may not be up); asking again`);
  }
  await page.locator('.tabs-container .tab.active', { hasText: fileName }).waitFor({ state: 'visible', timeout: SERVER_ROUND_TRIP_MS });
}

/**
 * The visible text of the Output panel's editor, with Monaco's non-breaking spaces made plain, once
 * it shows a line matching `expected` (the extension may still be activating when the view opens).
 */
export async function outputPanelText(page: Page, expected: RegExp, timeoutMs = SERVER_ROUND_TRIP_MS): Promise<string> {
  const lines = page.locator('.part.panel .output-view .view-lines');
  // Monaco draws spaces as non-breaking ones: a space in `expected` matches either.
  const asDrawn = new RegExp(expected.source.replace(/ /g, '[ \\u00a0]'), expected.flags);
  await lines.locator('.view-line', { hasText: asDrawn }).first().waitFor({ state: 'visible', timeout: timeoutMs });
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
