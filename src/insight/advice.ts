/**
 * The words of a diagnosis finding: what went wrong (explanation) and what to change in the model
 * file (suggestion), in the notation of docs/notation.md, its title and what it measured;
 * and the one formatter that puts a finding into a line, for the panel's strip and the model
 * file's warnings alike. Numbers stay out of the advice; the formatter prints them as every view
 * does (core/numberFormat.ts).
 */
import { DEFAULT_INIT } from '../core/activationFacts';
import { formatValue } from '../core/numberFormat';
import type { ActivationName } from '../core/spec';
import type { Finding, FindingKind } from './diagnosis';

export interface Advice {
  readonly explanation: string;
  readonly suggestion: string;
}

/** `"init": "…"` as a model file writes it. */
const initKey = (activation: ActivationName) => `"init": "${DEFAULT_INIT[activation]}"`;

/**
 * The initializer that keeps the variance of a layer with this activation steady: the layer's
 * default, which a file may have overridden; both families when no layer is named (a NaN in the loss).
 */
function matchingInit(activation: ActivationName | undefined): string {
  return activation === undefined ? `the default init (${initKey('relu')} for ReLU-like layers, ${initKey('tanh')} otherwise)` : initKey(activation);
}

export function adviceFor(kind: FindingKind, activation: ActivationName | undefined, layer: number | undefined, reference: number | undefined): Advice {
  const init = matchingInit(activation);
  switch (kind) {
    case 'non-finite':
      return {
        explanation: layer === undefined ? 'The loss became NaN or ±Inf: training diverged.' : `A NaN or ±Inf appeared in layer ${layer}: training diverged.`,
        suggestion: `Lower training.learningRate (e.g. ÷10), or use ${init} if the weights start too large.`,
      };
    case 'vanishing':
      return {
        explanation: `∂L/∂W vanishes: δ shrinks on its way down from layer ${reference ?? '?'}, so this layer barely learns.`,
        suggestion: activation === 'sigmoid'
          ? `σ′ ≤ 1/4 shrinks δ at every layer: use "activation": "relu" with ${initKey('relu')} (or tanh with ${initKey('tanh')}), or fewer layers.`
          : activation === 'tanh'
            ? `tanh′ < 1 away from 0 shrinks δ at every layer: use ${initKey('tanh')}, or "activation": "relu" with ${initKey('relu')}, or fewer layers.`
            : `Check the initialization (${init}), use fewer layers, or "optimizer": "adam", which rescales small gradients.`,
      };
    case 'exploding':
      return {
        explanation: `∂L/∂W explodes: δ grows on its way down from layer ${reference ?? '?'}, so steps here are far too large.`,
        suggestion: `The weights start too large: use ${init}, or lower training.learningRate.`,
      };
    case 'dead':
      return {
        explanation: 'Most units are dead (zero for the whole batch): their f′ is 0, so no gradient passes through them.',
        suggestion: `Use ${init}, lower training.learningRate, or "activation": "leaky_relu" so units can recover.`,
      };
    case 'saturated':
      return {
        explanation: 'Most activations sit in the flat tails of f, where f′ ≈ 0 and δ vanishes.',
        suggestion: `Start with smaller weights (${init}), normalize the inputs ("normalize": "standard"), or use "activation": "relu".`,
      };
    case 'update-too-small':
      return {
        explanation: 'Each step changes W by a tiny fraction (healthy is about 1e-3): this layer learns very slowly.',
        suggestion: 'Raise training.learningRate (e.g. ×10), or try "optimizer": "adam".',
      };
    case 'update-too-large':
      return {
        explanation: 'Each step changes W by a large fraction (healthy is about 1e-3): training is unstable and may diverge.',
        suggestion: 'Lower training.learningRate (e.g. ÷10).',
      };
  }
}

/** A finding's name, as the strip, the hover and the model file's warnings title it. */
export const FINDING_TITLES: Record<FindingKind, string> = {
  'non-finite': 'NaN/Inf',
  vanishing: 'Vanishing gradient',
  exploding: 'Exploding gradient',
  dead: 'Dead units',
  saturated: 'Saturated activations',
  'update-too-small': 'Update too small',
  'update-too-large': 'Update too large',
};

/** The `gradientLens.diagnosis.*` setting each kind is judged by (NaN/Inf needs none). */
export const FINDING_SETTINGS: Record<FindingKind, string | undefined> = {
  'non-finite': undefined,
  vanishing: 'gradientLens.diagnosis.vanishingRatio',
  exploding: 'gradientLens.diagnosis.explodingRatio',
  dead: 'gradientLens.diagnosis.deadFraction',
  saturated: 'gradientLens.diagnosis.saturatedFraction',
  'update-too-small': 'gradientLens.diagnosis.minUpdateRatio',
  'update-too-large': 'gradientLens.diagnosis.maxUpdateRatio',
};

/** What a finding's value measures, in words: `‖∂L/∂W‖ ÷ layer 10's`, `dead units`, `‖ΔW‖/‖W‖`. */
export function measureLabel(finding: { readonly kind: FindingKind; readonly quantity: string; readonly reference?: number }): string {
  switch (finding.kind) {
    case 'vanishing':
    case 'exploding':
      return `‖∂L/∂W‖ ÷ layer ${finding.reference ?? '?'}'s`;
    case 'dead': return 'dead units';
    case 'saturated': return 'saturated activations';
    case 'update-too-small':
    case 'update-too-large':
      return '‖ΔW‖/‖W‖';
    case 'non-finite': return finding.quantity === 'loss' ? 'loss' : finding.quantity;
  }
}

/**
 * What a finding measured against its threshold: `‖∂L/∂W‖ ÷ layer 3's = 3.9e-4 < 1e-3`; a
 * non-finite finding has no threshold (NaN) and reads `z = NaN`.
 */
export function findingMeasure(finding: Pick<Finding, 'kind' | 'quantity' | 'reference' | 'value' | 'threshold' | 'comparison'>): string {
  const measured = `${measureLabel(finding)} = ${formatValue(finding.value)}`;
  return Number.isNaN(finding.threshold) ? measured : `${measured} ${finding.comparison} ${formatValue(finding.threshold)}`;
}

/**
 * A finding in one line, where it is, what it measured and what to do:
 * `Vanishing gradient (layer 2): ‖∂L/∂W‖ ÷ layer 3's = 3.9e-4 < 1e-3. ∂L/∂W vanishes: … Use …`
 */
export function findingMessage(finding: Finding): string {
  const where = finding.layer === undefined ? 'loss' : `layer ${finding.layer}`;
  return `${FINDING_TITLES[finding.kind]} (${where}): ${findingMeasure(finding)}. ${finding.explanation} ${finding.suggestion}`;
}
