/** The editor's pure parts: hover texts, gradient health, layer labels and the shipped templates. */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { dataHover, inputHover, layerHover, lossHover, networkHover, outputDelta, type NetworkFacts } from '../../../src/extension/editor/hoverText';
import { layerLabels } from '../../../src/extension/editor/layerLabels';
import { MODEL_TEMPLATES } from '../../../src/extension/editor/templateList';
import { staticDatasetInfo } from '../../../src/data/info';
import { inferShapes } from '../../../src/core/shapes';
import { parseModel } from '../../../src/model';
import type { ActivationName } from '../../../src/core/spec';
import { layerStats } from '../../fixtures/layerStats';

const root = resolve(__dirname, '../../../..');
const spirals: NetworkFacts = { widths: [2, 16, 16, 3], activations: ['relu', 'tanh', 'softmax'], loss: 'cross_entropy', batchSize: 32 };

describe('layer hover', () => {
  it('gives layer 2 of a 2 → 16 → 16 → 3 network its δ recursion, weight gradient and shapes', () => {
    const text = layerHover(spirals, 1);
    assert.ok(text.includes('δ⁽²⁾ [16] = f′(z⁽²⁾) [16] ⊙ W⁽³⁾ᵀ [16×3] · δ⁽³⁾ [3]'), text);
    assert.ok(text.includes('W⁽²⁾ ∈ ℝ^{16×16}'), text);
    assert.ok(text.includes('272 parameters'), text);
    assert.ok(text.includes('∂ℓ/∂W⁽²⁾ [16×16] = δ⁽²⁾ a⁽¹⁾ᵀ'), text);
    assert.ok(text.includes('∂L/∂W⁽²⁾ [16×16] = Δ⁽²⁾ᵀ A⁽¹⁾'), text);
    assert.ok(text.includes('Z⁽²⁾, A⁽²⁾, Δ⁽²⁾ ∈ ℝ^{32×16}'), text);
    assert.ok(text.includes('b⁽²⁾ ∈ ℝ¹⁶'), text);
    assert.ok(text.includes('z⁽²⁾, a⁽²⁾, δ⁽²⁾ ∈ ℝ¹⁶'), text);
    assert.match(text, /hidden layer · `tanh`/);
  });

  it('gives softmax + cross-entropy its o − t error term on the output layer', () => {
    const text = layerHover(spirals, 2);
    assert.match(text, /\*\*Layer 3 of 3\*\* · output layer/);
    assert.ok(text.includes('δ⁽³⁾ [3] = o − t'), text);
    assert.ok(text.includes('Δ⁽³⁾ [32×3] = (O − T)/32'), text);
    assert.ok(!text.includes('W⁽⁴⁾'), 'the output layer has no layer above it');
  });

  it('keeps n₀ symbolic while the data is unknown', () => {
    const text = layerHover({ ...spirals, widths: [undefined, 16, 16, 3] }, 0);
    assert.ok(text.includes('W⁽¹⁾ ∈ ℝ^{16×n₀}'), text);
    assert.ok(text.includes('16·n₀ + 16 parameters'), text);
  });
});

describe('live layer hover', () => {
  /** Layer 1 of a 2 → 4 → 1 net with this activation, live with every fraction at 25 %. */
  const liveHover = (activation: ActivationName) => layerHover(
    { widths: [2, 4, 1], activations: [activation, 'linear'], loss: 'mse', batchSize: 8 }, 0,
    { state: 'training', step: 5, epoch: 0, loss: 0.5, layers: [layerStats({ deadFraction: 0.25, saturatedFraction: 0.25 }), layerStats()], findings: [] });

  it('shows dead units for the ReLU family and saturation for sigmoid and tanh', () => {
    for (const activation of ['relu', 'leaky_relu', 'elu'] as const) {
      assert.match(liveHover(activation), /Dead units: 25.0%/, activation);
      assert.doesNotMatch(liveHover(activation), /Saturated/, activation);
    }
    for (const activation of ['sigmoid', 'tanh'] as const) {
      assert.match(liveHover(activation), /Saturated activations: 25.0%/, activation);
      assert.doesNotMatch(liveHover(activation), /Dead units/, activation);
    }
  });

  it('prints figures in the panel\'s format: exponent from 1e3 on, a real minus sign', () => {
    const text = layerHover({ widths: [2, 4, 1], activations: ['tanh', 'linear'], loss: 'mse', batchSize: 8 }, 0,
      { state: 'training', step: 5, epoch: 0, loss: 0.5, layers: [layerStats({ gradientNorm: 1234, deltaNorm: 2e-5 }), layerStats()], findings: [] });
    assert.ok(text.includes('‖∂L/∂W⁽¹⁾‖ = 1.23e3'), text);
    assert.ok(text.includes('‖Δ⁽¹⁾‖ = 2e−5'), text);
  });

  it('shows neither for gelu, softplus, softmax and linear, which the engine does not count', () => {
    for (const activation of ['gelu', 'softplus', 'softmax', 'linear'] as const) {
      const text = liveHover(activation);
      assert.match(text, /\*\*Live\*\*/, activation);
      assert.doesNotMatch(text, /Dead units|Saturated/, activation);
    }
  });
});

