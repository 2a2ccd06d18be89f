import type { ModelSpec } from '../../model/spec';
import type { ModelMessage } from '../../protocol/panelMessages';

/**
 * The panel's layout message for a spec: one card per dense layer, n_{l−1} → n_l, and the
 * dataset's image shape when its inputs are images.
 */
export function modelMessageOf(spec: ModelSpec, imageShape?: readonly [number, number]): ModelMessage {
  return {
    type: 'model',
    name: spec.name,
    input: spec.input,
    batchSize: spec.training.batchSize,
    layers: spec.layers.map((layer, i) => ({
      index: i + 1,
      units: layer.units,
      inputs: i === 0 ? spec.input : spec.layers[i - 1].units,
      activation: layer.activation,
    })),
    ...(imageShape ? { imageShape } : {}),
  };
}

export function panelTitleOf(name: string): string {
  return `Gradient Lens: ${name}`;
}
