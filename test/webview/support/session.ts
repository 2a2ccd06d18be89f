/**
 * One headless Chromium (and browser context) per test file, started in `before` and closed in
 * `after`, and a panel page per test (closing it fails the test if the page logged errors or CSP violations).
 */
import { after, before } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchChromium } from '../../support/chromium';
import { newPanelContext, openPanel, type PanelPage } from './panelPage';
import type { ThemeKind } from './themes';

export function useBrowser(): { panel: (theme?: ThemeKind) => Promise<PanelPage> } {
  let browser: Browser | undefined;
  // One context for the file: creating a context costs more than a page on this machine.
  let context: BrowserContext | undefined;
  before(async () => {
    browser = await launchChromium();
    context = await newPanelContext(browser);
  });
  after(async () => { await browser?.close(); });
  return {
    panel: (theme) => {
      if (context === undefined) throw new Error('browser not started: call useBrowser() at the top level of the test file');
      return openPanel(context, theme);
    },
  };
}

/** Selector of a layer card's figure canvas, e.g. figureCanvas(2, 'dW'). */
export function figureCanvas(layer: number, figure: string): string {
  return `[data-layer="${layer}"] [data-figure="${figure}"] canvas.heatmap`;
}
