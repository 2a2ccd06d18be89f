import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateLabelled, generateSynthetic } from '../../../src/data/synthetic';
import type { SyntheticDataSpec, SyntheticSourceName } from '../../../src/core/spec';
import { LIMITS } from '../../../src/core/limits';

const spec = (source: SyntheticSourceName, extra: Partial<SyntheticDataSpec> = {}): SyntheticDataSpec =>
  ({ source, samples: 200, noise: 0.1, classes: source === 'spirals' || source === 'gaussians' ? 3 : source === 'sine' ? 1 : 2, seed: 7, ...extra });
const bytesOf = (array: Float64Array | Float32Array): Buffer => Buffer.from(array.buffer, array.byteOffset, array.byteLength);

describe('generateSynthetic', () => {
  const sources: SyntheticSourceName[] = ['xor', 'circles', 'moons', 'spirals', 'gaussians', 'sine', 'checkerboard'];

  for (const source of sources) {
    it(`${source}: the same seed gives the same bytes, another seed different ones`, () => {
      const first = generateSynthetic(spec(source));
      const again = generateSynthetic(spec(source));
      const other = generateSynthetic(spec(source, { seed: 8 }));
      assert.ok(bytesOf(first.inputs).equals(bytesOf(again.inputs)));
      assert.ok(bytesOf(first.targets).equals(bytesOf(again.targets)));
      assert.ok(!bytesOf(first.inputs).equals(bytesOf(other.inputs)));
    });

    it(`${source}: has the requested number of finite samples`, () => {
      const data = generateSynthetic(spec(source, { samples: 123 }));
      assert.equal(data.count, 123);
      assert.equal(data.inputs.length, 123 * data.inputWidth);
      assert.equal(data.targets.length, 123 * data.targetWidth);
      assert.ok(data.inputs.every(Number.isFinite));
      assert.equal(data.inputWidth, source === 'sine' ? 1 : 2);
    });
  }

  it('balances classes: sample i has class i mod k', () => {
    const { labels } = generateLabelled(spec('spirals', { classes: 4, samples: 10 }));
    assert.deepEqual([...labels], [0, 1, 2, 3, 0, 1, 2, 3, 0, 1]);
  });

  it('xor without noise: class 1 exactly where x and y have different signs', () => {
    const { inputs, labels } = generateLabelled(spec('xor', { noise: 0 }));
    for (let i = 0; i < labels.length; i++) {
      assert.equal(labels[i], inputs[2 * i] * inputs[2 * i + 1] < 0 ? 1 : 0);
    }
  });

  it('circles without noise: class 0 on radius 1, class 1 on radius 0.5', () => {
    const { inputs, labels } = generateLabelled(spec('circles', { noise: 0 }));
    for (let i = 0; i < labels.length; i++) {
      assert.ok(Math.abs(Math.hypot(inputs[2 * i], inputs[2 * i + 1]) - (labels[i] === 0 ? 1 : 0.5)) < 1e-12);
    }
  });

  it('checkerboard without noise: class is the parity of the 4×4 cell', () => {
    const { inputs, labels } = generateLabelled(spec('checkerboard', { noise: 0 }));
    for (let i = 0; i < labels.length; i++) {
      const cell = Math.floor((inputs[2 * i] + 1) * 2) + Math.floor((inputs[2 * i + 1] + 1) * 2);
      assert.equal(labels[i], cell % 2);
    }
  });

  it('moons without noise: class 0 is the upper arc of the unit circle centred at (−0.5, −0.25)', () => {
    const { inputs, labels } = generateLabelled(spec('moons', { noise: 0 }));
    for (let i = 0; i < labels.length; i += 2) {
      assert.equal(labels[i], 0);
      assert.ok(Math.abs(Math.hypot(inputs[2 * i] + 0.5, inputs[2 * i + 1] + 0.25) - 1) < 1e-12);
      assert.ok(inputs[2 * i + 1] >= -0.25 - 1e-12);
    }
  });

  it('spirals without noise stay inside the unit disc; gaussians centre near their circle point', () => {
    const spiral = generateLabelled(spec('spirals', { noise: 0 }));
    for (let i = 0; i < spiral.labels.length; i++) assert.ok(Math.hypot(spiral.inputs[2 * i], spiral.inputs[2 * i + 1]) <= 1);
    const blobs = generateLabelled(spec('gaussians', { noise: 0, classes: 4, samples: 4000 }));
    // Class 1 of 4 is centred at angle π/2: (0, 1).
    let sx = 0, sy = 0, n = 0;
    for (let i = 1; i < blobs.labels.length; i += 4) { sx += blobs.inputs[2 * i]; sy += blobs.inputs[2 * i + 1]; n++; }
    assert.ok(Math.abs(sx / n) < 0.05 && Math.abs(sy / n - 1) < 0.05, `mean (${sx / n}, ${sy / n})`);
  });

  it('sine without noise: y = sin x with x in [−π, π], regression', () => {
    const data = generateSynthetic(spec('sine', { noise: 0 }));
    assert.equal(data.task, 'regression');
    for (let i = 0; i < data.count; i++) {
      assert.ok(Math.abs(data.inputs[i]) <= Math.PI);
      assert.equal(data.targets[i], Math.sin(data.inputs[i]));
    }
  });

  it('encodes two classes per loss: one 0/1 column for BCE and MSE, one-hot for cross-entropy', () => {
    const binary = generateSynthetic(spec('xor', { samples: 4 }), 'binary_cross_entropy');
    assert.equal(binary.targetWidth, 1);
    assert.equal(binary.task, 'binary');
    assert.deepEqual([...binary.targets], [0, 1, 0, 1]);
    assert.equal(generateSynthetic(spec('xor'), 'mse').targetWidth, 1);
    const oneHot = generateSynthetic(spec('xor', { samples: 4 }), 'cross_entropy');
    assert.equal(oneHot.targetWidth, 2);
    assert.equal(oneHot.task, 'classification');
    assert.deepEqual([...oneHot.targets], [1, 0, 0, 1, 1, 0, 0, 1]);
  });

  it('encodes k > 2 classes one-hot for every loss', () => {
    for (const loss of ['cross_entropy', 'binary_cross_entropy', 'mse'] as const) {
      const data = generateSynthetic(spec('gaussians', { classes: 5, samples: 5 }), loss);
      assert.equal(data.targetWidth, 5);
      assert.deepEqual(data.classNames, ['0', '1', '2', '3', '4']);
      assert.deepEqual([...data.targets.subarray(10, 15)], [0, 0, 1, 0, 0]);
    }
  });

  it('rejects sample counts over LIMITS.maxSamples with the limit in the message', () => {
    assert.equal(generateSynthetic(spec('xor', { samples: LIMITS.maxSamples })).count, LIMITS.maxSamples, 'the limit itself is allowed');
    assert.throws(() => generateSynthetic(spec('xor', { samples: LIMITS.maxSamples + 1 })), new RegExp(`${LIMITS.maxSamples.toLocaleString('en-US')} \\(LIMITS\\.maxSamples\\)`));
  });
});
