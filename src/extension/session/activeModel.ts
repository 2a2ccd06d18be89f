import * as vscode from 'vscode';
import { isModelFile } from '../modelFiles';

/**
 * The model file commands act on when they get no URI: the active `*.nn.json` editor, or the
 * model of the Gradient Lens panel that was activated last. Focus moving to a non-editor part
 * (the panel's webview, the Output view) keeps the current one.
 */
export class ActiveModel implements vscode.Disposable {
  private current: vscode.Uri | undefined;
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri | undefined>();
  readonly onDidChange = this.changeEmitter.event;
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.current = modelOf(vscode.window.activeTextEditor);
    this.subscription = vscode.window.onDidChangeActiveTextEditor((editor) => {
      // The Output view's editor is not a place the user edits: it does not change the model.
      if (editor && editor.document.uri.scheme !== 'output') this.set(modelOf(editor));
    });
  }

  get uri(): vscode.Uri | undefined {
    return this.current;
  }

  set(uri: vscode.Uri | undefined): void {
    if (uri?.toString() === this.current?.toString()) return;
    this.current = uri;
    this.changeEmitter.fire(uri);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }
}

function modelOf(editor: vscode.TextEditor | undefined): vscode.Uri | undefined {
  return editor && isModelFile(editor.document.uri) ? editor.document.uri : undefined;
}
