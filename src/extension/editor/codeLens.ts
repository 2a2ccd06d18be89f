/**
 * The run controls above a model file's root object: Train, Step, Pause (while training), Open
 * Gradient Panel, Check Gradients. Each runs its COMMANDS id with the document's URI. Icons are
 * codicons, not emoji: ⏭ and ⏸ have no glyph in many editor fonts (a box in headless Chromium).
 */
import * as vscode from 'vscode';
import { COMMANDS } from '../commandIds';
import type { LiveFigures } from '../liveFigures';
import { ModelDocuments } from './modelDocuments';

export class ModelCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscription?: vscode.Disposable;

  constructor(private readonly documents: ModelDocuments, private readonly liveFigures?: LiveFigures) {
    // Pause comes and goes with the run state; snapshots that leave it unchanged don't refresh.
    const training = new Map<string, boolean>();
    this.subscription = liveFigures?.onDidChange((uri) => {
      const now = liveFigures.latest(uri)?.state === 'training';
      if (training.get(uri.toString()) === now) return;
      training.set(uri.toString(), now);
      this.changed.fire();
    });
  }

  provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): vscode.CodeLens[] {
    if (token.isCancellationRequested || !ModelDocuments.isModel(document)) return [];
    const parsed = this.documents.parsed(document);
    // Lenses stay while the text is briefly invalid (so lines don't jump at each keystroke) as
    // long as it still looks like a model; the commands report what is wrong.
    if (!parsed.ranges.properties.has('layers')) return [];
    const start = document.positionAt(parsed.ranges.root.offset);
    const range = new vscode.Range(start, start);
    const uri = document.uri;
    const training = this.liveFigures?.latest(uri)?.state === 'training';
    const lens = (title: string, command: string, tooltip: string) => new vscode.CodeLens(range, { title, command, arguments: [uri], tooltip });
    return [
      lens('$(play) Train', COMMANDS.train, 'Train this model and show its gradients live'),
      lens('$(debug-step-over) Step', COMMANDS.step, 'Run one optimizer step'),
      ...(training ? [lens('$(debug-pause) Pause', COMMANDS.pause, 'Pause training')] : []),
      lens('Open Gradient Panel', COMMANDS.openPanel, 'Open the Gradient Lens panel for this model'),
      lens('Check Gradients', COMMANDS.checkGradients, 'Compare backprop gradients with finite differences'),
    ];
  }

  dispose(): void {
    this.subscription?.dispose();
    this.changed.dispose();
  }
}
