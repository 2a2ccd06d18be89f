// The advice names the initializer a model file would get by default, so following it never
// sends the user to an init that the defaults themselves do not use.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diagnose } from '../../../src/insight/diagnosis';
import { parseModel } from '../../../src/model';
import type { ActivationName } from '../../../src/core/spec';
import type { DiagnosisThresholds } from '../../../src/core/diagnosisThresholds';
import { layerStats } from '../../fixtures/layerStats';

const T: DiagnosisThresholds = { vanishingRatio: 1e-4, explodingRatio: 1e4, deadFraction: 0.5, saturatedFraction: 0.5, minUpdateRatio: 1e-5, maxUpdateRatio: 0.1, persistence: 3 };

/** The init the model reader gives a hidden layer of this activation when the file names none. */
function defaultInitOf(activation: ActivationName): string {
  const { spec } = parseModel(JSON.stringify({ data: { source: 'xor' }, layers: [{ units: 4, activation }, { units: 1 }] }));
  assert.ok(spec);
  return spec.layers[0].init;
}

describe('advice names the default initializer', () => {
  it('a saturated tanh layer is told the init tanh layers get by default', () => {
    const [finding] = diagnose([
      { index: 1, activation: 'tanh', stats: layerStats({ saturatedFraction: 0.9 }) },
      { index: 2, activation: 'sigmoid', stats: layerStats() },
    ], undefined, T);
    assert.equal(finding.kind, 'saturated');
    assert.ok(finding.suggestion.includes(`"init": "${defaultInitOf('tanh')}"`), finding.suggestion);
  });

  it('a vanishing sigmoid stack is pointed to relu and tanh with their default inits', () => {
    const [finding] = diagnose([
      { index: 1, activation: 'sigmoid', stats: layerStats({ gradientNorm: 1e-9 }) },
      { index: 2, activation: 'sigmoid', stats: layerStats({ gradientNorm: 1e-2 }) },
    ], undefined, T);
    assert.equal(finding.kind, 'vanishing');
    assert.ok(finding.suggestion.includes(`"activation": "relu" with "init": "${defaultInitOf('relu')}"`), finding.suggestion);
    assert.ok(finding.suggestion.includes(`tanh with "init": "${defaultInitOf('tanh')}"`), finding.suggestion);
  });

  it('a dead ReLU layer is told the He init ReLU layers get by default', () => {
    const [finding] = diagnose([
      { index: 1, activation: 'relu', stats: layerStats({ deadFraction: 0.9 }) },
      { index: 2, activation: 'linear', stats: layerStats() },
    ], undefined, T);
    assert.equal(finding.kind, 'dead');
    assert.ok(finding.suggestion.includes(`"init": "${defaultInitOf('relu')}"`), finding.suggestion);
  });
});
