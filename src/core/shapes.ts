/**
 * Shape inference shared by hover, CodeLens, the panel and the CLI, in the notation of
 * docs/notation.md: W⁽ˡ⁾ is n_l × n_{l−1} (rows = outputs), b⁽ˡ⁾ has n_l entries.
 */
import type { QuantityName } from './snapshot';
import type { ActivationName, LayerSpec } from './spec';

export interface LayerShape {
  /** 1-based layer number l. */
  readonly layer: number;
  /** n_{l−1}: the width of the layer's input. */
  readonly inputs: number;
  /** n_l: the number of units. */
  readonly units: number;
  readonly activation: ActivationName;
  /** [n_l, n_{l−1}]. */
  readonly weightShape: readonly [number, number];
  /** [n_l]. */
  readonly biasShape: readonly [number];
  /** n_l·n_{l−1} + n_l. */
  readonly parameters: number;
  /** e.g. `16×2 → 16 · 48 params`: W's shape, the output width, the parameter count. */
  readonly label: string;
}

export interface NetworkShapes {
  /** n_0. */
  readonly input: number;
  readonly layers: readonly LayerShape[];
  /** Σ parameters over all layers. */
  readonly totalParameters: number;
  /** e.g. `2 → 16 → 16 → 3 · 355 params`. */
  readonly label: string;
}

/** n_l·n_{l−1} + n_l: the weights and biases of a dense layer with `units` outputs and `inputs` inputs. */
export function parameterCount(units: number, inputs: number): number {
  return units * inputs + units;
}

/**
 * The row-major shape of one quantity of a dense layer: z, a, δ are [rows, n_l] for a batch of
 * `rows` (or [n_l] for one sample), W and ∂L/∂W are [n_l, n_{l−1}], b and ∂L/∂b are [n_l].
 */
export function quantityShape(quantity: QuantityName, layer: { readonly units: number; readonly inputs: number }, rows: number, sample?: number): number[] {
  switch (quantity) {
    case 'z':
    case 'a':
    case 'delta':
      return sample === undefined ? [rows, layer.units] : [layer.units];
    case 'W':
    case 'dW':
      return [layer.units, layer.inputs];
    case 'b':
    case 'db':
      return [layer.units];
  }
}

/** 1234567 → "1,234,567"; 1 → "1 param". */
function formatParameters(count: number): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? 'param' : 'params'}`;
}

/** Shapes of every layer for input width n_0 = `input`. Accepts specs and drafts alike. */
export function inferShapes(model: { readonly input: number; readonly layers: readonly Pick<LayerSpec, 'units' | 'activation'>[] }): NetworkShapes {
  let inputs = model.input;
  let totalParameters = 0;
  const layers = model.layers.map((layer, index): LayerShape => {
    const parameters = parameterCount(layer.units, inputs);
    const shape: LayerShape = {
      layer: index + 1,
      inputs,
      units: layer.units,
      activation: layer.activation,
      weightShape: [layer.units, inputs],
      biasShape: [layer.units],
      parameters,
      label: `${layer.units}×${inputs} → ${layer.units} · ${formatParameters(parameters)}`,
    };
    totalParameters += parameters;
    inputs = layer.units;
    return shape;
  });
  const widths = [model.input, ...model.layers.map((layer) => layer.units)].join(' → ');
  return { input: model.input, layers, totalParameters, label: `${widths} · ${formatParameters(totalParameters)}` };
}
