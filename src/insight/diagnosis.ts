/**
 * Diagnosis: what is wrong with a network's gradients at one snapshot, as findings a learner can
 * act on. Pure (no vscode, no DOM): the panel's strip, the model file's warnings and the hover all
 * judge with this one function, so they never disagree.
 *
 * Gradient norms are compared between layers of the same step (absolute norms depend on the loss
 * scale; ratios do not). Backprop carries δ from the output down to layer 1, so both failures show
 * as a trend downward: a layer vanishes when it is far below a layer above it, and explodes when it
 * is far above one. Comparing only with later layers keeps the healthy top of a vanishing net from
 * being called "exploding" (with reciprocal thresholds, any pair that is one is also the other).
 */
import { FAILURE_MODE } from '../core/activationFacts';
import type { ActivationName } from '../core/spec';
import type { DiagnosisThresholds } from '../core/diagnosisThresholds';
import type { LayerStats, NonFiniteReport, QuantityName } from '../core/snapshot';
import { adviceFor } from './advice';

export const FINDING_KINDS = ['non-finite', 'vanishing', 'exploding', 'dead', 'saturated', 'update-too-small', 'update-too-large'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/** `error`: training cannot continue (NaN/±Inf); `warning`: it continues, badly. */
export type FindingSeverity = 'error' | 'warning';

/** What a finding measured: a LayerStats field, a ratio of gradient norms, or the quantity that went non-finite. */
export type FindingQuantity = 'gradientNormRatio' | 'deadFraction' | 'saturatedFraction' | 'updateRatio' | QuantityName | 'loss';

export interface Finding {
  readonly kind: FindingKind;
  readonly severity: FindingSeverity;
  /** 1-based layer l, or undefined when the finding is about the loss. */
  readonly layer: number | undefined;
  readonly quantity: FindingQuantity;
  /**
   * The measured value: ‖∂L/∂W⁽ˡ⁾‖ over the reference layer's (`gradientNormRatio`), a fraction of
   * units or activations, ‖ΔW‖/‖W‖, or the non-finite value itself.
   */
  readonly value: number;
  /** The threshold `value` crossed (NaN for non-finite findings, which need none). */
  readonly threshold: number;
  /** How `value` compares with `threshold`: `<` for too small, `>` for too large. */
  readonly comparison: '<' | '>';
  /** The 1-based layer a gradient-norm ratio was taken against. */
  readonly reference?: number;
  /** One line: what is wrong and why it matters, without the numbers (views print value and threshold). */
  readonly explanation: string;
  /** One line: what to change in the model file. */
  readonly suggestion: string;
}

/** What diagnose reads of layer l (1-based `index`): a snapshot's LayerSnapshot fits. */
export interface DiagnosedLayer {
  readonly index: number;
  readonly activation: ActivationName;
  readonly stats: LayerStats;
}

/** Whether units of this activation can die or saturate: the engine's own failure modes, which its statistics count. */

/** A stable identity for a finding across snapshots (kind and layer), for persistence and diffing. */
export function findingKey(finding: Pick<Finding, 'kind' | 'layer'>): string {
  return `${finding.kind}@${finding.layer ?? 'loss'}`;
}

/**
 * The findings of one snapshot, ordered by severity, then layer. A non-finite step yields only its
 * first NaN/±Inf: every other statistic of that step is poisoned by it.
 */
export function diagnose(layers: readonly DiagnosedLayer[], nonFinite: NonFiniteReport | undefined, thresholds: DiagnosisThresholds): Finding[] {
  if (nonFinite !== undefined) {
    const layer = nonFinite.layer >= 1 ? nonFinite.layer : undefined;
    const activation = layers.find((entry) => entry.index === layer)?.activation;
    return [finding('non-finite', 'error', layer, nonFinite.quantity, nonFinite.value, Number.NaN, '>', activation)];
  }
  const findings: Finding[] = [];
  const output = layers.reduce((last, entry) => Math.max(last, entry.index), 0);
  layers.forEach((entry, position) => {
    const { stats, activation, index } = entry;
    const gradient = gradientFinding(layers, position, thresholds);
    if (gradient) findings.push(gradient);
    const dead = FAILURE_MODE[activation] === 'dead' && stats.deadFraction > thresholds.deadFraction;
    if (dead) findings.push(finding('dead', 'warning', index, 'deadFraction', stats.deadFraction, thresholds.deadFraction, '>', activation));
    // A confident sigmoid output is saturated by design (and its loss's Δ = A − Y does not vanish).
    // (softmax saturates too, but it is an output layer, whose saturation is confidence)
    if (FAILURE_MODE[activation] === 'saturated' && index !== output && stats.saturatedFraction > thresholds.saturatedFraction) {
      findings.push(finding('saturated', 'warning', index, 'saturatedFraction', stats.saturatedFraction, thresholds.saturatedFraction, '>', activation));
    }
    // 0 means no update was measured: before the first step, or a layer with no gradient at all.
    const update = stats.updateRatio;
    if (update > thresholds.maxUpdateRatio) {
      findings.push(finding('update-too-large', 'warning', index, 'updateRatio', update, thresholds.maxUpdateRatio, '>', activation));
    } else if (update > 0 && update < thresholds.minUpdateRatio && gradient?.kind !== 'vanishing' && !dead) {
      // A vanishing or dead layer's tiny steps are that finding's symptom, not a second problem.
      findings.push(finding('update-too-small', 'warning', index, 'updateRatio', update, thresholds.minUpdateRatio, '<', activation));
    }
  });
  return findings.sort(compareFindings);
}

/** Vanishing or exploding ‖∂L/∂W‖ of the layer at `position`, against the layers after it. */
function gradientFinding(layers: readonly DiagnosedLayer[], position: number, thresholds: DiagnosisThresholds): Finding | undefined {
  const { index, activation, stats } = layers[position];
  const norm = stats.gradientNorm;
  if (!Number.isFinite(norm)) return undefined;
  const later = layers.slice(position + 1).filter((entry) => Number.isFinite(entry.stats.gradientNorm));
  if (later.length === 0) return undefined;
  const largest = later.reduce((best, entry) => (entry.stats.gradientNorm > best.stats.gradientNorm ? entry : best));
  if (norm < thresholds.vanishingRatio * largest.stats.gradientNorm) {
    return finding('vanishing', 'warning', index, 'gradientNormRatio', norm / largest.stats.gradientNorm, thresholds.vanishingRatio, '<', activation, largest.index);
  }
  // A zero norm (all units dead) is no yardstick for "exploding": compare with the smallest positive one.
  const positive = later.filter((entry) => entry.stats.gradientNorm > 0);
  if (positive.length === 0) return undefined;
  const smallest = positive.reduce((best, entry) => (entry.stats.gradientNorm < best.stats.gradientNorm ? entry : best));
  if (norm > thresholds.explodingRatio * smallest.stats.gradientNorm) {
    return finding('exploding', 'warning', index, 'gradientNormRatio', norm / smallest.stats.gradientNorm, thresholds.explodingRatio, '>', activation, smallest.index);
  }
  return undefined;
}

function finding(
  kind: FindingKind, severity: FindingSeverity, layer: number | undefined, quantity: FindingQuantity,
  value: number, threshold: number, comparison: '<' | '>', activation: ActivationName | undefined, reference?: number,
): Finding {
  const advice = adviceFor(kind, activation, layer, reference);
  return { kind, severity, layer, quantity, value, threshold, comparison, ...(reference === undefined ? {} : { reference }), ...advice };
}

/** Errors first, then by layer (the loss, layer 0, before layer 1). */
export function compareFindings(a: Finding, b: Finding): number {
  const rank = (finding: Finding) => (finding.severity === 'error' ? 0 : 1);
  return rank(a) - rank(b) || (a.layer ?? 0) - (b.layer ?? 0);
}
