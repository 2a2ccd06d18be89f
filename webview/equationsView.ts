/**
 * The equations of every layer card (the "equations" view toggle): keeps one LayerEquations per
 * card, rebuilt when what it shows changes, refreshed per snapshot while shown. It also computes
 * the terms of the snapshot on screen for the sections and the walk-through (each layer's once,
 * and only when asked), and puts the walk-through's highlights on cards, figures and terms.
 */
import type { LossName } from '../src/core/spec';
import type { LayerOutline, ModelMessage, OptimizerSettings, RunHeader, SnapshotMessage } from '../src/protocol/panelMessages';
import { setHidden } from './dom';
import type { EquationLayout } from './equationRows';
import { layerTerms, type LayerTerms, type TermsResult } from './equationTerms';
import type { LayerCard } from './layerCard';
import { LayerEquations, type EquationFocus } from './layerEquations';
import type { Tooltip } from './tooltip';

/** What one walk-through phase points at in one layer: equation rows and terms, and card figures (`data-figure`). */
export interface LayerFocus extends EquationFocus {
  readonly layer: number;
  readonly figures: readonly string[];
}

export class EquationsView {
  private cards: readonly LayerCard[] = [];
  private sections: LayerEquations[] = [];
  private modelShapes: readonly LayerOutline[] = [];
  /** The snapshot of the sections' terms, and those computed so far (by layer index − 1). */
  private snapshot: SnapshotMessage | undefined;
  private results: (TermsResult | undefined)[] = [];
  private computations = 0;
  private shown = false;
  /** The loss and optimizer of the model message (undefined before it, or from an older host). */
  loss: LossName | undefined;
  optimizer: OptimizerSettings | undefined;
  /** The run header of the snapshot the terms are from. */
  run: RunHeader | undefined;

  constructor(private readonly tooltip: Tooltip) {}

  setModel(message: ModelMessage): void {
    const lossChanged = message.loss !== this.loss;
    this.loss = message.loss;
    this.optimizer = message.optimizer;
    this.modelShapes = message.layers;
    if (lossChanged && this.cards.length > 0) this.layout(this.cards);
  }

  /**
   * Builds the sections for these cards (after the panel rebuilt any of them): KaTeX runs here
   * only, so a card kept across a relayout keeps its section unless what it shows changed (its
   * shape, the next layer's, the number of layers or the loss).
   */
  layout(cards: readonly LayerCard[]): void {
    const previous = new Map(this.cards.map((card, i) => [card, this.sections[i]]));
    this.cards = cards;
    this.clearTerms();
    this.sections = cards.map((card, i) => {
      const layout: EquationLayout = { shape: card.shape, next: cards[i + 1]?.shape, layerCount: cards.length, loss: this.loss };
      const kept = previous.get(card);
      if (kept !== undefined && sameLayout(kept.layout, layout)) {
        previous.delete(card);
        return kept;
      }
      const section = new LayerEquations(layout, this.tooltip);
      setHidden(section.element, !this.shown);
      card.appendSection(section.element);
      return section;
    });
    for (const section of previous.values()) section.dispose();
  }

  setShown(shown: boolean): void {
    this.shown = shown;
    for (const section of this.sections) setHidden(section.element, !shown);
    if (!shown) this.clearTerms();
  }

  get isShown(): boolean {
    return this.shown;
  }

  /**
   * Per snapshot: hands every expanded card's section its terms, computed only when needed: when
   * the section is on screen (or scrolls into view), or the walk-through asks. Nothing while hidden.
   */
  draw(snapshot: SnapshotMessage): void {
    if (!this.shown || snapshot.layers.length !== this.sections.length) return;
    this.run = snapshot.run;
    this.snapshot = snapshot;
    this.results = [];
    const sample = Math.min(snapshot.run.sampleIndex, snapshot.run.batchSize - 1);
    this.sections.forEach((section, i) => {
      // A section off screen may ask only after a newer snapshot or a relayout: then uncached, from its own snapshot.
      const result = () => (this.snapshot === snapshot ? this.resultOf(i) : layerTerms(snapshot, i + 1, { loss: this.loss, shapes: this.modelShapes }));
      if (!this.cards[i].collapsed) section.update(result, sample, snapshot.run.batchSize);
    });
  }

  /** Layer l's terms for the snapshot on screen, if shown, expanded and complete. */
  termsOf(layer: number): LayerTerms | undefined {
    const i = layer - 1;
    if (this.snapshot === undefined || this.cards[i] === undefined || this.cards[i].collapsed) return undefined;
    return this.resultOf(i).terms;
  }

  /** Term computations so far (for the test hooks: only shown sections compute theirs). */
  get computedTerms(): number {
    return this.computations;
  }

  private resultOf(i: number): TermsResult {
    let result = this.results[i];
    if (result === undefined) {
      result = layerTerms(this.snapshot as SnapshotMessage, i + 1, { loss: this.loss, shapes: this.modelShapes });
      this.results[i] = result;
      this.computations++;
    }
    return result;
  }

  private clearTerms(): void {
    this.snapshot = undefined;
    this.results = [];
  }

  get layerCount(): number {
    return this.cards.length;
  }

  get shapes(): readonly LayerOutline[] {
    return this.cards.map((card) => card.shape);
  }

  /**
   * Highlights what a walk-through phase points at; undefined clears every highlight. `scroll`
   * brings it into view: only when the user moves to a phase, not when a redraw re-applies it
   * (that would pull the page away from the slider or field being used).
   */
  focus(focus: readonly LayerFocus[] | undefined, scroll = false): void {
    this.cards.forEach((card, i) => {
      const here = focus?.find((item) => item.layer === card.shape.index);
      card.element.classList.toggle('is-walkthrough-focus', here !== undefined);
      for (const figure of card.element.querySelectorAll<HTMLElement>('[data-figure]')) {
        figure.classList.toggle('is-walkthrough-focus', here?.figures.includes(figure.dataset.figure ?? '') ?? false);
      }
      this.sections[i]?.focus(here);
    });
    if (!scroll) return;
    // Bring what the phase is about into view: its equation rows (the last, then the first, so as
    // many as fit are shown), else its first figure.
    const rows = this.cards.flatMap((card) => Array.from(card.element.querySelectorAll('.equation-row.is-focus')));
    const targets = rows.length > 0 ? [rows[rows.length - 1], rows[0]] : this.cards.flatMap((card) => Array.from(card.element.querySelectorAll('.figure.is-walkthrough-focus:not([hidden])'))).slice(0, 1);
    for (const target of targets) target.scrollIntoView({ block: 'nearest' });
  }
}

/**
 * Layers whose tensors the equations need for these expanded cards: layer l's equations read
 * a⁽ˡ⁻¹⁾ from the card before and W⁽ˡ⁺¹⁾, δ⁽ˡ⁺¹⁾ from the card after, even when those are collapsed.
 */
export function layersForEquations(expanded: readonly number[], layerCount: number): number[] {
  const needed = new Set<number>();
  for (const l of expanded) for (const k of [l - 1, l, l + 1]) if (k >= 1 && k <= layerCount) needed.add(k);
  return [...needed].sort((a, b) => a - b);
}

function sameLayout(a: EquationLayout, b: EquationLayout): boolean {
  const sameShape = (x: LayerOutline | undefined, y: LayerOutline | undefined) => x === y || (x !== undefined && y !== undefined
    && x.index === y.index && x.units === y.units && x.inputs === y.inputs && x.activation === y.activation);
  return a.layerCount === b.layerCount && a.loss === b.loss && sameShape(a.shape, b.shape) && sameShape(a.next, b.next);
}
