import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/** Folders the webview may load from: the bundle and the stylesheet, nothing else. */
export function panelResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')];
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The panel page under a strict CSP: scripts only with this load's nonce (no inline, no eval),
 * styles, images and fonts only from the extension's webview origin. The model URI rides along
 * in a data attribute so the webview can keep it in its state for the panel serializer.
 */
export function panelHtml(webview: vscode.Webview, extensionUri: vscode.Uri, modelUri: vscode.Uri): string {
  const nonce = randomBytes(16).toString('base64');
  const source = webview.cspSource;
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js'));
  const stylesheet = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'panel.css'));
  // KaTeX's stylesheet and fonts (dist/katex/, built by esbuild.mjs) and the equations' own styles.
  const katexStylesheet = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'katex', 'katex.min.css'));
  const equationsStylesheet = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'equations.css'));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${source} data:; style-src ${source}; script-src 'nonce-${nonce}'; font-src ${source};">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${stylesheet.toString()}">
<link rel="stylesheet" href="${katexStylesheet.toString()}">
<link rel="stylesheet" href="${equationsStylesheet.toString()}">
</head>
<body data-model-uri="${escapeAttribute(modelUri.toString())}">
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
