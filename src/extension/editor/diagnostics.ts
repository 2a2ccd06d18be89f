/**
 * Problems of model files while they are edited: structural checks (parseModel) 300 ms after the
 * last keystroke, and for CSV/IDX sources the data checks once the data set is loaded (cached by
 * data spec, so only a change of `data` or of the file itself reads it again).
 */
import * as vscode from 'vscode';
import { dataLoadDiagnostic, validateAgainstData, type ModelDiagnostic, type ParsedModel } from '../../model';
import { toRange } from '../modelFiles';
import type { DataResult } from './dataCache';
import { needsLoading } from './dataCache';
import { ModelDocuments } from './modelDocuments';

const STRUCTURAL_DELAY_MS = 300;
/** Loading waits longer: a path being typed should not be read at every keystroke. */
const DATA_DELAY_MS = 700;
const SOURCE = 'Gradient Lens';

const SEVERITY: Record<ModelDiagnostic['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

function withData(parsed: ParsedModel, result: DataResult): readonly ModelDiagnostic[] {
  if ('dataset' in result) return validateAgainstData(parsed, result.dataset).diagnostics;
  return [...parsed.structuralDiagnostics, dataLoadDiagnostic(parsed, result.error)];
}

export class ModelDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(SOURCE);
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Bumped per document at every validation: a data load that returns to an older one is stale. */
  private readonly generations = new Map<string, number>();
  private readonly subscriptions: vscode.Disposable[];
  private loading = 0;

  constructor(private readonly documents: ModelDocuments, private readonly log: vscode.LogOutputChannel) {
    this.subscriptions = [
      this.collection,
      vscode.workspace.onDidOpenTextDocument((document) => this.validate(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.schedule(event.document, STRUCTURAL_DELAY_MS)),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)),
      documents.data.onDidInvalidate(() => this.validateAll()),
    ];
    this.validateAll();
  }

  /** Data loads started for diagnostics that have not settled: a read that never ends stays counted. */
  get pendingLoads(): number {
    return this.loading;
  }

  private validateAll(): void {
    for (const document of vscode.workspace.textDocuments) this.validate(document);
  }

  private schedule(document: vscode.TextDocument, delayMs: number): void {
    if (!ModelDocuments.isModel(document)) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      if (!document.isClosed) this.validate(document);
    }, delayMs));
  }

  private validate(document: vscode.TextDocument): void {
    if (!ModelDocuments.isModel(document)) return;
    const key = document.uri.toString();
    const generation = (this.generations.get(key) ?? 0) + 1;
    this.generations.set(key, generation);
    const parsed = this.documents.parsed(document);
    const draft = parsed.draft;
    if (!draft || parsed.spec || !needsLoading(draft.data)) {
      this.publish(document, parsed.diagnostics);
      return;
    }
    const cached = this.documents.dataResult(document, draft);
    if (cached) {
      this.publish(document, withData(parsed, cached));
      return;
    }
    this.publish(document, parsed.diagnostics);
    const version = document.version;
    const dataKey = `${key}#data`;
    clearTimeout(this.timers.get(dataKey));
    this.timers.set(dataKey, setTimeout(() => {
      this.timers.delete(dataKey);
      if (this.generations.get(key) !== generation || document.isClosed) return;
      this.loading++;
      this.documents.data.load(document.uri, draft.data, draft.loss).then((result) => {
        // Stale: the text changed or a newer validation started while the file was read.
        if (this.generations.get(key) !== generation || document.isClosed || document.version !== version) return;
        this.publish(document, withData(parsed, result));
      }, (error: unknown) => this.log.error(`data check of ${document.uri.toString(true)} failed`, error)).finally(() => { this.loading--; });
    }, DATA_DELAY_MS));
  }

  private publish(document: vscode.TextDocument, diagnostics: readonly ModelDiagnostic[]): void {
    this.collection.set(document.uri, diagnostics.map((diagnostic) => {
      const converted = new vscode.Diagnostic(toRange(document, diagnostic.range), diagnostic.message, SEVERITY[diagnostic.severity]);
      converted.source = SOURCE;
      converted.code = diagnostic.code;
      return converted;
    }));
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    for (const timerKey of [key, `${key}#data`]) {
      clearTimeout(this.timers.get(timerKey));
      this.timers.delete(timerKey);
    }
    this.generations.delete(key);
    this.collection.delete(uri);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    // Loads still in flight find no generation and publish nothing.
    this.generations.clear();
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
