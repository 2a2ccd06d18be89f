import * as vscode from 'vscode';
import { isModelFile } from '../modelFiles';
import type { SessionManager } from '../session/sessionManager';
import { PANEL_VIEW_TYPE } from './gradientPanel';

/**
 * The model file a restored panel's webview state names, if it may be acted on: webview state is
 * written by the webview, so it is checked like any message: a `*.nn.json` URI inside a workspace
 * folder that exists and is a file. Otherwise the reason it is not.
 */
export async function restorableModel(state: unknown): Promise<{ readonly uri: vscode.Uri } | { readonly refused: string }> {
  const saved = typeof state === 'object' && state !== null ? (state as { modelUri?: unknown }).modelUri : undefined;
  if (typeof saved !== 'string') return { refused: 'it did not record its model file' };
  let uri: vscode.Uri;
  try {
    uri = vscode.Uri.parse(saved, true);
  } catch {
    return { refused: 'its recorded model file is not a URI' };
  }
  if (!isModelFile(uri)) return { refused: `${uri.path} is not a model file (*.nn.json)` };
  if (!vscode.workspace.getWorkspaceFolder(uri)) return { refused: `${uri.path} is not in a workspace folder` };
  try {
    if (((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.File) === 0) return { refused: `${uri.path} is not a file` };
  } catch {
    return { refused: `${uri.path} does not exist` };
  }
  return { uri };
}

/**
 * Restores Gradient Lens panels after a window reload. The webview keeps `{ modelUri }` in its
 * state (webview/vscodeApi.ts); a panel whose model is gone, unreadable or not one the workspace
 * holds is closed.
 */
export function registerPanelSerializer(manager: SessionManager, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
    async deserializeWebviewPanel(webviewPanel: vscode.WebviewPanel, state: unknown) {
      const model = await restorableModel(state);
      if ('refused' in model) {
        log.warn(`A Gradient Lens panel was not restored: ${model.refused}`);
        webviewPanel.dispose();
        return;
      }
      const modelUri = model.uri;
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
