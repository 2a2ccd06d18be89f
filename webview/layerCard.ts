/**
 * The card of dense layer l: forward activations, backward error terms, the gradients of its
 * parameters (with a histogram of ∂L/∂W⁽ˡ⁾) and, on request, W⁽ˡ⁾ and this step's update
 * −η·∂L/∂W⁽ˡ⁾. What each figure shows, its caption and values come from layerFigures.ts; this
 * class only builds the elements and draws. Drawing is two-phase (`prepare`, then `draw`) so the
 * panel can pool scales across layers.
 */
import type { LayerSnapshot, RunHeader } from '../src/protocol/panelMessages';
import { carriedRows } from '../src/core/rowWindow';
import type { ChartKey } from './chartPacer';
import { HistogramChart } from './charts/histogramChart';
import type { ChartTheme } from './charts/chartTheme';
import { element, setHidden, setText } from './dom';
import { CARD_GRID, Figure } from './figure';
import {
  CARD_SECTIONS, FIGURES, FigureBuffers, drawsSampleRows, figureCaptions, figureColormap, figureShape, figureSymbol, prepareCard,
  type CardLayer, type CardSection, type FigureId, type FigureRecord,
} from './layerFigures';
import { indexLabel } from '../src/core/notation';
import { formatValue } from '../src/core/numberFormat';
import type { PreparedFigure, ScaleLookup } from './scalePolicy';
import type { Tooltip } from './tooltip';
import type { ViewQuantity } from './viewState';

export class LayerCard {
  readonly element = element('section', 'layer-card');
  private readonly title = element('h2', 'layer-title');
  private readonly toggle = element('button', 'collapse-button');
  private readonly header = element('header', 'layer-header');
  private readonly stats = element('div', 'layer-stats');
  private readonly body = element('div', 'layer-body');
  private readonly figures: Record<FigureId, Figure>;
  private readonly sections: { element: HTMLElement; shownBy: readonly ViewQuantity[] }[] = [];
  private readonly histogram: HistogramChart;
  /** ∂L/∂W values drawn since the histogram last rendered. */
  private histogramValues: Float32Array | undefined;
  private visible: Readonly<Record<ViewQuantity, boolean>> | undefined;
  private readonly buffers = new FigureBuffers();
  /** The batch row of the drawn Z, A and Δ's first row (not 0 when the snapshot carries a window of the batch). */
  private firstRow = 0;

  constructor(readonly shape: CardLayer, tooltip: Tooltip, theme: ChartTheme, onCollapse: (collapsed: boolean) => void) {
    const make = (figure: FigureRecord): [FigureId, Figure] => {
      const symbol = figureSymbol(figure, shape.index);
      // Vectors are drawn as one-row strips, so their index is the column (a rank no batch size changes).
      const vector = figureShape(figure, shape, 1).length === 1;
      // Rows of Z, A, Δ are named by their batch row, also when the snapshot carries only a window of the batch.
      const batchRow = (row: number): number => (drawsSampleRows(figure) ? this.firstRow + row : row);
      return [figure.id, new Figure(figure.id, {
        ...CARD_GRID,
        colormap: figureColormap(figure, shape),
        describe: (row, col, value) => `${symbol}${indexLabel(vector ? [col] : [batchRow(row), col])} = ${formatValue(value)}`,
      }, tooltip)];
    };
    this.figures = Object.fromEntries(FIGURES.map(make)) as Record<FigureId, Figure>;
    this.histogram = new HistogramChart(shape.index, theme);

    this.element.dataset.layer = String(shape.index);
    setText(this.title, `Layer ${shape.index} · ${shape.inputs} → ${shape.units} · ${shape.activation}`);
    this.body.id = `layer-body-${shape.index}`;
    this.toggle.type = 'button';
    this.toggle.setAttribute('aria-controls', this.body.id);
    this.toggle.setAttribute('aria-label', `Collapse layer ${shape.index}`);
    this.toggle.addEventListener('click', () => {
      this.setCollapsed(!this.collapsed);
      onCollapse(this.collapsed);
    });
    this.setCollapsed(false);
    this.header.append(this.toggle, this.title, this.stats);
    // The ∂L/∂W histogram stacks under the Gradients section's last figure.
    this.body.append(...CARD_SECTIONS.map((title) => this.section(title, title === 'Gradients' ? [this.histogram.box.element] : [])));
    this.element.append(this.header, this.body);
    for (const figure of Object.values(this.figures)) figure.showNote('waiting for the first step');
  }

  /** Puts a button (e.g. the card's PNG export) at the end of the card's header. */
  addHeaderAction(action: HTMLElement): void {
    this.header.append(action);
  }

