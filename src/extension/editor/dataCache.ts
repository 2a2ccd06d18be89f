/**
 * Loaded CSV and IDX data sets, keyed by the model's folder and its `data` spec, so typing
 * elsewhere in a model file re-checks against the cached data instead of re-reading the file.
 * Each entry watches the files it read and is dropped (and `onDidInvalidate` fires) when one of
 * them changes, so diagnostics follow edits of the data file too.
 */
import * as vscode from 'vscode';
import type { Dataset } from '../../core/dataset';
import { loadDataset } from '../../data/load';
import type { DataSpec, LossName } from '../../core/spec';
import { workspaceReader } from '../modelFiles';
import { restrictedToWorkspace } from '../trust/restrictedReader';
import { datasetBytes, keysOverBudget } from '../../host/editor/dataCacheBudget';

/** The outcome of loading: a data set, or the error (a DataError, usually) to report on `data`. */
export type DataResult = { readonly dataset: Dataset } | { readonly error: unknown };

interface Entry {
  readonly promise: Promise<DataResult>;
  settled?: DataResult;
  readonly watchers: vscode.Disposable[];
}

/** Only file-backed sources need loading to be validated; the rest are checked from the spec alone. */
export function needsLoading(data: DataSpec): boolean {
  return data.source === 'csv' || data.source === 'idx';
}

function filesOf(data: DataSpec): string[] {
  if (data.source === 'csv') return [data.path];
  if (data.source === 'idx') return [data.images, data.labels];
  return [];
}

export class DataCache implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly invalidated = new vscode.EventEmitter<void>();
  private readonly loaded = new vscode.EventEmitter<void>();
  /** Fires when a watched data file changed and its entries were dropped. */
  readonly onDidInvalidate = this.invalidated.event;
  /** Fires when a load settles (hints and lenses may now know n₀). */
  readonly onDidLoad = this.loaded.event;

  private key(modelUri: vscode.Uri, data: DataSpec, loss: LossName): string {
    return `${vscode.Uri.joinPath(modelUri, '..').toString()}\n${JSON.stringify(data)}\n${loss}`;
  }

  /** The settled result for this spec, if any (never starts a load). */
  peek(modelUri: vscode.Uri, data: DataSpec, loss: LossName): DataResult | undefined {
    return this.entries.get(this.key(modelUri, data, loss))?.settled;
  }

  /** Loads once per key; concurrent callers share the same promise. */
  load(modelUri: vscode.Uri, data: DataSpec, loss: LossName): Promise<DataResult> {
    const key = this.key(modelUri, data, loss);
    const existing = this.entries.get(key);
    if (existing) {
      // Re-insert: Map order is the LRU order.
      this.entries.delete(key);
      this.entries.set(key, existing);
      return existing.promise;
    }
    const entry: Entry = {
      promise: loadDataset(data, loss, restrictedToWorkspace(modelUri, workspaceReader(modelUri))).then(
        (dataset): DataResult => ({ dataset }),
        (error: unknown): DataResult => ({ error }),
      ).then((result) => {
        entry.settled = result;
        if (this.entries.get(key) === entry) {
          this.evictOverBudget();
          this.loaded.fire();
        }
        return result;
      }),
      watchers: filesOf(data).map((file) => this.watch(modelUri, file, key)),
    };
    this.entries.set(key, entry);
    return entry.promise;
  }

  private watch(modelUri: vscode.Uri, relativePath: string, key: string): vscode.Disposable {
    const fileUri = relativePath.startsWith('/') ? modelUri.with({ path: relativePath }) : vscode.Uri.joinPath(modelUri, '..', relativePath);
    const name = fileUri.path.slice(fileUri.path.lastIndexOf('/') + 1);
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.joinPath(fileUri, '..'), name));
    const drop = () => this.drop(key);
    return vscode.Disposable.from(watcher, watcher.onDidChange(drop), watcher.onDidCreate(drop), watcher.onDidDelete(drop));
  }

  /** Drops every data set (e.g. the workspace became trusted, so refused paths may now be read); `onDidInvalidate` fires. */
  clear(): void {
    for (const key of [...this.entries.keys()]) this.drop(key);
  }

  private drop(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    for (const watcher of entry.watchers) watcher.dispose();
    this.invalidated.fire();
  }

  /** Drops the least recently used data sets while the loaded ones hold more than LIMITS.maxCachedDataBytes. */
  private evictOverBudget(): void {
    const sizes = [...this.entries].map(([key, entry]) => [key, entry.settled && 'dataset' in entry.settled ? datasetBytes(entry.settled.dataset) : 0] as const);
    for (const key of keysOverBudget(sizes)) {
      const entry = this.entries.get(key);
      this.entries.delete(key);
      for (const watcher of entry?.watchers ?? []) watcher.dispose();
    }
  }

  dispose(): void {
    for (const entry of this.entries.values()) for (const watcher of entry.watchers) watcher.dispose();
    this.entries.clear();
    this.invalidated.dispose();
    this.loaded.dispose();
  }
}
