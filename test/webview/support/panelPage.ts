/**
 * Loads the real webview bundle (dist/webview.js) and the stylesheets the host links into headless Chromium
 * the way VS Code does: a page under a strict CSP (no 'unsafe-inline'), a nonce'd script, a
 * stub `acquireVsCodeApi` that records what the panel posts, and host messages delivered as
 * `message` events. Build first: `node esbuild.mjs`.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { HostToWebviewMessage, WebviewToHostMessage } from '../../../src/protocol/panelMessages';
import type { PlainSnapshotMessage } from '../../fixtures/snapshots/mlp2-16-16-3';
import { THEMES, type ThemeKind } from './themes';

/**
 * A host message as a test writes it: any message of the protocol, snapshots also with number[]
 * tensors (see the fixture). Typed arrays anywhere in a message arrive as the same typed arrays.
 */
export type PlainHostMessage = PlainSnapshotMessage | HostToWebviewMessage;

const NONCE = 'gradient-lens-test-nonce';
const SCRIPT = resolve('dist/webview.js');
/** What the host links, in its order: the panel's styles, KaTeX's (built into dist/katex/) and the equations'. */
const STYLESHEETS = ['media/panel.css', 'dist/katex/katex.min.css', 'media/equations.css'].map((path) => resolve(path));

/** What a test can set up for one page besides the theme. */
export interface PanelOptions {
  readonly theme?: ThemeKind;
  /** What `vscode.getState()` returns: the state a previous incarnation saved (a reload). */
  readonly state?: unknown;
  /** Put on `<body data-model-uri>`, as the host does. */
  readonly modelUri?: string;
}

/** The HTML the host serves, with file: standing in for `webview.cspSource`. */
function panelHtml(theme: ThemeKind, modelUri: string | undefined): string {
  const uri = modelUri === undefined ? '' : ` data-model-uri="${modelUri.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`)}"`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${NONCE}'; style-src file:; img-src file: data:; font-src file:;">
