import * as vscode from 'vscode';
import type { SessionManager } from '../session/sessionManager';
import { PANEL_VIEW_TYPE } from './gradientPanel';

/**
 * Restores Gradient Lens panels after a window reload. The webview keeps `{ modelUri }` in its
 * state (webview/vscodeApi.ts); a panel whose model is gone or unreadable is closed.
 */
export function registerPanelSerializer(manager: SessionManager, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
    async deserializeWebviewPanel(webviewPanel: vscode.WebviewPanel, state: unknown) {
      const saved = typeof state === 'object' && state !== null ? (state as { modelUri?: unknown }).modelUri : undefined;
      let modelUri: vscode.Uri | undefined;
      try {
        modelUri = typeof saved === 'string' ? vscode.Uri.parse(saved, true) : undefined;
      } catch {
        modelUri = undefined;
      }
      if (!modelUri) {
        log.warn('A Gradient Lens panel could not be restored: it did not record its model file');
        webviewPanel.dispose();
        return;
      }
      try {
        const { session } = await manager.open(modelUri);
        await session.adoptPanel(webviewPanel);
        log.info(`Restored the panel of ${modelUri.path}`);
      } catch (error) {
        log.warn(`The panel of ${modelUri.path} could not be restored: ${error instanceof Error ? error.message : String(error)}`);
        webviewPanel.dispose();
      }
    },
  });
}
