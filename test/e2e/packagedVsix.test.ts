// End to end, as someone who installs the release: the .vsix that `npm run package` left at the
// repository root, installed with code-server's CLI into a fresh extensions folder, then used from
// the command palette. No development path: only what the package ships is loaded.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { ensureCodeServer, REPO_ROOT, startCodeServer, workbenchUrl, type RunningCodeServer } from '../support/codeServer';
import { LOCAL_REACTION_MS, outputPanelText, paletteLists, paletteOffers, runCommand, screenshot, SERVER_ROUND_TRIP_MS, waitForWorkbench } from '../support/workbench';

interface Manifest {
  publisher: string;
  name: string;
  version: string;
  contributes?: {
    commands?: { command: string; title: string; category?: string; enablement?: string }[];
    menus?: { commandPalette?: { command: string; when?: string }[] };
  };
}

const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as Manifest;
const extensionId = `${manifest.publisher}.${manifest.name}`;

const paletteLabel = (entry: { title: string; category?: string }) => (entry.category ? `${entry.category}: ${entry.title}` : entry.title);

/** Commands that only make sense while a model has a session (the exports: with a snapshot): hidden in a fresh window. */
const SESSION_ONLY = ['gradientLens.pause', 'gradientLens.resume', 'gradientLens.stop', 'gradientLens.reset', 'gradientLens.exportSnapshot', 'gradientLens.exportNormHistory'];

/**
 * Palette labels (`Category: Title`) of the commands a user sees in a fresh window: those with no
 * `enablement` or palette `when` clause, and Train Model (enabled whenever nothing is training).
 */
function alwaysVisibleCommandTitles(): string[] {
  const conditional = new Set((manifest.contributes?.menus?.commandPalette ?? []).map((entry) => entry.command));
  return (manifest.contributes?.commands ?? [])
    .filter((entry) => !conditional.has(entry.command) && (entry.enablement === undefined || entry.command === 'gradientLens.train'))
    .map(paletteLabel);
}

function sessionOnlyCommandTitles(): string[] {
  return (manifest.contributes?.commands ?? []).filter((entry) => SESSION_ONLY.includes(entry.command)).map(paletteLabel);
}

/** The package under test: exactly `<name>-<version>.vsix` at the repository root. */
function locateVsix(): string {
  const expected = join(REPO_ROOT, `${manifest.name}-${manifest.version}.vsix`);
  if (existsSync(expected)) return expected;
  const others = readdirSync(REPO_ROOT).filter((file) => file.startsWith(`${manifest.name}-`) && file.endsWith('.vsix'));
  throw new Error(
    `no ${expected}: run \`npm run package\` first to build the .vsix this test installs` +
    (others.length > 0 ? ` (found only ${others.join(', ')}, which do not match version ${manifest.version})` : ''),
  );
}

/** Commands the palette tests ask for one by one, which bounds how long they may take. */
const PALETTE_TITLES = Math.max(alwaysVisibleCommandTitles().length, sessionOnlyCommandTitles().length + 1);

let scratch = '';
let server: RunningCodeServer | undefined;
let browser: Browser | undefined;
let page: Page;

