import * as vscode from 'vscode';
import type { Dataset } from '../../core/dataset';
import { resolveModel, type ModelDiagnostic, type ParsedModel, type SourceRange } from '../../model';
import type { ModelSpec } from '../../core/spec';
import { bundledReader, readModelText, workspaceReader } from '../modelFiles';
import type { TrainingSettings } from '../settings';
import { restrictedToWorkspace } from '../trust/restrictedReader';

/** A model file resolved into what the worker needs, with the parse kept for ranges. */
export interface LoadedModel {
  readonly parsed: ParsedModel;
  readonly spec: ModelSpec;
  readonly dataset: Dataset;
}

export type LoadResult = { readonly ok: true; readonly model: LoadedModel } | { readonly ok: false; readonly problem: ModelDiagnostic; readonly parsed: ParsedModel };

/**
 * Reads the model file (the open document's text if it has one, so unsaved edits count the same
 * way the validator sees them) and resolves spec and dataset through `workspace.fs`, which keeps
 * remote and virtual workspaces working. Setting overrides apply only to keys the file leaves out.
 */
export async function loadModel(modelUri: vscode.Uri, extensionUri: vscode.Uri, settings: TrainingSettings): Promise<LoadResult> {
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === modelUri.toString());
  const text = open ? open.getText() : await readModelText(modelUri);
  const resolved = await resolveModel(text, restrictedToWorkspace(modelUri, workspaceReader(modelUri)), bundledReader(extensionUri));
  const firstError = resolved.diagnostics.find((diagnostic) => diagnostic.severity === 'error');
  if (!resolved.spec || !resolved.dataset || firstError) {
    const problem = firstError ?? { severity: 'error', code: 'syntax', message: 'The model file could not be resolved.', range: resolved.parsed.ranges.root, line: 1, column: 1 };
    return { ok: false, problem, parsed: resolved.parsed };
  }
  return { ok: true, model: { parsed: resolved.parsed, spec: withOverrides(resolved.spec, resolved.parsed, settings), dataset: resolved.dataset } };
}

/** How long loading may take before a cancellable progress notification appears. */
export const LOAD_PROGRESS_DELAY_MS = 300;

/**
 * Resolves `promise`, or rejects with `vscode.CancellationError` as soon as `token` is cancelled
 * (the promise itself runs on; its later outcome is ignored, rejections included).
 */
export function unlessCancelled<T>(promise: Promise<T>, token: vscode.CancellationToken): Promise<T> {
  if (token.isCancellationRequested) {
    promise.catch(() => undefined);
    return Promise.reject(new vscode.CancellationError());
  }
  return new Promise<T>((resolve, reject) => {
    const subscription = token.onCancellationRequested(() => { subscription.dispose(); reject(new vscode.CancellationError()); });
    promise.then(
      (value) => { subscription.dispose(); resolve(value); },
      (error: unknown) => { subscription.dispose(); reject(error instanceof Error ? error : new Error(String(error))); },
    );
  });
}

/**
 * `loadModel` for starting a worker. Reading and decoding a large dataset (MNIST-sized IDX or CSV
 * files through `workspace.fs`) can take seconds, so when loading is still running after
 * LOAD_PROGRESS_DELAY_MS a cancellable notification appears (a fast load shows nothing, no
 * flicker). With `token` (an operation that already shows its own progress) there is no
 * notification of its own and that token cancels instead. Cancelling rejects with
 * `vscode.CancellationError`; the read itself cannot be stopped and its result is dropped.
 */
export async function loadModelWithProgress(
  modelUri: vscode.Uri, extensionUri: vscode.Uri, settings: TrainingSettings, title: string, token?: vscode.CancellationToken,
): Promise<LoadResult> {
  const loading = loadModel(modelUri, extensionUri, settings);
  if (token) return unlessCancelled(loading, token);
  let timer: NodeJS.Timeout | undefined;
  const slow = new Promise<'slow'>((resolve) => { timer = setTimeout(() => resolve('slow'), LOAD_PROGRESS_DELAY_MS); });
  const first = await Promise.race([loading.then(() => 'done' as const, () => 'done' as const), slow]);
  clearTimeout(timer);
  if (first === 'done') return loading;
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    (_progress, cancel) => unlessCancelled(loading, cancel),
  );
}

function withOverrides(spec: ModelSpec, parsed: ParsedModel, settings: TrainingSettings): ModelSpec {
  const setsKey = (path: string) => parsed.ranges.properties.has(path);
  const precision = settings.precision !== undefined && !setsKey('training.precision') ? settings.precision : spec.training.precision;
  const seed = settings.seed !== undefined && !setsKey('training.seed') ? settings.seed : spec.training.seed;
  if (precision === spec.training.precision && seed === spec.training.seed) return spec;
  return { ...spec, training: { ...spec.training, precision, seed } };
}

/** A parser range as a VS Code range, through the parse's own line index (no document needed). */
export function rangeIn(parsed: ParsedModel, range: SourceRange): vscode.Range {
  const start = parsed.lines.positionAt(range.offset);
  const end = parsed.lines.positionAt(range.offset + range.length);
  return new vscode.Range(start.line - 1, start.column - 1, end.line - 1, end.column - 1);
}
