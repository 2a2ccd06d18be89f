// The integration-tier launcher for machines without a downloadable desktop VS Code: runs the
// suite (out/test/integration/suite/index.js) inside code-server's real extension host, opened in
// headless Chromium, and reads the results file the suite writes. Three windows, one after the
// other: a trusted one for the suite's own folder, one in restricted mode (workspace trust on,
// folder untrusted) for the tests in out/test/integration/restricted/, and an empty window (no
// folder at all) for out/test/integration/emptyWindow/. Ends with the line
// `integration: N passed, N failed` over all; any doubt (no file, no tests, timeout) is a failure.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { ensureCodeServer, REPO_ROOT, startCodeServer, workbenchUrl, type RunningCodeServer } from '../support/codeServer';
import type { IntegrationResults } from './suite/index';

const TIMEOUT_MS = Number(process.env.GRADIENT_LENS_INTEGRATION_TIMEOUT_MS ?? 5 * 60_000);
const SUITE = join(REPO_ROOT, 'out', 'test', 'integration', 'suite', 'index.js');
const FIXTURE = join(REPO_ROOT, 'test', 'fixtures', 'workspace');

/** The windows the tier opens: which test folder runs in each, whether its workspace is trusted, and whether it opens one. */
const WINDOWS = [
  { name: 'trusted', testFolder: undefined, workspaceTrust: 'disabled', opensFolder: true },
  { name: 'restricted mode', testFolder: 'restricted', workspaceTrust: 'untrusted', opensFolder: true },
  { name: 'empty', testFolder: 'emptyWindow', workspaceTrust: 'disabled', opensFolder: false },
] as const;

class LauncherError extends Error {}

async function main(): Promise<number> {
  const started = Date.now();
  for (const built of [SUITE, join(REPO_ROOT, 'dist', 'extension.js')]) {
    if (!existsSync(built)) throw new LauncherError(`${built} is missing: run \`node esbuild.mjs\` first`);
  }
  const binary = ensureCodeServer();
  let passed = 0;
  let failed = 0;
  for (const window of WINDOWS) {
    const results = await runWindow(binary, window, Date.now() + TIMEOUT_MS);
    console.log(`${window.name} window:`);
    for (const test of results.tests) {
      console.log(`${test.state === 'passed' ? '  ✓' : '  ✗'} ${test.title}`);
      if (test.error) console.log(test.error.replace(/^/gm, '      '));
    }
    passed += results.passed;
    failed += results.failed;
  }
  console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (passed + failed === 0) console.error('integration: FAILED: zero tests ran (no *.test.js next to the suite index, or a grep that matches nothing?)');
  console.log(`integration: ${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

/** Runs one window's tests in a fresh code-server over a fresh copy of the fixture workspace. */
async function runWindow(binary: string, window: (typeof WINDOWS)[number], deadline: number): Promise<IntegrationResults> {
  const scratch = mkdtempSync(join(tmpdir(), 'gradient-lens-integration-'));
  // A copy, so tests that edit or create files never dirty the committed fixture.
  const workspace = join(scratch, 'workspace');
  cpSync(FIXTURE, workspace, { recursive: true });
  const resultsPath = join(scratch, 'results.json');

  let server: RunningCodeServer | undefined;
  let browser: Browser | undefined;
  try {
    const env: Record<string, string> = { GRADIENT_LENS_TEST_RESULTS: resultsPath, ...(window.testFolder ? { GRADIENT_LENS_TEST_SUITE: window.testFolder } : {}) };
    server = await startCodeServer({ binary, workspace, env, workspaceTrust: window.workspaceTrust });
    browser = await launchChromium();
    const page = await browser.newPage();
    // The extension host's console ends up in the browser's: pass on what looks like trouble.
    // The gallery (open-vsx.org) is unreachable offline and its errors are harmless, so they are
    // dropped; GRADIENT_LENS_VERBOSE=1 forwards everything, including mocha's spec output.
    page.on('console', (message) => {
      const text = message.text().replace(/%c|color: #[0-9a-f]+/gi, '').trim();
      const looksLikeTrouble = message.type() === 'error' || /\b(error|exception|failed)\b/i.test(text);
      const knownHarmless = /open-vsx\.org|Failed to load resource/.test(text);
      if (process.env.GRADIENT_LENS_VERBOSE || (looksLikeTrouble && !knownHarmless)) {
        console.error(`[browser ${message.type()}] ${text}`);
      }
    });
    page.on('pageerror', (error) => console.error(`[browser pageerror] ${error.message}`));
    await page.goto(workbenchUrl(server, window.opensFolder ? workspace : undefined, { extensionDevelopmentPath: REPO_ROOT, extensionTestsPath: SUITE }));
    return await waitForResults(resultsPath, deadline);
  } catch (error) {
    if (server && !(error instanceof LauncherError && error.message.startsWith('code-server'))) {
      console.error(`--- code-server output (${window.name} window) ---\n${server.log()}`);
    }
    throw error;
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Polls for the suite's results file until `deadline` (epoch ms). */
async function waitForResults(path: string, deadline: number): Promise<IntegrationResults> {
  while (Date.now() < deadline) {
    if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as IntegrationResults;
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new LauncherError(
    `TIMED OUT after ${TIMEOUT_MS / 1000} s: no results file at ${path}. The suite never finished or never ran ` +
    '(extension host crash, or the payload URL did not load the tests); see the browser errors above.',
  );
}

main().then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    console.error(`integration: FAILED (counted as 1 failure): ${error instanceof Error ? error.message : String(error)}`);
    console.log('integration: 0 passed, 1 failed');
    process.exitCode = 1;
  },
);
