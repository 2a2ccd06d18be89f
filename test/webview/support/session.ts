/**
 * One headless Chromium (and browser context) per test file, started in `before` and closed in
 * `after`, and a panel page per test (closing it fails the test if the page logged errors or CSP violations).
 * The pages' HTML files live in one temporary folder per test file, removed in `after` — which
 * node:test runs when tests failed too — and, should the process die first, on exit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchChromium } from '../../support/chromium';
import { newPanelContext, openPanel, type PanelOptions, type PanelPage } from './panelPage';
import type { ThemeKind } from './themes';

export function useBrowser(): { panel: (options?: ThemeKind | PanelOptions) => Promise<PanelPage>; dir: () => string } {
  let browser: Browser | undefined;
  // One context for the file: creating a context costs more than a page on this machine.
  let context: BrowserContext | undefined;
  let dir: string | undefined;
  const removeDir = () => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  };
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gradient-lens-panel-'));
    process.once('exit', removeDir);
    browser = await launchChromium();
    context = await newPanelContext(browser);
  });
  after(async () => {
    try {
      await browser?.close();
    } finally {
      removeDir();
      process.off('exit', removeDir);
    }
  });
  return {
    panel: (options) => {
      if (context === undefined || dir === undefined) throw new Error('browser not started: call useBrowser() at the top level of the test file');
      return openPanel(context, dir, typeof options === 'string' ? { theme: options } : options);
    },
    dir: () => {
      if (dir === undefined) throw new Error('no temporary folder outside a test');
      return dir;
    },
  };
}

/** Selector of a layer card's figure canvas, e.g. figureCanvas(2, 'dW'). */
export function figureCanvas(layer: number, figure: string): string {
  return `[data-layer="${layer}"] [data-figure="${figure}"] canvas.heatmap`;
}
