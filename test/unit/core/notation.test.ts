// The notation of docs/notation.md as the hover, the inlay hints and the panel write it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dims, indexLabel, layerTag, realSpace, superscript, width } from '../../../src/core/notation';

describe('notation', () => {
  it('writes superscript digits and layer tags', () => {
    assert.equal(superscript(1024), '¹⁰²⁴');
    assert.equal(layerTag(1), '⁽¹⁾');
    assert.equal(layerTag(12), '⁽¹²⁾');
  });

  it('writes ℝ shapes, dims and indices', () => {
    assert.equal(realSpace([16]), 'ℝ¹⁶');
    assert.equal(realSpace([32, 16]), 'ℝ^{32×16}');
    assert.equal(realSpace([16, undefined]), 'ℝ^{16×n₀}');
    assert.equal(realSpace([undefined]), 'ℝ^{n₀}');
    assert.equal(dims(16, 2), '16×2');
    assert.equal(indexLabel([3, 7]), '[3,7]');
  });

  it('keeps an unknown input width symbolic as n₀', () => {
    assert.equal(width(undefined), 'n₀');
    assert.equal(dims(16, undefined), '16×n₀');
  });
});
