/**
 * One labelled heatmap of a layer card: caption (symbol, shape, per-sample or batch), the grid
 * and its legend, or a note saying why there is nothing to draw.
 */
import { element, setHidden, setText } from './dom';
import { Heatmap, type HeatmapOptions } from './heatmap';
import { Legend } from './legend';
import type { ColorScale } from './scale';
import type { Tooltip } from './tooltip';

/**
 * Grid sizes of the figures of a layer card, and of the comparison view's (so both read alike):
 * batch grids at most 224 px high, 16 rows of 14 px or a squeezed view of a larger batch.
 */
export const CARD_GRID: Pick<HeatmapOptions, 'maxWidth' | 'maxCell' | 'stripHeight' | 'maxHeight'> = { maxWidth: 224, maxCell: 14, stripHeight: 14, maxHeight: 224 };

export class Figure {
  readonly element = element('figure', 'figure');
  private readonly caption = element('figcaption', 'figure-caption');
  private readonly note = element('div', 'figure-note');
  private readonly heatmap: Heatmap;
  private readonly legend = new Legend();

  /** `id` names the figure for styling and tests (`data-figure="dW"`). */
  constructor(id: string, options: HeatmapOptions, tooltip: Tooltip) {
    this.element.dataset.figure = id;
    this.heatmap = new Heatmap(options, tooltip);
    this.heatmap.canvas.hidden = true;
    const plot = element('div', 'figure-plot');
    plot.append(this.heatmap.canvas, this.legend.element);
    this.element.append(this.caption, plot, this.note);
  }

  setCaption(text: string): void {
    setText(this.caption, text);
    this.heatmap.canvas.setAttribute('aria-label', text);
  }

  /** Draws values (row-major rows × cols), on `scale` if given; returns whether the grid was redrawn. */
  show(values: Float32Array, rows: number, cols: number, scale?: ColorScale): boolean {
    setHidden(this.note, true);
    setHidden(this.heatmap.canvas, false);
    const redrawn = this.heatmap.update(values, rows, cols, scale);
    // Also when not redrawn: the legend may have been hidden by a note in between (update is cheap).
    if (this.heatmap.scale !== undefined) this.legend.update(this.heatmap.scale);
    return redrawn;
  }

  /** Replaces the grid by a note (not streamed yet, shape mismatch…); the last grid stays cached. */
  showNote(text: string): void {
    setText(this.note, text);
    setHidden(this.note, false);
    setHidden(this.heatmap.canvas, true);
    setHidden(this.legend.element, true);
  }
}
