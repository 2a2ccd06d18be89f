/**
 * Rules that need the dataset's facts: widths, target kind and sample counts. Run by parseModel
 * when the source determines them statically and by validateAgainstData after loading.
 */
import { LIMITS } from '../core/limits';
import type { DatasetInfo } from '../data/info';
import type { DiagnosticSink } from './diagnostics';
import { formatCount, listNames } from '../core/messages';
import { rangeOf, type ModelRanges } from './ranges';
import { checkMemoryBudget } from './memoryBudget';
import { checkNetworkSize, type RuleSubject } from './rules';

/** Samples held out for validation: round(N · split), the split the engine applies. */
export function validationCount(count: number, validationSplit: number): number {
  return Math.round(count * validationSplit);
}

function describeColumns(info: DatasetInfo): string {
  const names = info.featureNames;
  if (!names || names.length === 0 || names.length > 6) return `${info.inputWidth} input values per sample`;
  return `${info.inputWidth} feature${info.inputWidth === 1 ? '' : 's'} (${listNames(names)})`;
}

export function checkInputWidth(model: RuleSubject, info: DatasetInfo, ranges: ModelRanges, sink: DiagnosticSink): void {
  if (model.input === undefined || model.input === info.inputWidth) return;
  sink.error('data-input-mismatch', rangeOf(ranges, 'input'),
    `"input" is ${model.input}, but the data has ${describeColumns(info)}. ` +
    `Set "input": ${info.inputWidth}, or remove "input" to take it from the data.`);
}

function describeTargets(info: DatasetInfo, loss: string): string {
  const classes = info.classNames ?? [];
  const shown = classes.length <= 10 ? ` (${listNames(classes, 10)})` : '';
  if (info.task === 'regression') return `the target has ${info.targetWidth} value${info.targetWidth === 1 ? '' : 's'} per sample`;
  if (info.task === 'binary') return `the data has 2 classes${shown}, which "${loss}" encodes as one 0/1 column`;
  return `the data has ${classes.length} classes${shown}, and "${loss}" needs one output unit per class`;
}

export function checkOutputWidth(model: RuleSubject, info: DatasetInfo, ranges: ModelRanges, sink: DiagnosticSink): void {
  const last = model.layers.length - 1;
  if (last < 0 || model.layers[last].units === info.targetWidth) return;
  sink.error('data-output-mismatch', rangeOf(ranges, `layers.${last}.units`),
    `The output layer has ${model.layers[last].units} unit${model.layers[last].units === 1 ? '' : 's'}, but ${describeTargets(info, model.loss)}: ` +
    `set "units": ${info.targetWidth}.`);
}

/** Class losses need class targets: a continuous target means the loss should be mse. */
export function checkTargetKind(model: RuleSubject, info: DatasetInfo, ranges: ModelRanges, sink: DiagnosticSink): void {
  if (info.task !== 'regression' || model.loss === 'mse') return;
  const needs = model.loss === 'binary_cross_entropy' ? '0/1 targets' : 'class labels';
  sink.error('data-output-mismatch', rangeOf(ranges, 'loss'),
    `Loss "${model.loss}" needs ${needs}, but this data's target is continuous (regression); use "loss": "mse".`);
}

export function checkSampleCounts(model: RuleSubject, info: DatasetInfo, ranges: ModelRanges, sink: DiagnosticSink): void {
  if (info.count > LIMITS.maxSamples) {
    sink.error('data-too-small', rangeOf(ranges, 'data'),
      `The data has ${formatCount(info.count)} samples; Gradient Lens allows at most ${formatCount(LIMITS.maxSamples)} (LIMITS.maxSamples). ` +
      'Use "limit" (idx) or a smaller file.');
    return;
  }
  const { validationSplit, batchSize } = model.training;
  const held = validationCount(info.count, validationSplit);
  const trainingCount = info.count - held;
  if (trainingCount < 1 || (validationSplit > 0 && held < 1)) {
    const path = ranges.properties.has('training.validationSplit') ? 'training.validationSplit' : 'data';
    sink.error('data-too-small', rangeOf(ranges, path),
      `With ${info.count} samples and "validationSplit": ${validationSplit}, the ${trainingCount < 1 ? 'training' : 'validation'} set is empty; ` +
      `use more samples${validationSplit > 0 ? ' or "validationSplit": 0' : ''}.`);
    return;
  }
  if (batchSize > trainingCount) {
    sink.warning('batch-larger-than-data', rangeOf(ranges, 'training.batchSize'),
      `"batchSize" ${batchSize} is larger than the ${trainingCount} training samples, so every batch is the whole training set; ` +
      `use "batchSize" ≤ ${trainingCount}.`);
  }
}

/** Every data rule, including the parameter budget with n_0 taken from the data when "input" is omitted. */
export function checkAgainstData(model: RuleSubject, info: DatasetInfo, ranges: ModelRanges, sink: DiagnosticSink): void {
  checkInputWidth(model, info, ranges, sink);
  checkTargetKind(model, info, ranges, sink);
  checkOutputWidth(model, info, ranges, sink);
  checkSampleCounts(model, info, ranges, sink);
  if (model.input === undefined) checkNetworkSize(info.inputWidth, model, ranges, sink, 'data');
  // Only a network within the parameter limit is worth estimating (and its message is the one to act on first).
  if (!sink.hasErrors) checkMemoryBudget(model, model.input ?? info.inputWidth, info, ranges, sink);
}
