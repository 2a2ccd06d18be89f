/**
 * The equations section of one layer card: each row of equationRows.ts drawn as its terms side
 * by side, every term a small heatmap of its shape under its KaTeX symbol, with its shape and (for
 * vectors) the selected sample's values. KaTeX runs once, here in the constructor: a new layout
 * builds a new section; snapshots only refresh the heatmaps and the value lines, and only while
 * the section is on screen (or near it): a big network's equations off screen cost nothing per
 * snapshot (their terms are not even computed), and the newest are drawn when the section
 * scrolls into view.
 */
import { element, setHidden, setText } from './dom';
import { type EquationId, type EquationLayout, type EquationRow, equationRows, termLabel } from './equationRows';
import type { LayerTerms, TermId, TermsResult } from './equationTerms';
import { Heatmap } from './heatmap';
import { renderMath } from './math';
import { indexLabel } from '../src/core/notation';
import { formatValue } from '../src/core/numberFormat';
import type { Tooltip } from './tooltip';

/** Vectors up to this long list their values under the grid; longer ones and matrices show them on hover. */
const MAX_LISTED_VALUES = 8;
/** Small grids: a 16×16 matrix fits in 112 px, a long vector is squeezed to 112 px. */
const TERM_GRID = { maxWidth: 112, maxCell: 12, stripHeight: 12, maxHeight: 112 } as const;

/** What the walk-through points at in this section: whole rows, and terms within them. */
export interface EquationFocus {
  readonly equations: readonly EquationId[];
  readonly terms: readonly TermId[];
}

interface TermCell {
  readonly id: TermId;
  readonly equation: EquationId;
  readonly element: HTMLElement;
  readonly heatmap: Heatmap;
  readonly values: HTMLElement;
}

export class LayerEquations {
  readonly element = element('div', 'layer-section equations');
  readonly rows: readonly EquationRow[];
  private readonly title = element('h3', 'section-title', 'Equations');
  private readonly note = element('p', 'equations-note');
  private readonly cells: TermCell[] = [];
  private readonly rowElements = new Map<EquationId, HTMLElement>();
  private readonly batchLabels: HTMLElement[] = [];
  private readonly observer: IntersectionObserver;
  private onScreen = false;
  /** The newest terms not drawn yet because the section was off screen (not computed either). */
  private pending: (() => TermsResult) | undefined;

  constructor(readonly layout: EquationLayout, tooltip: Tooltip) {
    this.element.dataset.section = 'equations';
    this.rows = equationRows(layout);
    this.element.append(this.title, this.note);
    for (const row of this.rows) {
      const line = element('div', 'equation-row');
      line.dataset.equation = row.id;
      const terms = element('div', 'equation-terms');
      for (const item of row.items) terms.append(typeof item === 'string' ? this.cell(row.id, item, tooltip) : operator(item.op));
      if (row.batch !== undefined) {
        const label = element('span', 'equation-batch-label', 'batch:');
        this.batchLabels.push(label);
        terms.append(label);
        for (const id of row.batch) terms.append(this.cell(row.id, id, tooltip));
      }
      line.append(terms, element('p', 'equation-caption', row.caption));
      this.rowElements.set(row.id, line);
      this.element.append(line);
    }
    this.showNote('waiting for a step with the equations shown');
    this.observer = new IntersectionObserver((entries) => {
      this.onScreen = entries[entries.length - 1].isIntersecting;
      if (this.onScreen && this.pending !== undefined) this.draw(this.pending);
    }, { rootMargin: '200px 0px' });
    this.observer.observe(this.element);
  }

  /** Stops watching the viewport (the section is being replaced). */
  dispose(): void {
    this.observer.disconnect();
    this.element.remove();
  }

  /**
   * This snapshot's terms of batch row `sample` (or what is missing), computed by `result` only
   * when drawn: now if on screen, else once it scrolls into view (a newer snapshot replaces it).
   */
  update(result: () => TermsResult, sample: number, batchSize: number): void {
    // Labels are cheap: always current. The terms and grids wait until the section is on screen.
    setText(this.title, `Equations · sample ${sample}`);
    for (const label of this.batchLabels) setText(label, `batch, B = ${batchSize}:`);
    this.pending = result;
    if (this.onScreen) this.draw(result);
  }

  private draw(pending: () => TermsResult): void {
    this.pending = undefined;
    const result = pending();
    if (result.terms === undefined) return this.showNote(result.missing);
    setHidden(this.note, true);
    for (const cell of this.cells) this.fill(cell, result.terms);
  }

  /** Marks the rows and terms the walk-through is at (and un-marks the rest); undefined clears. */
  focus(focus: EquationFocus | undefined): void {
    for (const [id, row] of this.rowElements) row.classList.toggle('is-focus', focus?.equations.includes(id) ?? false);
    for (const cell of this.cells) {
      cell.element.classList.toggle('is-focus', focus !== undefined && focus.equations.includes(cell.equation) && focus.terms.includes(cell.id));
    }
  }

  private showNote(text: string): void {
    setText(this.note, text);
    setHidden(this.note, false);
  }

  private cell(equation: EquationId, id: TermId, tooltip: Tooltip): HTMLElement {
    const label = termLabel(id, this.layout);
    const root = element('figure', 'equation-term');
    root.dataset.term = id;
    const symbol = element('div', 'term-symbol');
    renderMath(symbol, label.tex);
    const heatmap = new Heatmap({
      ...TERM_GRID,
      colormap: 'auto',
      // Vectors are indexed by one number whichever way they stand.
      describe: (r, c, value) => `${label.text}${indexLabel(id === 'aPrevT' ? [c] : root.dataset.cols === '1' ? [r] : [r, c])} = ${formatValue(value)}`,
    }, tooltip);
    heatmap.canvas.setAttribute('aria-label', `${label.text}, ${label.shape}`);
    heatmap.canvas.hidden = true; // until it has values
    const values = element('div', 'term-values');
    root.append(symbol, heatmap.canvas, element('div', 'term-shape', label.shape), values);
    this.cells.push({ id, equation, element: root, heatmap, values });
    return root;
  }

  private fill(cell: TermCell, terms: LayerTerms): void {
    const grid = terms[cell.id];
    setHidden(cell.heatmap.canvas, grid === undefined);
    if (grid === undefined) return setText(cell.values, 'n/a');
    cell.heatmap.update(grid.values, grid.rows, grid.cols);
    cell.element.dataset.rows = String(grid.rows);
    cell.element.dataset.cols = String(grid.cols);
    const vector = grid.rows === 1 || grid.cols === 1;
    setText(cell.values, vector && grid.values.length <= MAX_LISTED_VALUES ? `[${Array.from(grid.values, formatValue).join(', ')}]` : '');
  }
}

function operator(tex: string): HTMLElement {
  const node = element('span', 'equation-operator');
  renderMath(node, tex);
  return node;
}
