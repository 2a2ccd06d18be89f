/** Reads the panel's test hooks (webview/testHooks.ts) from a test. */
import type { ChartReading, GradientLensTestHooks } from '../../../webview/testHooks';
import type { PanelPage } from './panelPage';

export function chartReadings(panel: PanelPage): Promise<Record<string, ChartReading>> {
  return panel.page.evaluate(() => (window as unknown as { __gradientLens: GradientLensTestHooks }).__gradientLens.charts());
}

/** Resolves once every chart render the panel has asked for ran (while training they wait for idle time, see ChartPacer). */
export async function chartsSettled(panel: PanelPage): Promise<void> {
  await panel.page.waitForFunction(() => (window as unknown as { __gradientLens: GradientLensTestHooks }).__gradientLens.chartsPending() === 0, undefined, { timeout: 5000 });
}

/** Resolves once the panel drew a frame with snapshot `seq` (acks go out after drawing) and rendered its charts. */
export async function drawnCharts(panel: PanelPage, seq: number): Promise<Record<string, ChartReading>> {
  await panel.waitForAck(seq);
  await chartsSettled(panel);
  return chartReadings(panel);
}
