/**
 * The result of "Gradient Lens: Check Gradients" at the top of the panel: one row per layer and
 * parameter block (∂L/∂W⁽ˡ⁾, ∂L/∂b⁽ˡ⁾) with the relative errors of the backward pass against
 * central differences, the worst parameter's analytic g and numerical ĝ, and PASS/FAIL against
 * the thresholds of the run's precision. Dismissable; a new report shows it again.
 */
import type { GradientCheckThresholds, GradientCheckView as GradientCheckReportView, ParameterCheckView } from '../src/protocol/panelMessages';
import { element, setHidden } from './dom';
import { layerTag } from '../src/core/notation';
import { formatValue } from '../src/core/numberFormat';

/**
 * A row passes when its own maximum and mean relative errors are within the precision's
 * thresholds (the criteria the engine applies to the whole network for the overall verdict).
 */
function parameterPasses(check: ParameterCheckView, thresholds: GradientCheckThresholds): boolean {
  return check.maxRelativeError <= thresholds.maxRelativeError && check.meanRelativeError <= thresholds.meanRelativeError;
}

/** `data-column` of each cell, in column order (for tests and styling). */
const CELL_NAMES = ['layer', 'gradient', 'checked', 'max', 'mean', 'analytic', 'numerical', 'result'] as const;
const COLUMNS = ['Layer', 'Gradient', 'Checked', 'Max rel. error', 'Mean rel. error', 'Worst: analytic g', 'numerical ĝ', 'Result'] as const;

export class GradientCheckView {
  readonly element = element('section', 'gradient-check');
  private readonly summary = element('p', 'gradient-check-summary');
  private readonly body = element('tbody');

  constructor() {
    this.element.setAttribute('aria-label', 'Gradient check');
    this.element.hidden = true;
    const heading = element('div', 'gradient-check-heading');
    const title = element('h2', 'gradient-check-title', 'Gradient check');
    const dismiss = element('button', 'gradient-check-dismiss', '×');
    dismiss.type = 'button';
    dismiss.title = 'Dismiss the gradient check';
    dismiss.setAttribute('aria-label', 'Dismiss the gradient check');
    dismiss.dataset.action = 'dismiss-gradient-check';
    dismiss.addEventListener('click', () => this.dismiss());
    heading.append(title, this.summary, dismiss);

    const table = element('table', 'gradient-check-table');
    const headRow = element('tr');
    for (const name of COLUMNS) {
      const cell = element('th', '', name);
      cell.scope = 'col';
      headRow.append(cell);
    }
    table.append(element('thead'), this.body);
    table.tHead!.append(headRow);
    this.element.append(heading, table);
  }

  show(report: GradientCheckReportView): void {
    const verdict = report.passed ? 'PASS' : 'FAIL';
    this.element.dataset.verdict = verdict.toLowerCase();
    this.summary.replaceChildren(
      element('span', `gradient-check-verdict ${report.passed ? 'is-pass' : 'is-fail'}`, verdict),
      element('span', 'gradient-check-figure',
        `max ${formatValue(report.maxRelativeError)} (≤ ${formatValue(report.thresholds.maxRelativeError)}), ` +
        `mean ${formatValue(report.meanRelativeError)} (≤ ${formatValue(report.thresholds.meanRelativeError)})`),
      element('span', 'gradient-check-figure', `ε = ${formatValue(report.epsilon)}`),
      element('span', 'gradient-check-figure', report.precision),
      element('span', 'gradient-check-figure', `${report.rows} row${report.rows === 1 ? '' : 's'}`),
    );
    const rows: HTMLTableRowElement[] = [];
    for (const layer of report.layers) {
      rows.push(this.row(layer.layer, 'W', layer.weights, report.thresholds, true));
      rows.push(this.row(layer.layer, 'b', layer.bias, report.thresholds, false));
    }
    this.body.replaceChildren(...rows);
    setHidden(this.element, false);
  }

  dismiss(): void {
    setHidden(this.element, true);
  }

  private row(layer: number, parameter: 'W' | 'b', check: ParameterCheckView, thresholds: GradientCheckThresholds, first: boolean): HTMLTableRowElement {
    const passes = parameterPasses(check, thresholds);
    const row = element('tr', passes ? 'is-pass' : 'is-fail');
    row.dataset.layer = String(layer);
    row.dataset.parameter = parameter;
    const checked = check.checked > 0;
    const cells = [
      element('td', 'gradient-check-layer', first ? String(layer) : ''),
      element('td', 'gradient-check-symbol', `∂L/∂${parameter}${layerTag(layer)}`),
      element('td', 'numeric', String(check.checked)),
      element('td', 'numeric', checked ? formatValue(check.maxRelativeError) : '—'),
      element('td', 'numeric', checked ? formatValue(check.meanRelativeError) : '—'),
      element('td', 'numeric', checked ? formatValue(check.worstAnalytic) : '—'),
      element('td', 'numeric', checked ? formatValue(check.worstNumerical) : '—'),
      element('td', `gradient-check-result ${passes ? 'is-pass' : 'is-fail'}`, passes ? 'PASS' : 'FAIL'),
    ];
    cells.forEach((cell, i) => { cell.dataset.column = CELL_NAMES[i]; });
    row.append(...cells);
    return row;
  }
}
