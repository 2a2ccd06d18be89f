// The diagnosis on hand-built statistics (each threshold on both sides of its boundary) and on the
// real engine: the shipped deep-sigmoid sample vanishes in its lower layers, the bad-init deep
// ReLU sample explodes or dies, and a healthy net trains without a single finding.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { createTrainer } from '../../../src/engine';
import { diagnose, type DiagnosedLayer, type Finding } from '../../../src/insight/diagnosis';
import { PersistentFindings } from '../../../src/insight/persistence';
import { resolveModel } from '../../../src/model';
import { DEFAULT_DIAGNOSIS_THRESHOLDS, sanitizeDiagnosisThresholds, type DiagnosisThresholds } from '../../../src/core/diagnosisThresholds';
import type { ActivationName } from '../../../src/core/spec';
import type { LayerStats } from '../../../src/core/snapshot';
import { layerStats } from '../../fixtures/layerStats';
import { noFiles } from '../data/readers';

function layers(...entries: [ActivationName, Partial<LayerStats>][]): DiagnosedLayer[] {
  return entries.map(([activation, overrides], i) => ({ index: i + 1, activation, stats: layerStats(overrides) }));
}
const T: DiagnosisThresholds = { vanishingRatio: 1e-4, explodingRatio: 1e4, deadFraction: 0.5, saturatedFraction: 0.5, minUpdateRatio: 1e-5, maxUpdateRatio: 0.1, persistence: 3 };
const kinds = (findings: readonly Finding[]) => findings.map((f) => `${f.kind}@${f.layer ?? 'loss'}`);