before(async () => {
  const vsix = locateVsix();
  const binary = ensureCodeServer();
  scratch = mkdtempSync(join(tmpdir(), 'gradient-lens-vsix-'));
  const extensionsDir = join(scratch, 'extensions');
  // A throwaway user-data-dir too, so the install never touches ~/.local/share/code-server.
  const install = spawnSync(binary, ['--install-extension', vsix, '--force',
    '--extensions-dir', extensionsDir, '--user-data-dir', join(scratch, 'install-user-data')], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(install.status, 0, `installing ${vsix} failed:\n${install.stdout}\n${install.stderr}`);
  const installed = readdirSync(extensionsDir);
  assert.ok(installed.includes(`${extensionId}-${manifest.version}`), `${extensionId}-${manifest.version} not in ${extensionsDir}: ${installed.join(', ')}`);

  const workspace = join(scratch, 'workspace');
  cpSync(join(REPO_ROOT, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  server = await startCodeServer({ binary, workspace, extensionsDir });
  browser = await launchChromium();
  // Tall, so the palette lists many commands at once (it renders only the rows that fit).
  page = await browser.newPage({ viewport: { width: 1400, height: 1600 } });
  await page.goto(workbenchUrl(server, workspace));
  await waitForWorkbench(page);
}, { timeout: 15 * 60_000 });

after(async () => {
  await browser?.close();
  await server?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

test('the installed package puts the Gradient Lens commands a fresh window can run in the palette', { timeout: SERVER_ROUND_TRIP_MS + PALETTE_TITLES * 2 * LOCAL_REACTION_MS }, async () => {
  const expected = alwaysVisibleCommandTitles();
  assert.ok(expected.length > 0, 'package.json contributes no command that is always in the palette');
  // The first command waits for the window to register the installed extension; once one of its
  // commands is offered, all its contributions are known, so the others need only a local reaction.
  const missing: string[] = [];
  for (const [i, title] of expected.entries()) {
    if (!(await paletteOffers(page, title, i === 0 ? SERVER_ROUND_TRIP_MS : LOCAL_REACTION_MS))) missing.push(title);
  }
  await openPaletteForScreenshot();
  // Loaded from the extensions folder, not as a development extension (which would mark the window).
  assert.doesNotMatch(await page.title(), /Extension Development Host/);
  assert.deepEqual(missing, [], `not in the command palette: ${missing.join(', ')}`);
});

test('commands that need a training session stay out of the palette while nothing trains', { timeout: SERVER_ROUND_TRIP_MS + PALETTE_TITLES * 2 * LOCAL_REACTION_MS }, async () => {
  const hidden = sessionOnlyCommandTitles();
  assert.equal(hidden.length, SESSION_ONLY.length, 'package.json lost one of the session-only commands');
  const control = 'Gradient Lens: Show Output Log';
  // The same reading sees a command that is offered: an absence below is not a palette read too early.
  assert.ok(await paletteLists(page, 'Gradient Lens: New Model from Template', control), 'paletteLists missed a command the palette offers');
  for (const title of hidden) {
    assert.ok(!(await paletteLists(page, title, control)), `${title} is offered in the palette with no model training`);
  }
});

test('the installed package activates and logs its version', { timeout: 2 * SERVER_ROUND_TRIP_MS + LOCAL_REACTION_MS }, async () => {
  await runCommand(page, 'Gradient Lens: Show Output Log');
  const activated = new RegExp(`Gradient Lens ${manifest.version.replace(/\./g, '\\.')} activated`);
  const text = await outputPanelText(page, activated).catch(async (error: unknown) => {
    await screenshot(page, 'vsix-2-output-log');
    throw error;
  });
  await screenshot(page, 'vsix-2-output-log');
  assert.match(text, activated);
});

test('the packaged extension has no test hooks: its bundle lacks their code', () => {
  const bundle = spawnSync('unzip', ['-p', locateVsix(), 'extension/dist/extension.js'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(bundle.status, 0, `unzip failed: ${bundle.stderr}`);
  assert.ok(bundle.stdout.includes('liveWorkerCount'), 'the bundle read is not the extension (its API is missing)');
  // What GradientLensTestHooks (src/extension/session/api.ts) would add to the API.
  for (const hook of ['injectPanelMessage', 'killWorkerForTest', 'useExportPromptsForTest']) {
    assert.ok(!bundle.stdout.includes(hook), `the packaged dist/extension.js contains the test hook ${hook}`);
  }
});

async function openPaletteForScreenshot(): Promise<void> {
  await page.keyboard.press('F1');
  await page.keyboard.type('Gradient Lens');
  await page.locator('.quick-input-widget .monaco-list-row').first().waitFor({ state: 'visible', timeout: LOCAL_REACTION_MS });
  await screenshot(page, 'vsix-1-palette');
  await page.keyboard.press('Escape');
}
