// The memory budget: the estimate counted by hand for a small network, and a model over
// LIMITS.maxModelBytes refused on the key to change with the estimate and the limit.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { estimateMemory } from '../../../src/model/memoryBudget';
import { parseModel } from '../../../src/model/parse';

function draftOf(text: string) {
  const parsed = parseModel(text);
  assert.ok(parsed.draft, JSON.stringify(parsed.diagnostics));
  return parsed;
}

describe('estimateMemory', () => {
  it('counts parameters, optimizer state, batch buffers, the data set and one snapshot', () => {
    const { draft } = draftOf(JSON.stringify({
      input: 2,
      layers: [{ units: 3, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }],
      loss: 'binary_cross_entropy',
      data: { source: 'xor', samples: 10 },
      training: { optimizer: 'adam', batchSize: 4, precision: 'f64' },
    }));
    const estimate = estimateMemory(draft!, 2, { count: 10, inputWidth: 2, targetWidth: 1 });
    // P = (3·2 + 3) + (1·3 + 1) = 13; θ, ∂L/∂θ and Adam's two moments: 4·13 = 52 floats of 8 bytes.
    assert.equal(estimate.parameters, 52 * 8);
    // X and Y: 4·(2 + 1) = 12; Z, A, Δ of both layers: 4·3·3 + 4·1·3 = 48; 60 floats of 8 bytes.
    assert.equal(estimate.batch, 60 * 8);
    // 10 samples × (2 inputs + 1 target), as Float64.
    assert.equal(estimate.dataset, 30 * 8);
    // W, dW, b, db: 2·9 + 2·4 = 26; Z, A, Δ of the 4 rows: 4·3·3 + 4·1·3 = 48; 74 Float32 values.
    assert.equal(estimate.snapshot, 74 * 4);
    assert.equal(estimate.total, 52 * 8 + 60 * 8 + 30 * 8 + 74 * 4);
  });

  it('a snapshot of a large batch carries Z, A and Δ of 256 rows', () => {
    const { draft } = draftOf(JSON.stringify({
      input: 2, layers: [{ units: 1, activation: 'sigmoid' }], loss: 'binary_cross_entropy',
      data: { source: 'xor', samples: 10_000 }, training: { batchSize: 8192, precision: 'f32' },
    }));
    const estimate = estimateMemory(draft!, 2, { count: 10_000, inputWidth: 2, targetWidth: 1 });
    // W, dW (2 each), b, db (1 each) = 6, plus Z, A, Δ of the 256 rows a snapshot carries × 1 unit.
    assert.equal(estimate.snapshot, (6 + 3 * 256) * 4);
    // An f32 run stores its data as Float32: 10 000 × (2 + 1) values of 4 bytes.
    assert.equal(estimate.dataset, 30_000 * 4);
  });
});

describe('the memory budget rule', () => {
  it('refuses a wide network at a large batch on "batchSize", giving the estimate and the limit', () => {
    const text = JSON.stringify({
      input: 2, layers: [{ units: 30_000 }, { units: 300 }, { units: 1, activation: 'sigmoid' }], loss: 'binary_cross_entropy',
      data: { source: 'xor', samples: 10_000 }, training: { batchSize: 8192, precision: 'f64' },
    }, null, 1);
    const parsed = parseModel(text);
    const budget = parsed.diagnostics.filter((d) => d.code === 'over-memory-budget');
    assert.equal(budget.length, 1);
    assert.equal(text.slice(budget[0].range.offset, budget[0].range.offset + budget[0].range.length), '8192');
    assert.match(budget[0].message, /needs about \d+\.\d GiB .* the limit is 2\.0 GiB \(LIMITS\.maxModelBytes\)/);
    assert.equal(parsed.spec, undefined);
  });

  it('accepts the same network at a small batch', () => {
    const parsed = parseModel(JSON.stringify({
      input: 2, layers: [{ units: 30_000 }, { units: 300 }, { units: 1, activation: 'sigmoid' }], loss: 'binary_cross_entropy',
      data: { source: 'xor', samples: 10_000 }, training: { batchSize: 32, precision: 'f64' },
    }));
    assert.deepEqual(parsed.diagnostics.filter((d) => d.severity === 'error'), []);
    assert.ok(parsed.spec);
  });
});
