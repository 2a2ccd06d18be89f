/**
 * "Compare with before the edit": per layer, heatmaps of after − before at the shown step (one
 * per tensor both runs streamed, on a diverging map symmetric around zero, so an unchanged cell is
 * the neutral grey), the gradient norms of both runs, and the largest change; a note instead where
 * the layer's shape changed or the step was not kept in both runs.
 */
import type { SnapshotMessage } from '../../src/protocol/panelMessages';
import type { QuantityName } from '../../src/protocol/snapshot';
import { element, setHidden, setText } from '../dom';
import { CARD_GRID, Figure } from '../figure';
import { formatValue, indexLabel, layerTag, realSpace } from '../notation';
import type { Tooltip } from '../tooltip';
import { layerDifference, type LayerDifference, type QuantityDifference } from './layerDifference';

/** The symbol of each compared quantity for layer l (batch tensors in capitals, as on the cards). */
const SYMBOLS: Record<QuantityName, (l: string) => string> = {
  dW: (l) => `∂L/∂W${l}`, db: (l) => `∂L/∂b${l}`, a: (l) => `A${l}`, delta: (l) => `Δ${l}`, W: (l) => `W${l}`, z: (l) => `Z${l}`, b: (l) => `b${l}`,
};

export class ComparisonView {
  readonly element = element('div', 'comparison');
  private readonly note = element('p', 'comparison-note');
  private readonly cards = element('div', 'comparison-cards');
  /** Figures by layer, quantity and shape, reused while those stay the same (so hovering survives redraws). */
  private figures = new Map<string, Figure>();

  constructor(private readonly tooltip: Tooltip) {
    this.element.append(this.note, this.cards);
    this.element.hidden = true;
  }

  /** Shows after − before of two snapshots at the same step. */
  show(after: SnapshotMessage, before: SnapshotMessage): void {
    setHidden(this.note, false);
    setText(this.note, `Step ${after.run.step}: change after − before the edit (same seed, same step). Grey is no change.`);
    const differences = after.layers.map((layer) => layerDifference(layer, before.layers.find((old) => old.index === layer.index)));
    const figures = new Map<string, Figure>();
    this.cards.replaceChildren(...differences.map((difference) => this.card(difference, figures)));
    this.figures = figures;
    setHidden(this.cards, false);
  }

  /** Nothing to compare at this step: says why, and hides the heatmaps. */
  explain(text: string): void {
    setText(this.note, text);
    setHidden(this.note, false);
    setHidden(this.cards, true);
  }

  private card(difference: LayerDifference, figures: Map<string, Figure>): HTMLElement {
    const l = layerTag(difference.index);
    const card = element('section', 'comparison-card');
    card.dataset.layer = String(difference.index);
    const { before, after } = difference.gradientNorm;
    const norms = `‖∂L/∂W${l}‖ before ${before === undefined ? '—' : formatValue(before)} → after ${formatValue(after)}`;
    card.append(element('h2', 'layer-title', `Layer ${difference.index} · after − before the edit`), element('div', 'layer-stats', norms));
    if (difference.shapeNote !== undefined) {
      card.append(element('p', 'comparison-shape-note', difference.shapeNote));
      return card;
    }
    if (difference.quantities.length === 0) card.append(element('p', 'comparison-shape-note', 'no tensor streamed in both runs at this step'));
    const body = element('div', 'comparison-body');
    for (const quantity of difference.quantities) body.append(this.figure(difference.index, quantity, figures));
    card.append(body);
    return card;
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
