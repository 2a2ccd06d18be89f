/**
 * The hover texts of a model file as Markdown strings (no vscode, so unit tests read them):
 * shapes and backprop equations in the notation of docs/notation.md, with the file's
 * numbers substituted, and a layer's live figures when a run is going.
 */
import type { DatasetInfo } from '../../data/info';
import { FAILURE_MODE } from '../../core/activationFacts';
import { inferShapes, parameterCount } from '../../core/shapes';
import type { ActivationName, DataSpec, LossName } from '../../core/spec';
import type { LiveRun } from '../liveFigures';
import { FINDING_SETTINGS, FINDING_TITLES, measureLabel } from '../../insight/advice';
import { echoCode } from '../../host/editor/markdownEcho';
import { DERIVATIVES, dims, layerTag, realSpace, width, type Width } from '../../core/notation';
import { formatPercent, formatValue } from '../../core/numberFormat';

/** What every hover needs to know about the network. */
export interface NetworkFacts {
  /** n₀ … n_L: widths[0] is undefined until the data determines it. */
  readonly widths: readonly Width[];
  /** f₁ … f_L: activations[l − 1] is layer l's. */
  readonly activations: readonly ActivationName[];
  readonly loss: LossName;
  /** B, the mini-batch size. */
  readonly batchSize: number;
}

const code = (text: string) => `\`${text}\``;

function parameterText(units: number, inputs: Width): string {
  if (inputs === undefined) return `${units}·n₀ + ${units} parameters`;
  const count = parameterCount(units, inputs);
  return `${count.toLocaleString('en-US')} ${count === 1 ? 'parameter' : 'parameters'}`;
}

/** δ⁽ᴸ⁾ per sample and Δ⁽ᴸ⁾ per batch for the output layer (the loss table of docs/notation.md). */
export function outputDelta(facts: NetworkFacts): { perSample: string; perBatch: string; note: string } {
  const layer = facts.activations.length;
  const units = facts.widths[layer] ?? 1;
  const s = layerTag(layer);
  const batch = facts.batchSize;
  // Per-sample ℓ is defined so that L = (1/B) Σ_b ℓ_b; BCE and MSE also average over the n_L outputs.
  const overOutputs = units === 1 ? '' : `/${units}`;
  const overBatchOutputs = units === 1 ? `/${batch}` : `/(${batch}·${units})`;
  const activation = facts.activations[layer - 1];
  switch (facts.loss) {
    case 'cross_entropy':
      return {
        perSample: `δ${s} [${units}] = o − t`,
        perBatch: `Δ${s} [${dims(batch, units)}] = (O − T)/${batch}`,
        note: `o = a${s} = softmax(z${s}), t the one-hot target (soft targets: o·Σt − t).`,
      };
    case 'binary_cross_entropy':
      return {
        perSample: units === 1 ? `δ${s} [1] = a${s} − y` : `δ${s} [${units}] = (a${s} − y)${overOutputs}`,
        perBatch: `Δ${s} [${dims(batch, units)}] = (A${s} − Y)${overBatchOutputs}`,
        note: 'σ′ cancels against the derivative of the log: no f′ factor.',
      };
    case 'mse': {
      const derivative = activation === 'linear' ? '' : ` ⊙ f′(z${s})`;
      const batchDerivative = activation === 'linear' ? '' : ` ⊙ f′(Z${s})`;
      return {
        perSample: `δ${s} [${units}] = 2(a${s} − y)${derivative}${overOutputs}`,
        perBatch: `Δ${s} [${dims(batch, units)}] = 2(A${s} − Y)${batchDerivative}${overBatchOutputs}`,
        note: activation === 'linear' ? 'Linear output: f′ = 1.' : `${DERIVATIVES[activation]}.`,
      };
    }
  }
}

