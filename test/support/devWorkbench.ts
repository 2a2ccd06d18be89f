import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './chromium';
import { ensureCodeServer, REPO_ROOT, startCodeServer, workbenchUrl, type RunningCodeServer } from './codeServer';
import { SCREENSHOT_DIR, waitForWorkbench } from './workbench';

/**
 * Registers the node:test hooks of an end-to-end file that drives the real workbench with this
 * checkout loaded as a development extension (as F5 would) and a scratch copy of the fixture
 * workspace. Returns a getter for the page, valid once `before` has run; `after` reaps the
 * browser, the server's process group and the scratch folder.
 */
export interface DevelopmentWorkbenchOptions {
  /** `untrusted`: the window opens the workspace in restricted mode (see {@link startCodeServer}). */
  readonly workspaceTrust?: 'disabled' | 'untrusted';
  /** Files to add to the scratch workspace before the window opens: name → text. */
  readonly files?: Readonly<Record<string, string>>;
}

export function useDevelopmentWorkbench(name: string, options: DevelopmentWorkbenchOptions = {}): () => Page {
  let scratch = '';
  let server: RunningCodeServer | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;

  before(async () => {
    const binary = ensureCodeServer();
    scratch = mkdtempSync(join(tmpdir(), `gradient-lens-e2e-${name}-`));
    const workspace = join(scratch, 'workspace');
    cpSync(join(REPO_ROOT, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
    for (const [file, text] of Object.entries(options.files ?? {})) writeFileSync(join(workspace, file), text);
    server = await startCodeServer({ binary, workspace, ...(options.workspaceTrust ? { workspaceTrust: options.workspaceTrust } : {}) });
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

  return () => {
    if (!page) throw new Error('the workbench is not up: its before() hook failed or has not run');
    return page;
  };
}
