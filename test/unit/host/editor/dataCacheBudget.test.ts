// The editor's data cache is bounded by bytes: least recently used data sets are dropped first,
// and the most recent one is always kept.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { datasetBytes, keysOverBudget } from '../../../../src/host/editor/dataCacheBudget';

const MIB = 1024 * 1024;

describe('keysOverBudget', () => {
  it('drops nothing while the total fits', () => {
    assert.deepEqual(keysOverBudget([['a', 100 * MIB], ['b', 100 * MIB]], 200 * MIB), []);
  });

  it('drops the oldest until the rest fit, however many entries there are', () => {
    assert.deepEqual(keysOverBudget([['a', 100 * MIB], ['b', 100 * MIB], ['c', 100 * MIB], ['d', 50 * MIB]], 200 * MIB), ['a', 'b']);
    // Twenty small data sets fit where a count limit of 16 would have dropped four.
    assert.deepEqual(keysOverBudget(Array.from({ length: 20 }, (_, i) => [`k${i}`, MIB] as const), 200 * MIB), []);
  });

  it('keeps the most recent entry even when it alone is over the limit', () => {
    assert.deepEqual(keysOverBudget([['old', MIB], ['huge', 300 * MIB]], 200 * MIB), ['old']);
  });
});

describe('datasetBytes', () => {
  it('counts the inputs and the targets', () => {
    assert.equal(datasetBytes({ inputs: new Float64Array(10), targets: new Float64Array(3) }), 80 + 24);
  });
});
