/** Reads the panel's test hooks (webview/testHooks.ts) from a test. */
import type { ChartReading, GradientLensTestHooks } from '../../../webview/testHooks';
import type { PanelPage } from './panelPage';

export function chartReadings(panel: PanelPage): Promise<Record<string, ChartReading>> {
  return panel.page.evaluate(() => (window as unknown as { __gradientLens: GradientLensTestHooks }).__gradientLens.charts());
}

/** Resolves once the panel drew a frame with snapshot `seq` and its charts (acks go out after drawing). */
export async function drawnCharts(panel: PanelPage, seq: number): Promise<Record<string, ChartReading>> {
  await panel.waitForAck(seq);
  return chartReadings(panel);
}
