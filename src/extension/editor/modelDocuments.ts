/**
 * What the editor features know about an open model file: its parse (memoized per document
 * version, so hover, hints, lenses and diagnostics parse each edit once) and, for CSV and IDX
 * sources, the cached data set that fixes n₀.
 */
import * as vscode from 'vscode';
import type { DatasetInfo } from '../../data/info';
import { staticDatasetInfo } from '../../data/info';
import { parseModel, type ModelDraft, type ParsedModel } from '../../model';
import { isModelFile } from '../modelFiles';
import { DataCache, needsLoading, type DataResult } from './dataCache';
import type { NetworkFacts } from './hoverText';

export class ModelDocuments implements vscode.Disposable {
  private readonly parses = new Map<string, { version: number; parsed: ParsedModel }>();
  private readonly closed: vscode.Disposable;

  constructor(readonly data: DataCache) {
    this.closed = vscode.workspace.onDidCloseTextDocument((document) => this.parses.delete(document.uri.toString()));
  }

  /** Model files by name (`*.nn.json`, saved or untitled); other JSON is left to VS Code. */
  static isModel(document: vscode.TextDocument): boolean {
    return isModelFile(document.uri);
  }

  parsed(document: vscode.TextDocument): ParsedModel {
    const key = document.uri.toString();
    const cached = this.parses.get(key);
    if (cached?.version === document.version) return cached.parsed;
    const parsed = parseModel(document.getText());
    this.parses.set(key, { version: document.version, parsed });
    return parsed;
  }

  /** The settled data result of a CSV/IDX draft; undefined for other sources or while loading. */
  dataResult(document: vscode.TextDocument, draft: ModelDraft): DataResult | undefined {
    return needsLoading(draft.data) ? this.data.peek(document.uri, draft.data, draft.loss) : undefined;
  }

  /** Data facts from the spec alone, else from the loaded file. */
  datasetInfo(document: vscode.TextDocument, draft: ModelDraft): DatasetInfo | undefined {
    const result = this.dataResult(document, draft);
    return staticDatasetInfo(draft.data, draft.loss) ?? (result && 'dataset' in result ? result.dataset : undefined);
  }

  /** Widths, activations, loss and batch size of a parsed draft, with n₀ when known. */
  facts(document: vscode.TextDocument, draft: ModelDraft): NetworkFacts {
    const input = draft.input ?? this.datasetInfo(document, draft)?.inputWidth;
    return {
      widths: [input, ...draft.layers.map((layer) => layer.units)],
      activations: draft.layers.map((layer) => layer.activation),
      loss: draft.loss,
      batchSize: draft.training.batchSize,
    };
  }

  dispose(): void {
    this.closed.dispose();
    this.parses.clear();
  }
}
