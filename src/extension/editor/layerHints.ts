/**
 * Each layer's shape after its object: `16×2 → 16 · 48 params`. Inlay hints rather than CodeLens:
 * the shape is information, not an action, and a hint sits on the layer's own line, where a lens
 * would insert a line above every layer (doubling a deep network's listing).
 */
import * as vscode from 'vscode';
import { layerLabels } from './layerLabels';
import { layerTag } from '../../core/notation';
import { ModelDocuments } from './modelDocuments';

export class LayerShapeHints implements vscode.InlayHintsProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeInlayHints = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly documents: ModelDocuments) {
    // A CSV model learns n₀ when its file has been read.
    this.subscription = documents.data.onDidLoad(() => this.changed.fire());
  }

  provideInlayHints(document: vscode.TextDocument, range: vscode.Range, token: vscode.CancellationToken): vscode.InlayHint[] {
    if (token.isCancellationRequested || !ModelDocuments.isModel(document)) return [];
    const parsed = this.documents.parsed(document);
    if (!parsed.draft) return [];
    const labels = layerLabels(this.documents.facts(document, parsed.draft).widths);
    const text = document.getText();
    const hints: vscode.InlayHint[] = [];
    parsed.ranges.layers.forEach((layer, index) => {
      let end = layer.offset + layer.length;
      // After the separating comma, when there is one, so the hint doesn't split `},`.
      if (text[end] === ',') end++;
      const position = document.positionAt(end);
      if (!range.contains(position) || labels[index] === undefined) return;
      const hint = new vscode.InlayHint(position, labels[index]);
      hint.paddingLeft = true;
      hint.tooltip = `Layer ${index + 1}: W${layerTag(index + 1)} rows × columns → units · parameters (weights + biases)`;
      hints.push(hint);
    });
    return hints;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
