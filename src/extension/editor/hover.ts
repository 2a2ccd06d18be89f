/**
 * Hover on a layer (its object, `units`, `activation`, …), on `layers`, `input`, `loss` and
 * `data`: shapes, equations and data facts from hoverText.ts, plus live figures during a run.
 */
import * as vscode from 'vscode';
import type { SourceRange } from '../../model';
import type { LiveFigures } from '../liveFigures';
import { toRange } from '../modelFiles';
import { dataHover, inputHover, layerHover, lossHover, networkHover } from './hoverText';
import { ModelDocuments } from './modelDocuments';

function contains(range: SourceRange | undefined, offset: number): range is SourceRange {
  return range !== undefined && offset >= range.offset && offset <= range.offset + range.length;
}

export class ModelHoverProvider implements vscode.HoverProvider {
  constructor(private readonly documents: ModelDocuments, private readonly liveFigures?: LiveFigures) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): vscode.Hover | undefined {
    if (token.isCancellationRequested || !ModelDocuments.isModel(document)) return undefined;
    const parsed = this.documents.parsed(document);
    const draft = parsed.draft;
    if (!draft) return undefined;
    const offset = document.offsetAt(position);
    const { ranges } = parsed;
    const facts = this.documents.facts(document, draft);
    const hover = (markdown: string, range: SourceRange) => {
      const text = new vscode.MarkdownString(markdown);
      text.supportThemeIcons = false;
      // File text in the hover is escaped (markdownEcho.ts); no command links or HTML either way.
      text.isTrusted = false;
      text.supportHtml = false;
      return new vscode.Hover(text, toRange(document, range));
    };

    const layerIndex = ranges.layers.findIndex((range) => contains(range, offset));
    if (layerIndex >= 0) {
      return hover(layerHover(facts, layerIndex, this.liveFigures?.latest(document.uri)), ranges.layers[layerIndex]);
    }
    const property = (path: string) => {
      const range = ranges.properties.get(path);
      return range && contains(range.property, offset) ? range.key : undefined;
    };
    const onKey = (path: string) => {
      const range = ranges.properties.get(path)?.key;
      return contains(range, offset) ? range : undefined;
    };
    let at: SourceRange | undefined;
    if ((at = onKey('layers'))) return hover(networkHover(facts), at);
    if ((at = property('input'))) {
      return hover(inputHover(facts, draft.input !== undefined ? 'declared by `"input"`' : `from the \`${draft.data.source}\` data`), at);
    }
    if ((at = property('loss'))) return hover(lossHover(facts), at);
    if ((at = property('data'))) {
      return hover(dataHover(draft.data, this.documents.datasetInfo(document, draft), draft.training.validationSplit), at);
    }
    return undefined;
  }
}
