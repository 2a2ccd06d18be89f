import * as vscode from 'vscode';
import { rangeOf, type ParsedModel } from '../../model';
import { rangeIn } from './loadModel';

/**
 * Marks where a run produced NaN/±Inf: on the layer's object in the model file (or the `loss`
 * key when the loss itself overflowed). Owned by the session manager; separate from the editor's
 * validation diagnostics, so either side can clear its own.
 */
export class DivergenceDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('Gradient Lens (training)');

  /** `layer` is 1-based, 0 for the loss. */
  report(modelUri: vscode.Uri, parsed: ParsedModel, layer: number, message: string): void {
    const path = layer >= 1 ? `layers.${layer - 1}` : 'loss';
    const diagnostic = new vscode.Diagnostic(
      rangeIn(parsed, rangeOf(parsed.ranges, path)),
      `${message.replace(/\s*Training paused:.*$/, '')} Training diverged: try a smaller learning rate or another initialization.`,
      vscode.DiagnosticSeverity.Warning,
    );
    diagnostic.source = 'Gradient Lens';
    diagnostic.code = 'non-finite';
    this.collection.set(modelUri, [diagnostic]);
  }

  clear(modelUri: vscode.Uri): void {
    this.collection.delete(modelUri);
  }

  dispose(): void {
    this.collection.dispose();
  }
}
