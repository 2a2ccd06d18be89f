/**
 * The typed face of `acquireVsCodeApi()`: the only way out of the webview, so every message the
 * panel sends is a `WebviewToHostMessage` checked by the compiler here and by the host on arrival.
 */
import type { WebviewToHostMessage } from '../src/protocol/panelMessages';

interface VsCodeApi {
  postMessage(message: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export type PostToHost = (message: WebviewToHostMessage) => void;

/** May be called once per page load (VS Code throws on a second call), so main.ts owns it. */
export function connectToHost(): PostToHost {
  const api = acquireVsCodeApi();
  return (message) => api.postMessage(message);
}
