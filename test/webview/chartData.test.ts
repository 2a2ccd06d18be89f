// The pure parts behind the charts and the view state, in Node: histogram bins, the log axis window, the tensors each toggle needs, and stored-state parsing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { histogramOf } from '../../webview/charts/histogram';
import { windowRange } from '../../webview/charts/windowRange';
import { DEFAULT_VIEW_STATE, parseViewState, requiredQuantities } from '../../webview/viewState';

test('histogram: symmetric range from the largest |value|, NaN counted apart, +max in the last bin', () => {
  const histogram = histogramOf(Float32Array.of(-2, -1, 0, 0, 1, 2, Number.NaN, Infinity), 5);
  assert.equal(histogram.limit, 2);
  assert.equal(histogram.nonFinite, 2);
  // Bins of width 0.8 over [−2, 2]: [−2,−1.2) [−1.2,−0.4) [−0.4,0.4) [0.4,1.2) [1.2,2].
  assert.deepEqual([...histogram.counts], [1, 1, 2, 1, 1]);
  assert.equal(histogramOf(new Float32Array(3), 3).limit, 1, 'all zero: a usable range');
  assert.deepEqual([...histogramOf(new Float32Array(3), 3).counts], [0, 3, 0]);
});

test('log axis window: whole decades around the positive finite values only', () => {
  assert.deepEqual(windowRange([[{ x: 1, y: 3e-5 }, { x: 2, y: 0.2 }], [{ x: 1, y: Number.NaN }, { x: 2, y: 0 }]]), { min: 1e-5, max: 1 });
  assert.deepEqual(windowRange([[{ x: 1, y: 0.01 }]]), { min: 0.01, max: 0.1 }, 'a single exact decade still spans one');
  assert.equal(windowRange([[{ x: 1, y: 0 }]]), undefined);
});

test('toggles → tensors: the update and the histogram need ∂L/∂W, nothing else is asked for', () => {
  const none = { activations: false, delta: false, weightGradient: false, weights: false, update: false, equations: false };
  assert.deepEqual(requiredQuantities(DEFAULT_VIEW_STATE.quantities), ['a', 'delta', 'dW', 'db']);
  assert.deepEqual(requiredQuantities({ ...none, update: true }), ['dW']);
  assert.deepEqual(requiredQuantities({ ...none, weights: true, activations: true }), ['a', 'W']);
  assert.deepEqual(requiredQuantities(none), []);
  // The equations show every term of the step: z for f′(z), b for the forward pass, W⁽ˡ⁺¹⁾ for the backward one.
  assert.deepEqual(requiredQuantities({ ...none, equations: true }), ['z', 'a', 'delta', 'dW', 'db', 'W', 'b']);
});

test('stored view state: malformed fields fall back to the defaults, valid ones survive', () => {
  assert.deepEqual(parseViewState(undefined), DEFAULT_VIEW_STATE);
  const parsed = parseViewState({
    sampleIndex: 3, scaleMode: 'fixed', fixedScale: 0.2, quantities: { delta: false, weights: 'yes' },
    collapsedLayers: [2, 2, 0, 'x', 65, 3], modelUri: 'file:///m.nn.json',
  });
  assert.deepEqual(parsed, {
    sampleIndex: 3, scaleMode: 'fixed', fixedScale: 0.2,
    quantities: { ...DEFAULT_VIEW_STATE.quantities, delta: false },
    collapsedLayers: [2, 3], inputSpace: DEFAULT_VIEW_STATE.inputSpace, modelUri: 'file:///m.nn.json',
  });
  assert.deepEqual([parseViewState({ inputSpace: false }).inputSpace, parseViewState({ inputSpace: 'no' }).inputSpace], [false, DEFAULT_VIEW_STATE.inputSpace]);
  const bad = parseViewState({ sampleIndex: -1, scaleMode: 'log', fixedScale: -1 });
  assert.deepEqual([bad.sampleIndex, bad.scaleMode, bad.fixedScale], [undefined, 'card', DEFAULT_VIEW_STATE.fixedScale]);
});