  /** Adds a section built elsewhere (the equations) at the end of the card's body, so collapsing hides it too. */
  appendSection(section: HTMLElement): void {
    this.body.append(section);
  }

  get collapsed(): boolean {
    return this.toggle.getAttribute('aria-expanded') === 'false';
  }

  /** Collapsed cards draw nothing and are left out of setView, so the worker copies nothing for them. */
  setCollapsed(collapsed: boolean): void {
    this.toggle.setAttribute('aria-expanded', String(!collapsed));
    this.toggle.setAttribute('aria-label', `${collapsed ? 'Expand' : 'Collapse'} layer ${this.shape.index}`);
    setText(this.toggle, collapsed ? '▸' : '▾');
    this.element.classList.toggle('collapsed', collapsed);
    setHidden(this.body, collapsed);
  }

  /** Shows only the figures of the enabled quantities (and the sections that still hold any). */
  setVisible(quantities: Readonly<Record<ViewQuantity, boolean>>): void {
    this.visible = quantities;
    for (const figure of FIGURES) setHidden(this.figures[figure.id].element, !quantities[figure.shownBy]);
    setHidden(this.histogram.box.element, !quantities.weightGradient);
    for (const section of this.sections) setHidden(section.element, !section.shownBy.some((quantity) => quantities[quantity]));
  }

  /** Whether this card was laid out for exactly this shape (else the panel rebuilds it). */
  fits(shape: CardLayer): boolean {
    const own = this.shape;
    return own.index === shape.index && own.units === shape.units && own.inputs === shape.inputs && own.activation === shape.activation;
  }

  /** Captions that depend on the batch size, selected sample and η. */
  setContext(batchSize: number, sampleIndex: number, learningRate?: number): void {
    this.setCaptions(figureCaptions(this.shape, batchSize, sampleIndex, learningRate));
  }

  /** Updates captions, statistics and notes, and returns the heatmaps to draw. */
  prepare(layer: LayerSnapshot, run: RunHeader): readonly PreparedFigure[] {
    const prepared = prepareCard(this.shape, layer, run, { quantities: this.visible, collapsed: this.collapsed }, this.buffers);
    this.firstRow = carriedRows(run).first;
    this.setCaptions(prepared.captions);
    setText(this.stats, prepared.stats);
    for (const [id, note] of prepared.notes) this.figures[id].showNote(note);
    return prepared.figures;
  }

  /** Draws what `prepare` returned, each on the scale `scaleOf` gives; the ∂L/∂W histogram waits for `drawHistogram`. */
  draw(prepared: readonly PreparedFigure[], scaleOf: ScaleLookup): void {
    for (const figure of prepared) {
      this.figures[figure.id as FigureId].show(figure.values, figure.rows, figure.cols, scaleOf(figure));
      if (figure.id === 'dW') this.histogramValues = figure.values;
    }
  }

  /** Asks `render` (the panel's ChartPacer) for a render of the histogram of the newest ∂L/∂W drawn, if one was drawn since. */
  drawHistogram(render: (chart: ChartKey, draw: () => void) => void): void {
    if (this.histogramValues === undefined) return;
    render(this.histogram.instance, () => {
      if (this.histogramValues === undefined) return;
      this.histogram.update(this.histogramValues);
      this.histogramValues = undefined;
    });
  }

  setTheme(theme: ChartTheme): void {
    this.histogram.setTheme(theme);
  }

  /** The card was replaced by another layout's: frees its histogram chart and takes it off the page. */
  dispose(): void {
    this.histogram.destroy();
    this.histogramValues = undefined;
    this.element.remove();
  }

  /** For the test hook: the histogram chart of this card. */
  get histogramChart(): HistogramChart {
    return this.histogram;
  }

  private setCaptions(captions: Readonly<Record<FigureId, string>>): void {
    for (const figure of FIGURES) this.figures[figure.id].setCaption(captions[figure.id]);
  }

  private section(title: CardSection, extra: readonly HTMLElement[]): HTMLElement {
    const members = FIGURES.filter((figure) => figure.section === title);
    const section = element('div', 'layer-section');
    section.dataset.section = title.toLowerCase();
    const figures = members.map((figure) => this.figures[figure.id].element);
    // Extras (the histogram) stack under the last figure, so a card keeps its three columns.
    if (extra.length > 0) {
      const stack = element('div', 'figure-stack');
      stack.append(figures.pop() as HTMLElement, ...extra);
      figures.push(stack);
    }
    section.append(element('h3', 'section-title', title), ...figures);
    this.sections.push({ element: section, shownBy: members.map((figure) => figure.shownBy) });
    return section;
  }
}