${STYLESHEETS.map((path) => `<link rel="stylesheet" href="${pathToFileURL(path).href}">`).join('\n')}
</head>
<body class="${THEMES[theme].bodyClass}"${uri}>
<script nonce="${NONCE}" src="${pathToFileURL(SCRIPT).href}"></script>
</body>
</html>`;
}

/** Runs in the page before any of its scripts: what VS Code's webview host provides. */
function installHostStub(initialState: unknown): void {
  const state = window as unknown as {
    __posted: unknown[]; __cspViolations: string[]; __drawImageCalls: number; __savedState: unknown; __gradientLensTestHooks: boolean;
  };
  // Opts in to the panel's read-only test hooks (webview/testHooks.ts).
  state.__gradientLensTestHooks = true;
  state.__savedState = initialState;
  state.__posted = [];
  state.__cspViolations = [];
  state.__drawImageCalls = 0;
  (window as unknown as { __staged: unknown[] }).__staged = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    state.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
  });
  // Counts draws so tests can tell a redraw from a skipped one.
  const drawImage = CanvasRenderingContext2D.prototype.drawImage;
  CanvasRenderingContext2D.prototype.drawImage = function (this: CanvasRenderingContext2D, ...args: unknown[]) {
    state.__drawImageCalls++;
    return (drawImage as (...a: unknown[]) => void).apply(this, args);
  } as typeof drawImage;
  let acquired = false;
  (window as unknown as { acquireVsCodeApi: () => unknown }).acquireVsCodeApi = () => {
    if (acquired) throw new Error('An instance of the VS Code API has already been acquired');
    acquired = true;
    return {
      postMessage: (message: unknown) => state.__posted.push(structuredClone(message)),
      getState: () => state.__savedState,
      // VS Code keeps a JSON-serialisable copy; so do we, so later mutation cannot leak into it.
      setState: (saved: unknown) => { state.__savedState = JSON.parse(JSON.stringify(saved)); },
    };
  };
}

export interface PanelPage {
  readonly page: Page;
  /** Every message the webview posted so far, in order. */
  posted(): Promise<WebviewToHostMessage[]>;
  /** Delivers host messages in one task (one tick), in order, as `message` events; tensors as Float32Array. */
  send(...messages: PlainHostMessage[]): Promise<void>;
  /** Decodes `messages` into the page's `window.__staged` list without dispatching them. */
  stage(...messages: PlainHostMessage[]): Promise<void>;
  /** Waits until the webview acknowledged snapshot `seq` (cumulatively). */
  waitForAck(seq: number): Promise<void>;
  cspViolations(): Promise<string[]>;
  /** What the panel last passed to `vscode.setState`. */
  savedState(): Promise<unknown>;
  drawImageCalls(): Promise<number>;
  close(): Promise<void>;
}

/** A browser context with the panel's viewport at device scale 1, so one cell is a whole number of pixels. */
export function newPanelContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1000, height: 900 }, deviceScaleFactor: 1 });
}

/**
 * Hands `messages` to the page as the host would post them (`dispatch`), or only decodes them into
 * `window.__staged` (`stage`) for a test that dispatches them itself from inside the page, where no
 * round trip to the test process falls between one message and the next.
 */
function deliver(page: Page, messages: PlainHostMessage[], mode: 'dispatch' | 'stage'): Promise<void> {
  return page.evaluate(({ plain, mode }) => {
    // Typed arrays crossed as { typedArray, values } (see encodeTypedArrays): rebuilt here.
    const decode = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(decode);
      if (value === null || typeof value !== 'object') return value;
      const { typedArray, values } = value as { typedArray?: string; values?: number[] };
      if (typedArray === 'Float32Array') return Float32Array.from(values ?? []);
      if (typedArray === 'Float64Array') return Float64Array.from(values ?? []);
      if (typedArray === 'Uint8Array') return Uint8Array.from(values ?? []);
      if (typedArray !== undefined) throw new Error(`send: no decoder for ${typedArray}`);
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, decode(item)]));
    };
    for (const encoded of plain) {
      const message = decode(encoded) as { type: string; layers?: { tensors: Record<string, { data: unknown }> }[]; sample?: { input: unknown; target: unknown } };
      if (message.type === 'snapshot') {
        // Snapshots written with number[] tensors (the fixtures): Float32Array, as the host sends them.
        for (const layer of message.layers ?? []) {
          for (const tensor of Object.values(layer.tensors)) tensor.data = Float32Array.from(tensor.data as number[]);
        }
        if (message.sample !== undefined) {
          message.sample.input = Float32Array.from(message.sample.input as number[]);
          message.sample.target = Float32Array.from(message.sample.target as number[]);
        }
      }
      if (mode === 'stage') (window as unknown as { __staged: unknown[] }).__staged.push(message);
      else window.dispatchEvent(new MessageEvent('message', { data: message }));
    }
  }, { plain: messages.map(encodeTypedArrays), mode });
}

let pageCount = 0;

/**
 * A fresh page of `context` with the panel loaded and `ready` posted. Its HTML file is written
 * into `dir`, which the caller owns and removes (see session.ts).
 */
export async function openPanel(context: BrowserContext, dir: string, options: PanelOptions = {}): Promise<PanelPage> {
  const theme = options.theme ?? 'dark';
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  const file = join(dir, `panel-${++pageCount}.html`);
  writeFileSync(file, panelHtml(theme, options.modelUri));
  await page.addInitScript(installHostStub, options.state);
  await page.goto(pathToFileURL(file).href);
  // VS Code sets the theme variables on the root element from outside the page's CSP; the CSSOM
  // is the equivalent here (a style attribute in the HTML would be blocked).
  await page.evaluate((variables) => {
    for (const [name, value] of Object.entries(variables)) document.documentElement.style.setProperty(name, value);
  }, { ...THEMES[theme].variables });
  await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'));

  const panel: PanelPage = {
    page,
    posted: () => page.evaluate(() => (window as unknown as { __posted: WebviewToHostMessage[] }).__posted),
    send: (...messages) => deliver(page, messages, 'dispatch'),
    stage: (...messages) => deliver(page, messages, 'stage'),
    waitForAck: async (seq) => {
      await page.waitForFunction((wanted) => (window as unknown as { __posted: { type: string; seq?: number }[] }).__posted
        .some((m) => m.type === 'ack' && (m.seq ?? -1) >= wanted), seq, { timeout: 5000 });
    },
    cspViolations: () => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations),
    savedState: () => page.evaluate(() => (window as unknown as { __savedState: unknown }).__savedState),
    drawImageCalls: () => page.evaluate(() => (window as unknown as { __drawImageCalls: number }).__drawImageCalls),
    close: async () => {
      await page.close();
      if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
    },
  };
  return panel;
}

/** Typed arrays as { typedArray, values } so they survive the trip into the page (rebuilt by `send`). */
function encodeTypedArrays(value: unknown): unknown {
  if (ArrayBuffer.isView(value)) return { typedArray: value.constructor.name, values: Array.from(value as unknown as ArrayLike<number>) };
  if (Array.isArray(value)) return value.map(encodeTypedArrays);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, encodeTypedArrays(item)]));
}

/** Pixel colour at CSS coordinates inside a canvas (relative to its top-left). */
export async function canvasPixel(page: Page, selector: string, x: number, y: number): Promise<[number, number, number, number]> {
  return page.$eval(selector, (node, [px, py]) => {
    const canvas = node as HTMLCanvasElement;
    const scale = canvas.width / canvas.getBoundingClientRect().width;
    const context = canvas.getContext('2d') as CanvasRenderingContext2D;
    return Array.from(context.getImageData(Math.floor(px * scale), Math.floor(py * scale), 1, 1).data) as [number, number, number, number];
  }, [x, y] as const);
}
