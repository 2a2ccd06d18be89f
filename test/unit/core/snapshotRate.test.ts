import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LIMITS } from '../../../src/core/limits';
import { clampSnapshotRate, snapshotRateProblem } from '../../../src/core/snapshotRate';

describe('the snapshot rate rule', () => {
  it('accepts [LIMITS.minSnapshotRate, LIMITS.maxSnapshotRate] and names the range otherwise', () => {
    assert.equal(snapshotRateProblem(LIMITS.minSnapshotRate), undefined);
    assert.equal(snapshotRateProblem(LIMITS.maxSnapshotRate), undefined);
    for (const rate of [0, 0.5, -1, LIMITS.maxSnapshotRate + 1, Infinity, Number.NaN]) {
      assert.match(snapshotRateProblem(rate) ?? '', /in \[1, 60\] per second/, String(rate));
    }
  });

  it('clamps a finite rate into the range the rule accepts', () => {
    for (const rate of [-5, 0, 0.5, 1, 30, 60, 61, 1e9]) {
      const clamped = clampSnapshotRate(rate);
      assert.equal(snapshotRateProblem(clamped), undefined, String(rate));
      if (snapshotRateProblem(rate) === undefined) assert.equal(clamped, rate);
    }
    assert.equal(clampSnapshotRate(0.5), LIMITS.minSnapshotRate);
    assert.equal(clampSnapshotRate(61), LIMITS.maxSnapshotRate);
  });
});
