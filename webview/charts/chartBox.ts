/**
 * A chart's DOM: a captioned box of fixed height holding the canvas chart.js draws on (chart.js
 * sizes the canvas to its parent, which must therefore be sized by CSS, not by the chart).
 */
import { element } from '../dom';

export class ChartBox {
  readonly element = element('figure', 'chart');
  readonly canvas = element('canvas', 'chart-canvas');

  /** `id` names the chart for styling and tests (`data-chart="norms"`); `label` is read by screen readers. */
  constructor(id: string, label: string) {
    this.element.dataset.chart = id;
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute('aria-label', label);
    const plot = element('div', 'chart-plot');
    plot.append(this.canvas);
    this.element.append(plot);
  }
}