describe('diagnosis on hand-built statistics', () => {
  it('a healthy network has no findings', () => {
    assert.deepEqual(diagnose(layers(['relu', {}], ['tanh', {}], ['softmax', {}]), undefined, T), []);
  });

  it('vanishing: below vanishingRatio × the largest later norm, and only the lower layer', () => {
    const net = (first: number) => layers(['sigmoid', { gradientNorm: first }], ['sigmoid', { gradientNorm: 1e-3 }], ['sigmoid', { gradientNorm: 1e-2 }]);
    const [finding, ...rest] = diagnose(net(0.99e-6), undefined, T);
    assert.deepEqual(rest, []);
    assert.equal(finding.kind, 'vanishing');
    assert.equal(finding.layer, 1);
    assert.equal(finding.reference, 3, 'compared with the largest later layer');
    assert.ok(Math.abs(finding.value - 0.99e-4) < 1e-12);
    assert.equal(finding.threshold, 1e-4);
    assert.equal(finding.comparison, '<');
    assert.match(finding.suggestion, /relu.*he_normal/);
    assert.deepEqual(diagnose(net(1.01e-6), undefined, T), [], 'just above the ratio is fine');
    assert.equal(diagnose(net(1e-3), undefined, { ...T, vanishingRatio: 0.5 })[0]?.kind, 'vanishing', 'the threshold is honoured');
  });

  it('exploding: above explodingRatio × the smallest positive later norm; a dead (zero) layer is no yardstick', () => {
    const net = (first: number) => layers(['relu', { gradientNorm: first }], ['relu', { gradientNorm: 0 }], ['linear', { gradientNorm: 0.1 }]);
    // Layer 2's zero gradient is itself vanishing; it must not make layer 1 look infinitely large.
    assert.deepEqual(kinds(diagnose(net(1.01e3), undefined, T)), ['exploding@1', 'vanishing@2']);
    assert.equal(diagnose(net(1.01e3), undefined, T)[0].reference, 3);
    assert.deepEqual(kinds(diagnose(net(0.99e3), undefined, T)), ['vanishing@2']);
    // The healthy top of a vanishing net is not called exploding.
    assert.deepEqual(kinds(diagnose(layers(['tanh', { gradientNorm: 1e-9 }], ['tanh', { gradientNorm: 1 }]), undefined, T)), ['vanishing@1']);
  });

  it('dead units: ReLU family only, strictly above the fraction', () => {
    assert.deepEqual(kinds(diagnose(layers(['relu', { deadFraction: 0.51 }], ['linear', {}]), undefined, T)), ['dead@1']);
    assert.deepEqual(diagnose(layers(['relu', { deadFraction: 0.5 }], ['linear', {}]), undefined, T), []);
    assert.deepEqual(kinds(diagnose(layers(['gelu', {}], ['elu', { deadFraction: 1 }]), undefined, T)), ['dead@2'], 'the output layer too');
    assert.deepEqual(diagnose(layers(['tanh', { deadFraction: 0.9 }], ['linear', {}]), undefined, T), [], 'tanh cannot die');
    const [dead] = diagnose(layers(['relu', { deadFraction: 0.75 }], ['linear', {}]), undefined, T);
    assert.match(dead.suggestion, /he_normal/);
  });

  it('saturation: hidden sigmoid/tanh only, strictly above the fraction; a confident output is fine', () => {
    assert.deepEqual(kinds(diagnose(layers(['tanh', { saturatedFraction: 0.6 }], ['sigmoid', {}]), undefined, T)), ['saturated@1']);
    assert.deepEqual(diagnose(layers(['tanh', { saturatedFraction: 0.5 }], ['sigmoid', {}]), undefined, T), []);
    assert.deepEqual(diagnose(layers(['tanh', {}], ['sigmoid', { saturatedFraction: 0.99 }]), undefined, T), []);
    assert.deepEqual(diagnose(layers(['relu', { saturatedFraction: 0.9 }], ['linear', {}]), undefined, T), []);
    assert.match(diagnose(layers(['tanh', { saturatedFraction: 0.6 }], ['sigmoid', {}]), undefined, T)[0].suggestion, /xavier/);
  });

  it('update ratio: outside [min, max]; 0 (no update yet) is no finding, nor a vanishing or dead layer\'s tiny steps', () => {
    const one = (updateRatio: number, extra: Partial<LayerStats> = {}) => kinds(diagnose(layers(['relu', { updateRatio, ...extra }], ['linear', {}]), undefined, T));
    assert.deepEqual(one(0.11), ['update-too-large@1']);
    assert.deepEqual(one(0.1), []);
    assert.deepEqual(one(1e-5), []);
    assert.deepEqual(one(0.9e-5), ['update-too-small@1']);
    assert.deepEqual(one(0), []);
    assert.deepEqual(one(1e-9, { deadFraction: 0.9 }), ['dead@1']);
    assert.deepEqual(one(1e-9, { gradientNorm: 1e-9 }), ['vanishing@1']);
    assert.match(diagnose(layers(['relu', { updateRatio: 3 }], ['linear', {}]), undefined, T)[0].suggestion, /Lower training\.learningRate/);
  });

  it('a NaN/Inf step yields only its first non-finite value, as an error', () => {
    const poisoned = layers(['relu', { gradientNorm: Number.NaN, deadFraction: 0.9 }], ['linear', { gradientNorm: Number.POSITIVE_INFINITY }]);
    const findings = diagnose(poisoned, { layer: 2, quantity: 'z', index: 4, value: Number.POSITIVE_INFINITY }, T);
    assert.deepEqual(findings.map((f) => [f.kind, f.severity, f.layer, f.quantity]), [['non-finite', 'error', 2, 'z']]);
    const loss = diagnose(poisoned, { layer: 0, quantity: 'loss', index: 0, value: Number.NaN }, T);
    assert.equal(loss[0].layer, undefined, 'the loss has no layer');
  });

  it('orders errors first, then by layer', () => {
    const findings = diagnose(layers(['relu', { deadFraction: 0.9 }], ['tanh', { saturatedFraction: 0.9, updateRatio: 0.5 }], ['sigmoid', {}]), undefined, T);
    assert.deepEqual(kinds(findings), ['dead@1', 'saturated@2', 'update-too-large@2']);
  });
});

describe('persistence', () => {
  const dead = diagnose(layers(['relu', { deadFraction: 0.9 }], ['linear', {}]), undefined, T);
  const nan = diagnose([], { layer: 0, quantity: 'loss', index: 0, value: Number.NaN }, T);

  it('shows a warning after k consecutive snapshots and hides it after k absent ones', () => {
    const tracker = new PersistentFindings(3);
    assert.deepEqual(tracker.observe(dead), []);
    assert.deepEqual(tracker.observe(dead), []);
    assert.deepEqual(kinds(tracker.observe(dead)), ['dead@1']);
    assert.deepEqual(kinds(tracker.observe([])), ['dead@1']);
    assert.deepEqual(kinds(tracker.observe([])), ['dead@1']);
    assert.deepEqual(tracker.observe([]), []);
  });

  it('an interrupted streak starts over; errors show at once; clear forgets everything', () => {
    const tracker = new PersistentFindings(2);
    tracker.observe(dead);
    tracker.observe([]);
    assert.deepEqual(tracker.observe(dead), [], 'the streak restarted');
    assert.deepEqual(kinds(tracker.observe(nan)), ['non-finite@loss'], 'the error at once; dead was not confirmed twice in a row');
    tracker.clear();
    assert.deepEqual(tracker.shown, []);
  });
});