/** The hover of layer `index` (0-based): role, shapes, parameter count, its backprop equations. */
export function layerHover(facts: NetworkFacts, index: number, live?: LiveRun): string {
  const layer = index + 1;
  const count = facts.activations.length;
  const isOutput = layer === count;
  const units = facts.widths[layer] ?? 1;
  const inputs = facts.widths[index];
  const activation = facts.activations[index];
  const s = layerTag(layer);
  const below = layerTag(layer - 1);
  const batch = facts.batchSize;
  const lines: string[] = [
    `**Layer ${layer} of ${count}** · ${isOutput ? 'output' : 'hidden'} layer · ${code(activation)}`,
    '',
    `${code(`W${s} ∈ ${realSpace([units, inputs])}`)} · ${code(`b${s} ∈ ${realSpace([units])}`)} · ${parameterText(units, inputs)}`,
    '',
    `Per sample: ${code(`z${s}, a${s}, δ${s} ∈ ${realSpace([units])}`)} · per batch (B = ${batch}): ${code(`Z${s}, A${s}, Δ${s} ∈ ${realSpace([batch, units])}`)}`,
    '',
    `Forward: ${code(`z${s} [${units}] = W${s} [${dims(units, inputs)}] · a${below} [${width(inputs)}] + b${s} [${units}]`)}, ${code(`a${s} = ${activation}(z${s})`)}`,
    '',
    '**Backprop** (per sample)',
    '',
  ];
  if (isOutput) {
    const delta = outputDelta(facts);
    lines.push(`${code(delta.perSample)} — ${lossLabel(facts.loss)}; ${delta.note}`, '');
  } else {
    const next = layerTag(layer + 1);
    const nextUnits = facts.widths[layer + 1] ?? 1;
    lines.push(
      code(`δ${s} [${units}] = f′(z${s}) [${units}] ⊙ W${next}ᵀ [${dims(units, nextUnits)}] · δ${next} [${nextUnits}]`),
      '',
      `with ${code(DERIVATIVES[activation])}`,
      '',
    );
  }
  lines.push(
    `${code(`∂ℓ/∂W${s} [${dims(units, inputs)}] = δ${s} a${below}ᵀ`)} · ${code(`∂ℓ/∂b${s} [${units}] = δ${s}`)}`,
    '',
    `Per batch (mean loss L): ${code(`∂L/∂W${s} [${dims(units, inputs)}] = Δ${s}ᵀ A${below}`)} · ${code(`∂L/∂b${s} [${units}] = 𝟙ᵀ Δ${s}`)}` +
      (isOutput ? ` with ${code(outputDelta(facts).perBatch)}` : ''),
  );
  if (live) lines.push('', '---', '', ...liveLayerLines(live, index, facts.activations));
  return lines.join('\n');
}

function liveLayerLines(run: LiveRun, index: number, activations: readonly ActivationName[]): string[] {
  const activation = activations[index];
  const stats = run.layers[index];
  if (!stats) return [`Live (${run.state}): no figures for this layer yet.`];
  const s = layerTag(index + 1);
  const lines = [
    `**Live** · step ${run.step} · epoch ${run.epoch + 1} · loss ${formatValue(run.loss)} · ${run.state}`,
    '',
    `${code(`‖∂L/∂W${s}‖ = ${formatValue(stats.gradientNorm)}`)} · ${code(`‖Δ${s}‖ = ${formatValue(stats.deltaNorm)}`)} · ` +
      `update ratio ${code(`‖ΔW‖/‖W‖ = ${formatValue(stats.updateRatio)}`)}`,
  ];
  // Only the failure mode the engine counts for this activation; the other fraction is always 0.
  const mode = FAILURE_MODE[activation];
  if (mode === 'dead') lines.push('', `Dead units: ${formatPercent(stats.deadFraction)}`);
  else if (mode === 'saturated') lines.push('', `Saturated activations: ${formatPercent(stats.saturatedFraction)}`);
  if (!Number.isFinite(stats.gradientNorm)) {
    lines.push('', `⚠️ **Non-finite gradient** at step ${run.step}: ${code(`‖∂L/∂W${s}‖ = ${formatValue(stats.gradientNorm)}`)}.`);
  }
  // The session's findings on show, as the panel's strip and the file's warnings have them.
  for (const finding of run.findings.filter((entry) => entry.layer === index + 1)) {
    const setting = FINDING_SETTINGS[finding.kind];
    lines.push('', `⚠️ **${FINDING_TITLES[finding.kind]}**: ${measureLabel(finding)} = ${formatValue(finding.value)}, ` +
      `${finding.comparison === '<' ? 'below' : 'above'} ${setting === undefined ? '' : `${code(setting)} = `}${formatValue(finding.threshold)}. ` +
      `${finding.explanation} ${finding.suggestion}`);
  }
  return lines;
}

function lossLabel(loss: LossName): string {
  switch (loss) {
    case 'cross_entropy': return 'softmax + cross-entropy';
    case 'binary_cross_entropy': return 'sigmoid + binary cross-entropy';
    case 'mse': return 'mean squared error';
  }
}