describe('network hover', () => {
  it('counts the parameters once n₀ is known, and leaves the count out while it is not', () => {
    // 16·2+16 + 16·16+16 + 3·16+3 = 48 + 272 + 51.
    assert.match(networkHover(spirals), /`2 → 16 → 16 → 3` · 3 layers · 371 parameters/);
    const unknown = networkHover({ ...spirals, widths: [undefined, 16, 16, 3] });
    assert.match(unknown, /`n₀ → 16 → 16 → 3` · 3 layers\n/);
    assert.ok(!unknown.includes('parameters'), unknown);
  });
});

describe('output error terms (per sample vs per batch factors)', () => {
  it('BCE and MSE divide by n_L per sample and by B·n_L per batch', () => {
    const bce = outputDelta({ widths: [2, 4], activations: ['sigmoid'], loss: 'binary_cross_entropy', batchSize: 8 });
    assert.equal(bce.perSample, 'δ⁽¹⁾ [4] = (a⁽¹⁾ − y)/4');
    assert.equal(bce.perBatch, 'Δ⁽¹⁾ [8×4] = (A⁽¹⁾ − Y)/(8·4)');
    const mse = outputDelta({ widths: [1, 32, 2], activations: ['tanh', 'sigmoid'], loss: 'mse', batchSize: 16 });
    assert.equal(mse.perSample, 'δ⁽²⁾ [2] = 2(a⁽²⁾ − y) ⊙ f′(z⁽²⁾)/2');
    assert.equal(mse.perBatch, 'Δ⁽²⁾ [16×2] = 2(A⁽²⁾ − Y) ⊙ f′(Z⁽²⁾)/(16·2)');
    const linear = outputDelta({ widths: [1, 32, 1], activations: ['tanh', 'linear'], loss: 'mse', batchSize: 16 });
    assert.equal(linear.perSample, 'δ⁽²⁾ [1] = 2(a⁽²⁾ − y)');
    assert.equal(linear.perBatch, 'Δ⁽²⁾ [16×1] = 2(A⁽²⁾ − Y)/16');
  });

  it('the loss hover carries the formula and the output term', () => {
    const text = lossHover(spirals);
    assert.ok(text.includes('L = −(1/B) Σ_b Σ_j t_bj log o_bj'), text);
    assert.ok(text.includes('nn.CrossEntropyLoss'), text);
    assert.ok(text.includes('(O − T)/32'), text);
  });
});

describe('input and data hovers', () => {
  it('input: n₀ and its origin; data: counts from the static facts', () => {
    assert.ok(inputHover(spirals, 'declared').includes('A⁽⁰⁾ = X ∈ ℝ^{32×2}'));
    const iris = staticDatasetInfo({ source: 'iris', normalize: 'standard' }, 'cross_entropy');
    const text = dataHover({ source: 'iris', normalize: 'standard' }, iris, 0.2);
    assert.match(text, /150 samples; ≈ 30 held out/);
    assert.match(text, /4 features \(`sepal_length`/);
    assert.match(text, /3 classes \(`setosa`, `versicolor`, `virginica`\) → 3 output units/);
    assert.match(dataHover({ source: 'csv', path: 'a.csv', target: 'y', normalize: 'none' }, undefined, 0.2), /once the file has been read/);
  });
});

describe('layer labels', () => {
  it('match inferShapes when n₀ is known, and stay symbolic in n₀ otherwise', () => {
    assert.deepEqual(layerLabels([2, 16, 3]), inferShapes({ input: 2, layers: [{ units: 16, activation: 'tanh' }, { units: 3, activation: 'softmax' }] }).layers.map((l) => l.label));
    assert.deepEqual(layerLabels([2, 16, 3]), ['16×2 → 16 · 48 params', '3×16 → 3 · 51 params']);
    assert.deepEqual(layerLabels([undefined, 4, 2]), ['4×n₀ → 4 · 4·n₀ + 4 params', '2×4 → 2 · 10 params']);
  });
});

describe('templates', () => {
  it('every listed template exists under templates/ and nothing unlisted ships', () => {
    const files = readdirSync(resolve(root, 'templates')).sort();
    assert.deepEqual(files, MODEL_TEMPLATES.map((template) => `${template.id}.nn.json`).sort());
  });

  for (const template of MODEL_TEMPLATES) {
    it(`${template.id}: parses to a spec with no diagnostics, no repo-relative $schema, and matches its description`, () => {
      const path = resolve(root, 'templates', `${template.id}.nn.json`);
      assert.ok(existsSync(path));
      const text = readFileSync(path, 'utf8');
      const parsed = parseModel(text);
      assert.deepEqual(parsed.diagnostics, []);
      assert.ok(parsed.spec, 'templates use synthetic or bundled data, so they are complete without loading');
      assert.ok(!text.includes('$schema'));
      const widths = template.description.match(/^[\d →]+/)?.[0].trim();
      if (widths) assert.equal(widths, [parsed.spec.input, ...parsed.spec.layers.map((layer) => layer.units)].join(' → '));
    });
  }
});
