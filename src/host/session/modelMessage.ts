import { inferShapes } from '../../core/shapes';
import type { ModelSpec } from '../../core/spec';
import type { ModelMessage } from '../../protocol/panelMessages';
import type { RunStart, TimelineBudget } from '../../protocol/timeline';

export interface LayoutExtras {
  readonly run?: RunStart | undefined;
  readonly timeline?: TimelineBudget | undefined;
  readonly imageShape?: readonly [number, number] | undefined;
}

/**
 * The panel's layout message for a spec: one card per dense layer, n_{l−1} → n_l, with the run it
 * starts (when known), the panel's timeline budget, and the dataset's image shape when its inputs
 * are images.
 */
export function modelMessageOf(spec: ModelSpec, extras: LayoutExtras = {}): ModelMessage {
  const { run, timeline, imageShape } = extras;
  return {
    ...(run ? { run } : {}),
    ...(timeline ? { timeline } : {}),
    type: 'model',
    name: spec.name,
    input: spec.input,
    batchSize: spec.training.batchSize,
    layers: inferShapes(spec).layers.map(({ layer: index, units, inputs, activation }, i) => ({
      index,
      units,
      inputs,
      activation,
      activationParameters: { negativeSlope: spec.layers[i].negativeSlope, alpha: spec.layers[i].alpha, beta: spec.layers[i].beta },
    })),
    loss: spec.loss,
    optimizer: {
      optimizer: spec.training.optimizer, momentum: spec.training.momentum, nesterov: spec.training.nesterov,
      beta1: spec.training.beta1, beta2: spec.training.beta2, epsilon: spec.training.epsilon, weightDecay: spec.training.weightDecay,
    },
    ...(imageShape ? { imageShape } : {}),
  };
}

export function panelTitleOf(name: string): string {
  return `Gradient Lens: ${name}`;
}
