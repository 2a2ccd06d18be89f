/**
 * Reads the `layers` array. Activations are resolved in two steps because the output layer's
 * default depends on the loss, and the loss's default on the output layer's explicit activation.
 */
import type { Node } from 'jsonc-parser';
import { LIMITS } from '../core/limits';
import { DEFAULT_INIT } from '../core/activationFacts';
import { DEFAULT_HIDDEN_ACTIVATION, LAYER_DEFAULTS, outputActivationFor } from './defaults';
import { LAYER_KEYS } from './keys';
import { formatCount } from '../core/messages';
import { ObjectReader, type ReadContext, rangeOfNode } from './objectReader';
import { ACTIVATIONS, INITIALIZERS, type ActivationName, type InitializerName, type LayerSpec, type LossName } from '../core/spec';

/** A layer as written: undefined where the file leaves a key out or gives an invalid value. */
export interface WrittenLayer {
  readonly reader: ObjectReader;
  readonly units?: number;
  readonly activation?: ActivationName;
  readonly init?: InitializerName;
  readonly initRange?: number;
  readonly negativeSlope?: number;
  readonly alpha?: number;
  readonly beta?: number;
}

export const UNITS_RULE = {
  integer: true, min: 1, max: LIMITS.maxLayerWidth,
  hint: `Gradient Lens allows at most ${formatCount(LIMITS.maxLayerWidth)} units per layer (LIMITS.maxLayerWidth).`,
} as const;

/** Reads and type-checks every layer; undefined when `layers` is missing or not an array. */
export function readLayers(context: ReadContext, root: ObjectReader): WrittenLayer[] | undefined {
  if (!root.requireKey('layers', '"layers": [{ "units": 16, "activation": "tanh" }, { "units": 1, "activation": "sigmoid" }]')) {
    return undefined;
  }
  const elements = root.array('layers');
  if (!elements) return undefined;
  const layersRange = root.valueRange('layers');
  if (elements.length === 0) {
    context.sink.error('empty-layers', layersRange,
      '"layers" is empty; add at least the output layer, e.g. [{ "units": 1, "activation": "sigmoid" }].');
  }
  if (elements.length > LIMITS.maxLayers) {
    // Refused before any layer is read: reading each one costs memory in proportion to the count.
    context.sink.error('too-many-layers', layersRange,
      `The network has ${formatCount(elements.length)} layers; Gradient Lens allows at most ${LIMITS.maxLayers} (LIMITS.maxLayers). ` +
      `Remove ${formatCount(elements.length - LIMITS.maxLayers)}.`);
    return undefined;
  }
  const written: WrittenLayer[] = [];
  elements.forEach((element, index) => {
    context.ranges.layers.push(rangeOfNode(element));
    const layer = readLayer(context, element, index);
    if (layer) written.push(layer);
  });
  return written.length === elements.length ? written : undefined;
}

function readLayer(context: ReadContext, element: Node, index: number): WrittenLayer | undefined {
  const label = `layer ${index + 1}`;
  if (element.type !== 'object') {
    context.sink.error('wrong-type', rangeOfNode(element),
      `${label} must be an object like { "units": 16, "activation": "relu" }, not ${element.type === 'array' ? 'an array' : `a ${element.type}`}.`);
    return undefined;
  }
  const reader = new ObjectReader(context, element, `layers.${index}`, label);
  reader.warnUnknownKeys(LAYER_KEYS);
  reader.enumValue('type', ['dense'] as const);
  reader.requireKey('units', '"units": 16');
  return {
    reader,
    units: reader.number('units', UNITS_RULE),
    activation: reader.enumValue('activation', ACTIVATIONS),
    init: reader.enumValue('init', INITIALIZERS),
    initRange: reader.number('initRange', { min: 0, minExclusive: true, hint: 'It is r in U(−r, r), e.g. 0.05.' }),
    negativeSlope: reader.number('negativeSlope', { hint: 'PyTorch uses 0.01.' }),
    alpha: reader.number('alpha', { min: 0, hint: 'PyTorch uses 1.' }),
    beta: reader.number('beta', { min: 0, minExclusive: true, hint: 'PyTorch uses 1.' }),
  };
}

/** Fills defaults once the loss is known. `units` falls back to 1 only for invalid files (no spec is produced then). */
export function completeLayers(layers: readonly WrittenLayer[], loss: LossName): LayerSpec[] {
  return layers.map((layer, index) => {
    const isOutput = index === layers.length - 1;
    const activation = layer.activation ?? (isOutput ? outputActivationFor(loss) : DEFAULT_HIDDEN_ACTIVATION);
    return {
      type: 'dense',
      units: layer.units ?? 1,
      activation,
      init: layer.init ?? DEFAULT_INIT[activation],
      initRange: layer.initRange ?? LAYER_DEFAULTS.initRange,
      negativeSlope: layer.negativeSlope ?? LAYER_DEFAULTS.negativeSlope,
      alpha: layer.alpha ?? LAYER_DEFAULTS.alpha,
      beta: layer.beta ?? LAYER_DEFAULTS.beta,
    };
  });
}
