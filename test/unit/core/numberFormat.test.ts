// One number format for every view: the panel, the hover, the inlay hints, the editor's warnings,
// the status bar and the command line all print a figure this way.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatPercent, formatValue } from '../../../src/core/numberFormat';

describe('formatValue', () => {
  it('gives 3 significant digits without trailing zeros inside [1e−3, 1e3)', () => {
    assert.equal(formatValue(0.05), '0.05');
    assert.equal(formatValue(12.34), '12.3');
    assert.equal(formatValue(0.123456), '0.123');
    assert.equal(formatValue(0.001), '0.001');
    assert.equal(formatValue(999), '999');
    assert.equal(formatValue(0), '0');
  });

  it('switches to an exponent below 1e−3 and from 1e3 on, where the hover used to wait for 1e5', () => {
    assert.equal(formatValue(1.42e-5), '1.42e−5');
    assert.equal(formatValue(3e-9), '3e−9');
    assert.equal(formatValue(1234), '1.23e3');
    assert.equal(formatValue(25_000), '2.5e4');
  });

  it('writes negatives with a real minus sign (U+2212), in the mantissa and the exponent', () => {
    assert.equal(formatValue(-0.0142), '−0.0142');
    assert.equal(formatValue(-3e-7), '−3e−7');
    assert.ok(!formatValue(-3e-7).includes('-'));
  });

  it('names NaN and the infinities', () => {
    assert.equal(formatValue(Number.NaN), 'NaN');
    assert.equal(formatValue(Infinity), '+∞');
    assert.equal(formatValue(-Infinity), '−∞');
  });
});

describe('formatPercent', () => {
  it('gives one decimal and no space before the sign', () => {
    assert.equal(formatPercent(0.75), '75.0%');
    assert.equal(formatPercent(0.125), '12.5%');
    assert.equal(formatPercent(0.004), '0.4%');
    assert.equal(formatPercent(1), '100.0%');
  });

  it('prints a non-finite fraction as formatValue does', () => {
    assert.equal(formatPercent(Number.NaN), 'NaN');
    assert.equal(formatPercent(-Infinity), '−∞');
  });
});
