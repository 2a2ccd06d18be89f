// The one formatter of a diagnosis finding (src/insight/advice.ts), which the panel's Diagnosis
// strip and the model file's warnings both print with: where, what was measured against which
// threshold, in every view's number style (3 significant digits, U+2212 minus in exponents), then
// the advice. Expected lines are written out here.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findingMeasure, findingMessage } from '../../../src/insight/advice';
import { diagnose, type Finding } from '../../../src/insight/diagnosis';
import { DEFAULT_DIAGNOSIS_THRESHOLDS } from '../../../src/core/diagnosisThresholds';
import type { LayerStats } from '../../../src/core/snapshot';

const summary = { mean: 0, std: 1, min: -1, max: 1 };
const stats = (overrides: Partial<LayerStats>): LayerStats => ({
  weightNorm: 1, gradientNorm: 0.1, deltaNorm: 0.1, activation: summary, delta: summary, weightGradient: summary,
  deadFraction: 0, saturatedFraction: 0, updateRatio: 1e-3, ...overrides,
});

test('a vanishing finding: the ratio against the reference layer, the threshold and the advice', () => {
  const [finding] = diagnose([
    { index: 1, activation: 'sigmoid', stats: stats({ gradientNorm: 1e-9 }) },
    { index: 2, activation: 'sigmoid', stats: stats({ gradientNorm: 1e-2 }) },
  ], undefined, DEFAULT_DIAGNOSIS_THRESHOLDS);
  assert.equal(finding.kind, 'vanishing');
  assert.equal(DEFAULT_DIAGNOSIS_THRESHOLDS.vanishingRatio, 1e-4, 'the threshold this test reads');
  assert.equal(findingMeasure(finding), '‖∂L/∂W‖ ÷ layer 2\'s = 1e−7 < 1e−4');
  assert.equal(findingMessage(finding),
    `Vanishing gradient (layer 1): ‖∂L/∂W‖ ÷ layer 2's = 1e−7 < 1e−4. ${finding.explanation} ${finding.suggestion}`);
});

test('an update that is too large reads ‖ΔW‖/‖W‖ > the limit', () => {
  const [finding] = diagnose([{ index: 1, activation: 'relu', stats: stats({ updateRatio: 0.5 }) }], undefined, DEFAULT_DIAGNOSIS_THRESHOLDS);
  assert.equal(finding.kind, 'update-too-large');
  assert.equal(DEFAULT_DIAGNOSIS_THRESHOLDS.maxUpdateRatio, 0.1, 'the threshold this test reads');
  assert.equal(findingMeasure(finding), '‖ΔW‖/‖W‖ = 0.5 > 0.1');
});

test('a non-finite finding has no threshold to print: the quantity and its value only', () => {
  const [inLayer] = diagnose([{ index: 1, activation: 'relu', stats: stats({}) }], { layer: 1, quantity: 'z', index: 3, value: Number.NaN }, DEFAULT_DIAGNOSIS_THRESHOLDS);
  assert.equal(findingMeasure(inLayer), 'z = NaN');
  assert.match(findingMessage(inLayer), /^NaN\/Inf \(layer 1\): z = NaN\. A NaN or ±Inf appeared in layer 1/);
  const [inLoss] = diagnose([{ index: 1, activation: 'relu', stats: stats({}) }], { layer: 0, quantity: 'loss', index: 0, value: Number.POSITIVE_INFINITY }, DEFAULT_DIAGNOSIS_THRESHOLDS);
  assert.equal(findingMessage(inLoss), `NaN/Inf (loss): loss = +∞. ${inLoss.explanation} ${inLoss.suggestion}`);
});

test('the measure is the message between the place and the advice', () => {
  const finding: Finding = {
    kind: 'dead', severity: 'warning', layer: 3, quantity: 'deadFraction', value: 0.75, threshold: 0.5, comparison: '>',
    explanation: 'Explained.', suggestion: 'Suggested.',
  };
  assert.equal(findingMessage(finding), 'Dead units (layer 3): dead units = 0.75 > 0.5. Explained. Suggested.');
  assert.equal(findingMeasure(finding), 'dead units = 0.75 > 0.5');
});
