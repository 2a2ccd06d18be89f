/**
 * Cross-field rules of a model that need no data: each takes the normalized draft and the source
 * ranges, and reports on the token a user should change.
 */
import { LIMITS } from '../core/limits';
import type { DiagnosticSink } from './diagnostics';
import { formatCount } from '../core/messages';
import { rangeOf, keyRangeOf, type ModelRanges } from './ranges';
import { inferShapes } from '../core/shapes';
import type { ActivationName, LayerSpec, LossName, TrainingSpec } from '../core/spec';

/** What the static rules look at: a ModelSpec whose input may still be unknown. */
export interface RuleSubject {
  readonly input?: number;
  readonly layers: readonly LayerSpec[];
  readonly loss: LossName;
  readonly training: TrainingSpec;
}

/** Softmax normalizes across units, so it only means class probabilities on the output layer. */
export function checkSoftmaxPlacement(model: Pick<RuleSubject, 'layers'>, ranges: ModelRanges, sink: DiagnosticSink): void {
  model.layers.forEach((layer, index) => {
    if (layer.activation !== 'softmax' || index === model.layers.length - 1) return;
    sink.error('softmax-not-last', rangeOf(ranges, `layers.${index}.activation`),
      `"softmax" is only valid on the output layer, but layer ${index + 1} of ${model.layers.length} is hidden; ` +
      'use "relu" or "tanh" here and keep "softmax" for the last layer.');
  });
  const output = model.layers[model.layers.length - 1];
  if (output?.activation === 'softmax' && output.units === 1) {
    sink.warning('softmax-single-unit', rangeOf(ranges, `layers.${model.layers.length - 1}.units`),
      'A softmax over 1 unit always outputs 1, so nothing can be learned; use 2 or more units, ' +
      'or 1 "sigmoid" unit with "binary_cross_entropy".');
  }
}

const LOSS_OUTPUT: Partial<Record<LossName, { activation: ActivationName; alternative: string }>> = {
  cross_entropy: {
    activation: 'softmax',
    alternative: 'or use "binary_cross_entropy" with a "sigmoid" output, or "mse"',
  },
  binary_cross_entropy: {
    activation: 'sigmoid',
    alternative: 'its outputs must lie in (0, 1); or use "cross_entropy" with a "softmax" output, or "mse"',
  },
};

/** Cross-entropy is defined here for softmax outputs and BCE for sigmoid outputs (docs/notation.md). */
export function checkLossMatchesOutput(model: Pick<RuleSubject, 'layers' | 'loss'>, ranges: ModelRanges, sink: DiagnosticSink): void {
  const expected = LOSS_OUTPUT[model.loss];
  const last = model.layers.length - 1;
  const output = model.layers[last];
  if (!expected || !output || output.activation === expected.activation) return;
  sink.error('loss-output-mismatch', rangeOf(ranges, `layers.${last}.activation`),
    `Loss "${model.loss}" needs a "${expected.activation}" output layer, but the last layer's activation is ` +
    `"${output.activation}". Set it to "${expected.activation}" (${expected.alternative}).`);
}

/** Activation parameters that the chosen activation ignores, and init options the initializer ignores. */
export function checkUnusedLayerOptions(model: RuleSubject, ranges: ModelRanges, sink: DiagnosticSink): void {
  const owners: ReadonlyArray<[key: string, owner: string, applies: (layer: LayerSpec) => boolean]> = [
    ['negativeSlope', 'activation "leaky_relu"', (layer) => layer.activation === 'leaky_relu'],
    ['alpha', 'activation "elu"', (layer) => layer.activation === 'elu'],
    ['beta', 'activation "softplus"', (layer) => layer.activation === 'softplus'],
    ['initRange', 'init "uniform"', (layer) => layer.init === 'uniform'],
  ];
  model.layers.forEach((layer, index) => {
    for (const [key, owner, applies] of owners) {
      const path = `layers.${index}.${key}`;
      if (!ranges.properties.has(path) || applies(layer)) continue;
      sink.warning('unused-option', keyRangeOf(ranges, path),
        `"${key}" only applies to ${owner}; layer ${index + 1} uses ${key === 'initRange' ? `init "${layer.init}"` : `"${layer.activation}"`}, so it is ignored.`);
    }
  });
}

