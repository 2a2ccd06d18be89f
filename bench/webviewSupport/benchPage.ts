/**
 * The page the webview benchmark drives: the real dist/webview.js and media/panel.css under the
 * webview CSP, a host stub that only tracks the cumulative ack (a soak must not keep every
 * posted message the way the test stub does), and the view state "every quantity shown".
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const NONCE = 'gradient-lens-bench-nonce';

/** Writes the panel HTML into `dir` and returns its file URL. */
export function writeBenchHtml(dir: string): string {
  const script = pathToFileURL(resolve('dist/webview.js')).href;
  const stylesheet = pathToFileURL(resolve('media/panel.css')).href;
  const file = join(dir, 'bench-panel.html');
  writeFileSync(file, `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${NONCE}'; style-src file:; img-src file: data:;">
<link rel="stylesheet" href="${stylesheet}">
</head>
<body class="vscode-dark">
<script nonce="${NONCE}" src="${script}"></script>
</body>
</html>`);
  return pathToFileURL(file).href;
}

/** What the in-page scripts keep on `window` (typed here: the bench compiles without DOM types). */
export interface BenchGlobals {
  __gradientLensTestHooks: boolean;
  __benchAcked: number;
  __benchFrames: number;
  acquireVsCodeApi: () => unknown;
  requestAnimationFrame: (callback: () => void) => number;
  postMessage: (message: unknown, targetOrigin: string, transfer?: ArrayBuffer[]) => void;
  document: { body: { dataset: Record<string, string | undefined> } };
  __gradientLens: { drainTimings(): { latencies: number[]; drawDurations: number[] }; chartRenders(): Record<string, number> };
  __benchFeeder: { sent: number; skipped: number; stop(): void };
}

/** Runs in the page before the bundle: the VS Code API stub, every quantity on, and a frame counter. */
export function installBenchHost(): void {
  const page = globalThis as unknown as BenchGlobals;
  page.__gradientLensTestHooks = true;
  page.__benchAcked = 0;
  page.__benchFrames = 0;
  const state = {
    scaleMode: 'card', fixedScale: 0.05, collapsedLayers: [],
    quantities: { activations: true, delta: true, weightGradient: true, weights: true, update: true },
  };
  page.acquireVsCodeApi = () => ({
    postMessage: (message: { type: string; seq?: number }) => {
      if (message.type === 'ack' && message.seq !== undefined) page.__benchAcked = Math.max(page.__benchAcked, message.seq);
    },
    getState: () => state,
    setState: () => undefined,
  });
  const count = () => {
    page.__benchFrames++;
    page.requestAnimationFrame(count);
  };
  page.requestAnimationFrame(count);
}
