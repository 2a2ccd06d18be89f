/**
 * The typed face of `acquireVsCodeApi()`: the only way out of the webview, so every message the
 * panel sends is a `WebviewToHostMessage` checked by the compiler here and by the host on arrival.
 * Its state slot (`getState`/`setState`) survives the webview being hidden and re-created, and is
 * what the host's WebviewPanelSerializer receives when VS Code restores the panel.
 */
import type { WebviewToHostMessage } from '../src/protocol/panelMessages';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export type PostToHost = (message: WebviewToHostMessage) => void;

export interface HostConnection {
  readonly post: PostToHost;
  /** Whatever the previous incarnation of this webview saved; untrusted (older versions, bugs). */
  readonly loadState: () => unknown;
  readonly saveState: (state: unknown) => void;
}

/** May be called once per page load (VS Code throws on a second call), so main.ts owns it. */
export function connectToHost(): HostConnection {
  const api = acquireVsCodeApi();
  return {
    post: (message) => api.postMessage(message),
    loadState: () => api.getState(),
    saveState: (state) => api.setState(state),
  };
}