/** Optimizer options of the other optimizer are ignored; Nesterov needs momentum (as in PyTorch). */
export function checkOptimizerOptions(model: RuleSubject, ranges: ModelRanges, sink: DiagnosticSink): void {
  const { optimizer } = model.training;
  const foreign = optimizer === 'adam' ? ['momentum', 'nesterov'] : ['beta1', 'beta2', 'epsilon'];
  for (const key of foreign) {
    const path = `training.${key}`;
    if (!ranges.properties.has(path)) continue;
    sink.warning('unused-option', keyRangeOf(ranges, path),
      `"${key}" is an option of ${optimizer === 'adam' ? '"sgd"' : '"adam"'}; with optimizer "${optimizer}" it is ignored.`);
  }
  if (optimizer === 'sgd' && model.training.nesterov && model.training.momentum === 0) {
    sink.error('nesterov-without-momentum', rangeOf(ranges, 'training.nesterov'),
      'Nesterov momentum needs "momentum" > 0 (e.g. 0.9); set "momentum" or remove "nesterov".');
  }
}

/**
 * The parameter budget (LIMITS.maxParameters). Reported on the first layer whose weights push the
 * running total over it, since that is the layer to shrink. `inputPath` says where n_0 came from.
 */
export function checkNetworkSize(input: number, model: RuleSubject, ranges: ModelRanges, sink: DiagnosticSink, inputPath: string): void {
  if (input > LIMITS.maxLayerWidth) {
    sink.error('out-of-range', rangeOf(ranges, inputPath),
      `The input width is ${formatCount(input)}; Gradient Lens allows at most ${formatCount(LIMITS.maxLayerWidth)} (LIMITS.maxLayerWidth). ` +
      'Select fewer features.');
    return;
  }
  const shapes = inferShapes({ input, layers: model.layers });
  if (shapes.totalParameters <= LIMITS.maxParameters) return;
  let runningTotal = 0;
  const culprit = shapes.layers.find((layer) => (runningTotal += layer.parameters) > LIMITS.maxParameters) ?? shapes.layers[0];
  sink.error('too-many-parameters', rangeOf(ranges, `layers.${culprit.layer - 1}.units`),
    `The network has ${formatCount(shapes.totalParameters)} parameters; Gradient Lens allows at most ` +
    `${formatCount(LIMITS.maxParameters)} (LIMITS.maxParameters). Layer ${culprit.layer} alone has ` +
    `${formatCount(culprit.parameters)} (W ${culprit.weightShape[0]}×${culprit.weightShape[1]}); use fewer units.`);
}

/**
 * The layer-stack rules that stay sound when other keys are invalid, so one save shows a hidden
 * softmax beside a bad "units" or learning rate instead of revealing it only after those are
 * fixed. An invalid activation reads as its default here, which neither rule can misreport: a
 * hidden default is never softmax, and an output default is the one the loss asks for.
 * (The option rules are left out: with an invalid activation or optimizer they would misreport.)
 */
export function checkLayerRulesDespiteErrors(model: Pick<RuleSubject, 'layers' | 'loss'>, ranges: ModelRanges, sink: DiagnosticSink): void {
  checkSoftmaxPlacement(model, ranges, sink);
  checkLossMatchesOutput(model, ranges, sink);
}

/** Every static rule, in the order their diagnostics should appear. */
export function checkModelRules(model: RuleSubject, ranges: ModelRanges, sink: DiagnosticSink): void {
  checkSoftmaxPlacement(model, ranges, sink);
  checkLossMatchesOutput(model, ranges, sink);
  checkUnusedLayerOptions(model, ranges, sink);
  checkOptimizerOptions(model, ranges, sink);
}
