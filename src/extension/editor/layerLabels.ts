/** The per-layer shape labels of the inlay hints (no vscode, so unit tests read them). */
import { inferShapes, parameterCount } from '../../core/shapes';
import { dims, type Width } from '../../core/notation';

/** W's shape, output width and parameter count; n₀ stays symbolic until the data is read. */
export function layerLabels(widths: readonly Width[]): string[] {
  const [input, ...units] = widths;
  if (input !== undefined && units.every((width) => width !== undefined)) {
    return inferShapes({ input, layers: units.map((width) => ({ units: width as number, activation: 'linear' })) }).layers.map((layer) => layer.label);
  }
  return units.map((width, index) => {
    const inputs = index === 0 ? input : units[index - 1];
    const count = inputs === undefined ? `${width}·n₀ + ${width} params` : `${parameterCount(width ?? 0, inputs)} params`;
    return `${dims(width, inputs)} → ${width} · ${count}`;
  });
}
