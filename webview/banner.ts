/**
 * The message line under the header: host errors and the first NaN/±Inf of a step, which
 * must be reported, never left to pass as a number (docs/notation.md).
 */
import type { LayerOutline } from '../src/protocol/panelMessages';
import type { NonFiniteReport } from '../src/core/snapshot';
import { element, setHidden, setText } from './dom';
import { indexLabel, layerTag } from '../src/core/notation';
import { formatValue } from '../src/core/numberFormat';

export class Banner {
  readonly element = element('div', 'banner');

  constructor() {
    this.element.setAttribute('role', 'alert');
    this.element.hidden = true;
  }

  show(text: string): void {
    setText(this.element, text);
    setHidden(this.element, false);
  }

  clear(): void {
    setHidden(this.element, true);
  }
}

const SYMBOLS: Record<NonFiniteReport['quantity'], string> = {
  loss: 'L', z: 'Z', a: 'A', delta: 'Δ', dW: '∂L/∂W', db: '∂L/∂b', W: 'W', b: 'b',
};

/** `−∞ in ∂L/∂W⁽²⁾[3,7]`: the flat index turned back into row and column using the layer's shape. */
export function describeNonFinite(report: NonFiniteReport, layers: readonly LayerOutline[]): string {
  const where = report.quantity === 'loss' ? 'L' : `${SYMBOLS[report.quantity]}${layerTag(report.layer)}`;
  const layer = layers.find((candidate) => candidate.index === report.layer);
  let indices: number[] = [report.index];
  if (layer !== undefined) {
    const columns = report.quantity === 'dW' || report.quantity === 'W' ? layer.inputs
      : report.quantity === 'z' || report.quantity === 'a' || report.quantity === 'delta' ? layer.units : 0;
    if (columns > 0) indices = [Math.floor(report.index / columns), report.index % columns];
  }
  const position = report.quantity === 'loss' ? '' : indexLabel(indices);
  return `${formatValue(report.value)} in ${where}${position}: the step produced a non-finite value`;
}
