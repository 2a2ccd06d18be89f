import * as vscode from 'vscode';
import { findingMessage } from '../../insight/advice';
import type { Finding } from '../../insight/diagnosis';
import { parseModel, rangeOf, type ParsedModel } from '../../model';
import { rangeIn } from '../session/loadModel';

/** The model file's findings are redrawn at most this often: squiggles that change 30 times a second are unreadable. */
const DIAGNOSIS_INTERVAL_MS = 500;

/** One model's training diagnostics. */
interface ModelDiagnosis {
  readonly uri: vscode.Uri;
  /** Where the run's NaN/±Inf appeared (from the worker's report, with its exact wording). */
  divergence?: vscode.Diagnostic;
  findings: vscode.Diagnostic[];
  /** The session's findings after its newest snapshot, the model text its run was loaded from, and the run's layer count. */
  latest?: { readonly parsed: ParsedModel; readonly findings: readonly Finding[]; readonly layerCount: number };
  lastPublished: number;
  timer?: NodeJS.Timeout;
}

/**
 * What training found wrong, on the model file: the session's diagnosis findings (judged once per
 * snapshot, in src/host/session/snapshotDiagnosis.ts, the same the panel shows) as warnings on
 * their layers (updated live, at most every DIAGNOSIS_INTERVAL_MS), and NaN/±Inf as
 * an error on the layer (or the `loss` key) where it appeared. Owned by the session manager;
 * separate from the editor's validation diagnostics, so either side can clear its own. Cleared
 * by the session on reset and on a new run, and here on any edit of the model file (while the
 * run goes on, its findings come back on the edited file's layer ranges, if its layers still
 * match the run's).
 */
export class TrainingDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('Gradient Lens (training)');
  private readonly models = new Map<string, ModelDiagnosis>();
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.subscriptions = [
      this.collection,
      vscode.workspace.onDidChangeTextDocument((event) => {
        const model = this.models.get(event.document.uri.toString());
        if (model === undefined || event.contentChanges.length === 0) return;
        // The ranges no longer fit the text; the next findings re-anchor on the edited layers.
        model.latest = undefined;
        model.findings = [];
        this.show(model);
      }),
    ];
  }

  /** NaN/±Inf at 1-based `layer` (0 for the loss), in the worker's words. */
  report(modelUri: vscode.Uri, parsed: ParsedModel, layer: number, message: string): void {
    const path = layer >= 1 ? `layers.${layer - 1}` : 'loss';
    const diagnostic = new vscode.Diagnostic(
      rangeIn(parsed, rangeOf(parsed.ranges, path)),
      `${message.replace(/\s*Training paused:.*$/, '')} Training diverged: try a smaller learning rate or another initialization.`,
      vscode.DiagnosticSeverity.Error,
    );
    diagnostic.source = 'Gradient Lens';
    diagnostic.code = 'non-finite';
    const model = this.model(modelUri);
    model.divergence = diagnostic;
    this.show(model);
  }

  /**
   * The findings on show after a snapshot of the run of `parsed` (a network of `layerCount`
   * layers); shown at most every DIAGNOSIS_INTERVAL_MS, or at once when `now` (the run stopped,
   * or the thresholds changed: the judgement is final until the next snapshot).
   */
  showFindings(modelUri: vscode.Uri, parsed: ParsedModel, findings: readonly Finding[], layerCount: number, now = false): void {
    const model = this.model(modelUri);
    model.latest = { parsed, findings, layerCount };
    const wait = model.lastPublished + DIAGNOSIS_INTERVAL_MS - Date.now();
    if (now || wait <= 0) this.publish(model);
    else model.timer ??= setTimeout(() => this.publish(model), wait);
  }

  clear(modelUri: vscode.Uri): void {
    const model = this.models.get(modelUri.toString());
    if (model?.timer) clearTimeout(model.timer);
    this.models.delete(modelUri.toString());
    this.collection.delete(modelUri);
  }

  dispose(): void {
    this.models.forEach((model) => { if (model.timer) clearTimeout(model.timer); });
    this.models.clear();
    this.subscriptions.forEach((subscription) => subscription.dispose());
  }

  private model(modelUri: vscode.Uri): ModelDiagnosis {
    const key = modelUri.toString();
    let model = this.models.get(key);
    if (model === undefined) {
      model = { uri: modelUri, findings: [], lastPublished: 0 };
      this.models.set(key, model);
    }
    return model;
  }

  private publish(model: ModelDiagnosis): void {
    if (model.timer) clearTimeout(model.timer);
    model.timer = undefined;
    model.lastPublished = Date.now();
    if (this.models.get(model.uri.toString()) !== model || model.latest === undefined) return;
    const parsed = currentText(model.uri, model.latest.parsed);
    // After an edit that added or removed layers, the run's layer l is not the file's l-th layer.
    const fits = parsed.ranges.layers.length === model.latest.layerCount;
    // NaN/±Inf is the worker's report (with its wording); the findings add the rest.
    const findings = fits ? model.latest.findings.filter((finding) => finding.kind !== 'non-finite') : [];
    model.findings = findings.map((finding) => toDiagnostic(parsed, finding));
    this.show(model);
  }

  private show(model: ModelDiagnosis): void {
    const next = [...(model.divergence ? [model.divergence] : []), ...model.findings];
    const current = this.collection.get(model.uri) ?? [];
    // Redraw only when something a reader sees changed (the file's squiggles and hovers flicker otherwise).
    if (signature(current) !== signature(next)) this.collection.set(model.uri, next);
  }
}

/** The open editor's text when it differs from the text the run was loaded from (an unsaved or unapplied edit). */
function currentText(uri: vscode.Uri, loaded: ParsedModel): ParsedModel {
  const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === uri.toString());
  const text = document?.getText();
  return text === undefined || text === loaded.text ? loaded : parseModel(text);
}

function toDiagnostic(parsed: ParsedModel, finding: Finding): vscode.Diagnostic {
  const path = finding.layer === undefined ? 'loss' : `layers.${finding.layer - 1}`;
  const diagnostic = new vscode.Diagnostic(
    rangeIn(parsed, rangeOf(parsed.ranges, path)),
    findingMessage(finding),
    finding.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
  );
  diagnostic.source = 'Gradient Lens';
  diagnostic.code = finding.kind;
  return diagnostic;
}

function signature(diagnostics: readonly vscode.Diagnostic[]): string {
  return JSON.stringify(diagnostics.map((d) => [String(d.code), d.message, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character]));
}
