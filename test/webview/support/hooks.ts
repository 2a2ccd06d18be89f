/** Reads the panel's test hooks (webview/testHooks.ts) from a test, and the view states tests start from. */
import type { ChartReading, GradientLensTestHooks } from '../../../webview/testHooks';
import { DEFAULT_VIEW_STATE, type ViewState } from '../../../webview/viewState';
import type { PanelPage } from './panelPage';

type Hooks = GradientLensTestHooks;

/** Calls the test hook `name` in the page with `args` (they cross as JSON) and returns what it returns. */
export function callHook<K extends keyof Hooks>(panel: PanelPage, name: K, ...args: Parameters<Hooks[K]>): Promise<ReturnType<Hooks[K]>> {
  return panel.page.evaluate(([hook, hookArgs]) => {
    const hooks = (window as unknown as { __gradientLens: Record<string, (...values: unknown[]) => unknown> }).__gradientLens;
    return hooks[hook](...hookArgs);
  }, [name, args] as const) as Promise<ReturnType<Hooks[K]>>;
}

export function chartReadings(panel: PanelPage): Promise<Record<string, ChartReading>> {
  return callHook(panel, 'charts');
}

/** Resolves once every chart render the panel has asked for ran (while training they wait for idle time, see ChartPacer). */
export async function chartsSettled(panel: PanelPage): Promise<void> {
  await panel.page.waitForFunction(() => (window as unknown as { __gradientLens: Hooks }).__gradientLens.chartsPending() === 0, undefined, { timeout: 5000 });
}

/** Resolves once the panel drew a frame with snapshot `seq` (acks go out after drawing) and rendered its charts. */
export async function drawnCharts(panel: PanelPage, seq: number): Promise<Record<string, ChartReading>> {
  await panel.waitForAck(seq);
  await chartsSettled(panel);
  return chartReadings(panel);
}

/** The default view with the equations shown (a stored state to open a panel with). */
export const EQUATIONS_ON: ViewState = { ...DEFAULT_VIEW_STATE, quantities: { ...DEFAULT_VIEW_STATE.quantities, equations: true } };
