// What the editor shows for a model file, as the integration tests query it: hovers and our diagnostics.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

/** Position of the `nth` (0-based) occurrence of `needle` in the document, plus `delta` characters. */
export function positionOf(document: vscode.TextDocument, needle: string, nth = 0, delta = 0): vscode.Position {
  const text = document.getText();
  let offset = -1;
  for (let i = 0; i <= nth; i++) {
    offset = text.indexOf(needle, offset + 1);
    assert.ok(offset >= 0, `"${needle}" (#${i}) not in ${document.uri.path}`);
  }
  return document.positionAt(offset + delta);
}

export function markdownOf(hovers: readonly vscode.Hover[]): string {
  return hovers.flatMap((hover) => hover.contents.map((part) => (typeof part === 'string' ? part : part.value))).join('\n---\n');
}

export async function hoverAt(document: vscode.TextDocument, position: vscode.Position): Promise<string> {
  return markdownOf(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position));
}

/** The diagnostics Gradient Lens published for `uri`. */
export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'Gradient Lens');
}
