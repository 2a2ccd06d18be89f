import type { Frame, Page } from 'playwright-core';
import { SERVER_ROUND_TRIP_MS } from './workbench';

/**
 * The webview frame that renders the Gradient Lens panel (the one holding layer cards). The
 * webview lives in nested iframes; Playwright's frame list reaches its DOM.
 */
export async function panelFrame(page: Page, timeoutMs = SERVER_ROUND_TRIP_MS): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      if (await frame.locator('.layer-card').count().catch(() => 0) > 0) return frame;
    }
    if (Date.now() > deadline) throw new Error('no webview frame with layer cards');
    await page.waitForTimeout(250);
  }
}