/** `2 → 4 → 1 · 17 parameters`, or with n₀ while the data is unknown. */
export function networkHover(facts: NetworkFacts): string {
  const widths = facts.widths.map(width).join(' → ');
  const [input, ...units] = facts.widths;
  const total = input === undefined ? undefined
    : inferShapes({ input, layers: units.map((count) => ({ units: count ?? 0, activation: 'linear' })) }).totalParameters;
  return [
    `**Network** ${code(widths)} · ${facts.activations.length} layers` + (total === undefined ? '' : ` · ${total.toLocaleString('en-US')} parameters`),
    '',
    `${code('Z⁽ˡ⁾ = A⁽ˡ⁻¹⁾ W⁽ˡ⁾ᵀ + 𝟙 b⁽ˡ⁾ᵀ')}, ${code('A⁽ˡ⁾ = f_l(Z⁽ˡ⁾)')}, one sample per row (B = ${facts.batchSize}).`,
  ].join('\n');
}

/** Hover of `"input"`: n₀ and where it comes from. */
export function inputHover(facts: NetworkFacts, origin: string): string {
  const inputs = facts.widths[0];
  return [
    `**Input width** ${code(`n₀ = ${width(inputs)}`)} — ${origin}`,
    '',
    `Per sample ${code(`a⁽⁰⁾ = x ∈ ${realSpace([inputs])}`)} · per batch ${code(`A⁽⁰⁾ = X ∈ ${realSpace([facts.batchSize, inputs])}`)}; ` +
      `layer 1's ${code(`W⁽¹⁾`)} has ${width(inputs)} columns.`,
  ].join('\n');
}

/** Hover of `"loss"`: its formula (PyTorch's mean reduction) and the output layer's error term. */
export function lossHover(facts: NetworkFacts): string {
  const layer = facts.activations.length;
  const units = facts.widths[layer] ?? 1;
  const delta = outputDelta(facts);
  const formula = {
    cross_entropy: ['L = −(1/B) Σ_b Σ_j t_bj log o_bj', 'nn.CrossEntropyLoss'],
    binary_cross_entropy: ['L = −(1/(B·n_L)) Σ [y log a + (1−y) log(1−a)]', 'nn.BCELoss'],
    mse: ['L = (1/(B·n_L)) Σ (a − y)²', 'nn.MSELoss'],
  }[facts.loss];
  return [
    `**Loss** ${code(facts.loss)} — ${lossLabel(facts.loss)}, as PyTorch's ${code(formula[1])} (mean over the batch)`,
    '',
    `${code(formula[0])} with B = ${facts.batchSize}, n_L = ${units}`,
    '',
    `Output error term: per sample ${code(delta.perSample)}; per batch ${code(delta.perBatch)}`,
    '',
    delta.note,
  ].join('\n');
}

/** Hover of `"data"`: the source and what it holds. */
export function dataHover(data: DataSpec, info: DatasetInfo | undefined, validationSplit: number): string {
  const where = data.source === 'csv' ? `CSV file ${echoCode(data.path)}, target column ${echoCode(data.target)}`
    : data.source === 'idx' ? `IDX files ${echoCode(data.images)} and ${echoCode(data.labels)}`
    : data.source === 'iris' || data.source === 'digits' ? 'bundled data set'
    : 'synthetic, generated from the seed';
  const lines = [`**Data** ${code(data.source)} — ${where}`, ''];
  if (!info) {
    lines.push('Sample, feature and class counts appear once the file has been read.');
    return lines.join('\n');
  }
  // Column names and class labels come from the data file: echoed escaped and cut short.
  const features = info.featureNames?.length ? ` (${info.featureNames.slice(0, 8).map(echoCode).join(', ')}${info.featureNames.length > 8 ? ', …' : ''})` : '';
  lines.push(`- ${info.count.toLocaleString('en-US')} samples; ≈ ${Math.round(info.count * validationSplit).toLocaleString('en-US')} held out for validation (${code(`validationSplit = ${validationSplit}`)})`);
  lines.push(`- ${info.inputWidth} features${features} → ${code(`n₀ = ${info.inputWidth}`)}`);
  if (info.task === 'regression') lines.push(`- regression, ${info.targetWidth} target ${info.targetWidth === 1 ? 'value' : 'values'}`);
  else lines.push(`- ${info.classNames?.length ?? info.targetWidth} classes${info.classNames ? ` (${info.classNames.slice(0, 10).map(echoCode).join(', ')}${info.classNames.length > 10 ? ', …' : ''})` : ''} → ${info.targetWidth} output ${info.targetWidth === 1 ? 'unit' : 'units'}`);
  if ('normalize' in data) lines.push(`- normalization: ${code(data.normalize)}`);
  return lines.join('\n');
}