describe('thresholds from settings', () => {
  it('keep valid values and replace invalid ones by the defaults', () => {
    const valid = { vanishingRatio: 1e-3, explodingRatio: 100, deadFraction: 0, saturatedFraction: 1, minUpdateRatio: 1e-6, maxUpdateRatio: 1, persistence: 1 };
    assert.deepEqual(sanitizeDiagnosisThresholds(valid), valid);
    const fixed = sanitizeDiagnosisThresholds({ vanishingRatio: 0, explodingRatio: 1, deadFraction: 1.5, saturatedFraction: '0.5', minUpdateRatio: -1, maxUpdateRatio: 1e-7, persistence: 2.5 });
    assert.deepEqual(fixed, DEFAULT_DIAGNOSIS_THRESHOLDS);
    assert.deepEqual(sanitizeDiagnosisThresholds({}), DEFAULT_DIAGNOSIS_THRESHOLDS);
  });

  it('package.json declares the same defaults the panel uses before the host sends any', () => {
    const manifest = JSON.parse(readFileSync(resolve(__dirname, '../../../../package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, { default: unknown }> } } };
    for (const [name, value] of Object.entries(DEFAULT_DIAGNOSIS_THRESHOLDS)) {
      assert.equal(manifest.contributes.configuration.properties[`gradientLens.diagnosis.${name}`]?.default, value, name);
    }
  });
});

describe('diagnosis on the real engine', () => {
  /** Trains a shipped sample, handing each step's statistics (with the layers' activations) to `each`. */
  async function train(sample: string, steps: number, each: (layers: DiagnosedLayer[], report: { step: number; nonFinite?: Parameters<typeof diagnose>[1] }) => boolean | void): Promise<void> {
    const resolved = await resolveModel(readFileSync(resolve(__dirname, '../../../../samples', sample), 'utf8'), noFiles);
    assert.ok(resolved.spec && resolved.dataset, resolved.diagnostics.map((d) => d.message).join('; '));
    const trainer = createTrainer(resolved.spec, resolved.dataset);
    for (let step = 1; step <= steps; step++) {
      const report = trainer.step({ stats: true });
      const diagnosed = (report.stats ?? []).map((layerStats, i) => ({ index: i + 1, activation: resolved.spec!.layers[i].activation, stats: layerStats }));
      if (each(diagnosed, report) === true) return;
    }
  }

  it('the 10-layer sigmoid net vanishes in its lower layers, shown at every step from the persistence on', async () => {
    const tracker = new PersistentFindings(DEFAULT_DIAGNOSIS_THRESHOLDS.persistence);
    await train('deep-sigmoid-vanishing.nn.json', 100, (net, report) => {
      // Independently of the ratio rule: at the start, layer 1's norm really is tiny next to layer 10's.
      if (report.step === 1) assert.ok(net[0].stats.gradientNorm < 1e-4 * net[9].stats.gradientNorm);
      const shown = tracker.observe(diagnose(net, report.nonFinite, DEFAULT_DIAGNOSIS_THRESHOLDS));
      if (report.step < DEFAULT_DIAGNOSIS_THRESHOLDS.persistence) return;
      const vanishing = shown.filter((f) => f.kind === 'vanishing').map((f) => f.layer!);
      assert.ok([1, 2, 3].every((layer) => vanishing.includes(layer)), `step ${report.step}: vanishing layers ${vanishing}`);
      assert.ok(vanishing.every((layer) => layer <= 6), `step ${report.step}: only lower layers vanish, got ${vanishing}`);
    });
  });

  it('the bad-init deep ReLU net is flagged exploding or dead on hidden layers before it diverges', async () => {
    let flagged: Finding[] = [];
    let diverged = false;
    await train('deep-relu-bad-init.nn.json', 20, (net, report) => {
      if (report.nonFinite) {
        diverged = true;
        return true;
      }
      flagged = [...flagged, ...diagnose(net, undefined, DEFAULT_DIAGNOSIS_THRESHOLDS).filter((f) => f.kind === 'exploding' || f.kind === 'dead')];
    });
    assert.ok(diverged, 'the sample diverges within 20 steps');
    assert.ok(flagged.length > 0, 'exploding or dead before the NaN');
    assert.ok(flagged.every((f) => f.layer !== undefined && f.layer < 10), kinds(flagged).join(', '));
  });

  it('the circles sample, healthy, has no findings from step 20 to 200', async () => {
    await train('circles.nn.json', 200, (net, report) => {
      if (report.step < 20) return;
      assert.deepEqual(kinds(diagnose(net, report.nonFinite, DEFAULT_DIAGNOSIS_THRESHOLDS)), [], `step ${report.step}`);
    });
  });
});
