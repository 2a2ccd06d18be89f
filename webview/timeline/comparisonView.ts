/**
 * "Compare with before the edit": per layer, heatmaps of after − before at the shown step (one
 * per tensor both runs streamed, on a diverging map symmetric around zero, so an unchanged cell is
 * the neutral grey), the gradient norms of both runs, and the largest change; a note instead where
 * the layer's shape changed or the step was not kept in both runs.
 */
import type { SnapshotMessage } from '../../src/protocol/panelMessages';
import type { QuantityName } from '../../src/core/snapshot';
import { carriedRows } from '../../src/core/rowWindow';
import { element, setHidden, setText } from '../dom';
import { CARD_GRID, Figure } from '../figure';
import { indexLabel, layerTag, realSpace } from '../../src/core/notation';
import { formatValue } from '../../src/core/numberFormat';
import type { Tooltip } from '../tooltip';
import { layerDifference, type LayerDifference, type QuantityDifference } from './layerDifference';

/** The symbol of each compared quantity for layer l (batch tensors in capitals, as on the cards). */
const SYMBOLS: Record<QuantityName, (l: string) => string> = {
  dW: (l) => `∂L/∂W${l}`, db: (l) => `∂L/∂b${l}`, a: (l) => `A${l}`, delta: (l) => `Δ${l}`, W: (l) => `W${l}`, z: (l) => `Z${l}`, b: (l) => `b${l}`,
};

/** One layer's card, kept while the layer's comparison has the same structure. */
interface ComparisonCard {
  /** The layer, its shape note, and its compared quantities with their shapes. */
  readonly key: string;
  readonly element: HTMLElement;
  readonly stats: HTMLElement;
}

export class ComparisonView {
  readonly element = element('div', 'comparison');
  private readonly note = element('p', 'comparison-note');
  private readonly cards = element('div', 'comparison-cards');
  /** Figures by layer, quantity and shape, reused while those stay the same (so hovering survives redraws). */
  private figures = new Map<string, Figure>();
  /** Cards by layer, reused likewise. */
  private layerCards = new Map<number, ComparisonCard>();
  /** The two snapshots on screen: showing them again (a redraw, a chart marker) computes nothing. */
  private shown: { readonly after: SnapshotMessage; readonly before: SnapshotMessage } | undefined;

  constructor(private readonly tooltip: Tooltip) {
    this.element.append(this.note, this.cards);
    this.element.hidden = true;
  }

  /** Shows after − before of two snapshots at the same step. */
  show(after: SnapshotMessage, before: SnapshotMessage): void {
    setHidden(this.note, false);
    setText(this.note, `Step ${after.run.step}: change after − before the edit (same seed, same step). Grey is no change.`);
    setHidden(this.cards, false);
    if (this.shown?.after === after && this.shown.before === before) return;
    this.shown = { after, before };
    const [rowsAfter, rowsBefore] = [carriedRows(after.run), carriedRows(before.run)];
    const sameRows = rowsAfter.first === rowsBefore.first && rowsAfter.count === rowsBefore.count;
    const differences = after.layers.map((layer) => layerDifference(layer, before.layers.find((old) => old.index === layer.index), sameRows));
    const figures = new Map<string, Figure>();
    const layerCards = new Map<number, ComparisonCard>();
    const elements = differences.map((difference) => this.card(difference, layerCards, figures));
    this.figures = figures;
    this.layerCards = layerCards;
    const current = this.cards.children;
    if (elements.length !== current.length || elements.some((card, i) => current[i] !== card)) this.cards.replaceChildren(...elements);
  }

  /** Nothing to compare at this step: says why, and hides the heatmaps. */
  explain(text: string): void {
    setText(this.note, text);
    setHidden(this.note, false);
    setHidden(this.cards, true);
  }

  private card(difference: LayerDifference, cards: Map<number, ComparisonCard>, figures: Map<string, Figure>): HTMLElement {
    const l = layerTag(difference.index);
    const key = [difference.index, difference.shapeNote ?? '', ...difference.quantities.map((q) => `${q.quantity}:${q.rows}x${q.cols}`)].join('|');
    const kept = this.layerCards.get(difference.index);
    const card = kept?.key === key ? kept : this.newCard(difference, key);
    cards.set(difference.index, card);
    const { before, after } = difference.gradientNorm;
    setText(card.stats, `‖∂L/∂W${l}‖ before ${before === undefined ? '—' : formatValue(before)} → after ${formatValue(after)}`);
    const shown = difference.quantities.map((quantity) => this.figure(difference.index, quantity, figures));
    if (card !== kept) card.element.querySelector('.comparison-body')?.append(...shown);
    return card.element;
  }

  private newCard(difference: LayerDifference, key: string): ComparisonCard {
    const card = element('section', 'comparison-card');
    card.dataset.layer = String(difference.index);
    const stats = element('div', 'layer-stats');
    card.append(element('h2', 'layer-title', `Layer ${difference.index} · after − before the edit`), stats);
    if (difference.shapeNote !== undefined) card.append(element('p', 'comparison-shape-note', difference.shapeNote));
    else {
      if (difference.quantities.length === 0) card.append(element('p', 'comparison-shape-note', 'no tensor streamed in both runs at this step'));
      card.append(element('div', 'comparison-body'));
    }
    return { key, element: card, stats };
  }

  private figure(layer: number, change: QuantityDifference, figures: Map<string, Figure>): HTMLElement {
    const symbol = SYMBOLS[change.quantity](layerTag(layer));
    const key = `${layer}:${change.quantity}:${change.rows}x${change.cols}`;
    const vector = change.rows === 1;
    const figure = this.figures.get(key) ?? new Figure(`change-${change.quantity}`, {
      ...CARD_GRID,
      colormap: 'diverging',
      describe: (row, col, value) => `${symbol}${indexLabel(vector ? [col] : [row, col])} after − before = ${formatValue(value)}`,
    }, this.tooltip);
    figures.set(key, figure);
    const shape = vector ? [change.cols] : [change.rows, change.cols];
    figure.setCaption(`${symbol} after − before ∈ ${realSpace(shape)} · max |change| ${formatValue(change.maxAbs)}`);
    figure.element.dataset.maxAbs = String(change.maxAbs);
    figure.show(change.values, change.rows, change.cols);
    return figure.element;
  }
}
