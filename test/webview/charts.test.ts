// The charts in Chromium, read back through the test hook: loss and accuracy (training and
// validation) per step including coalesced snapshots, ‖∂L/∂W⁽ˡ⁾‖ on a log axis whose range follows
// the recent window, and the histogram of a known ∂L/∂W.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MODEL_MESSAGE, syntheticSnapshot } from '../fixtures/snapshots/mlp2-16-16-3';
import { runSnapshot } from '../fixtures/snapshots/runSeries';
import type { GradientLensTestHooks } from '../../webview/testHooks';
import { chartReadings, drawnCharts } from './support/hooks';
import { useBrowser } from './support/session';

const { panel: openPanel } = useBrowser();
const f32 = (value: number) => Math.fround(value);

test('loss and accuracy charts get every step, also the coalesced ones, with validation once present', async () => {
  const panel = await openPanel();
  const points = [1, 2, 3, 4, 5].map((step) => ({
    step, loss: 1 / step, accuracy: step / 10, norms: [0.1, 0.2, 0.3],
    // Validation arrives from step 3 on (e.g. evaluated every few steps).
    ...(step >= 3 ? { valLoss: 2 / step, valAccuracy: step / 20 } : {}),
  }));
  // One tick: only the last is drawn, but all five belong on the curves.
  await panel.send(MODEL_MESSAGE, ...points.map((point, i) => runSnapshot(i + 1, point)));
  const charts = await drawnCharts(panel, 5);
  assert.deepEqual(charts.loss.datasets.map((d) => d.label), ['L training', 'L validation']);
  assert.deepEqual(charts.loss.datasets[0].data, points.map((p) => [p.step, p.loss]));
  assert.deepEqual(charts.loss.datasets[1].data, [[3, 2 / 3], [4, 0.5], [5, 0.4]]);
  assert.deepEqual(charts.accuracy.datasets[0].data, points.map((p) => [p.step, p.step / 10]));
  assert.deepEqual(charts.accuracy.datasets[1].data, [[3, 0.15], [4, 0.2], [5, 0.25]]);
  assert.deepEqual([charts.accuracy.y.min, charts.accuracy.y.max], [0, 1]);
  assert.equal(await panel.page.locator('[data-chart="accuracy"]').isVisible(), true);

  // A reset (step back to 1) starts new curves instead of drawing a line back to the start.
  await panel.send(runSnapshot(6, { step: 1, loss: 0.9, norms: [0.1, 0.2, 0.3] }));
  const reset = await drawnCharts(panel, 6);
  assert.deepEqual(reset.loss.datasets[0].data, [[1, 0.9]]);
  assert.deepEqual(reset.loss.datasets[1].data, []);
  assert.deepEqual(await panel.cspViolations(), []);
  await panel.close();
});

test('pausing renders the charts still waiting from the live stream at once', async () => {
  const panel = await openPanel();
  const point = (step: number) => runSnapshot(step, { step, loss: 1 / step, norms: [0.1, 0.2, 0.3] });
  await panel.send(MODEL_MESSAGE);
  await panel.stage(point(1), point(2));
  // All inside the page, so step 2 arrives a frame or two after the charts rendered step 1 (well
  // within the 100 ms its renders then wait) with no round trip to this process in between:
  // step 1 drawn, step 2 drawn with its renders pending, pause, the frame that draws it.
  const pending = await panel.page.evaluate(async () => {
    const page = window as unknown as { __gradientLens: GradientLensTestHooks; __staged: unknown[]; __posted: { type: string; seq?: number }[] };
    const hooks = page.__gradientLens;
    const frame = () => new Promise((done) => requestAnimationFrame(done));
    const acked = (seq: number) => page.__posted.some((m) => m.type === 'ack' && (m.seq ?? -1) >= seq);
    const [first, second] = page.__staged;
    window.dispatchEvent(new MessageEvent('message', { data: first }));
    while (!acked(1) || hooks.chartsPending() > 0) await frame();
    window.dispatchEvent(new MessageEvent('message', { data: second }));
    while (!acked(2)) await frame();
    const before = hooks.chartsPending();
    window.dispatchEvent(new MessageEvent('message', { data: { type: 'state', state: 'paused' } }));
    // The panel asked for its frame first, so this callback runs after it drew.
    await frame();
    return { before, after: hooks.chartsPending() };
  });
  assert.ok(pending.before > 0, 'paced while training');
  assert.equal(pending.after, 0, 'rendered in the frame that drew the pause');
  assert.deepEqual((await chartReadings(panel)).loss.datasets[0].data.at(-1), [2, 0.5]);
  await panel.close();
});

test('‖∂L/∂W⁽ˡ⁾‖ chart: one series per layer on a logarithmic axis', async () => {
  const panel = await openPanel();
  await panel.send(MODEL_MESSAGE, ...[1, 2, 3].map((step) => runSnapshot(step, { step, loss: 1, norms: [10 ** -step, 0.5, 0] })));
  const { norms } = await drawnCharts(panel, 3);
  assert.equal(norms.y.type, 'logarithmic');
  assert.deepEqual(norms.datasets.map((d) => d.label), ['‖∂L/∂W⁽¹⁾‖', '‖∂L/∂W⁽²⁾‖', '‖∂L/∂W⁽³⁾‖']);
  assert.deepEqual(norms.datasets[0].data, [[1, 0.1], [2, 0.01], [3, 0.001]]);
  // A zero norm has no logarithm: a gap (NaN), not a point.
  assert.ok(norms.datasets[2].data.every(([, y]) => Number.isNaN(y)));
  assert.equal(norms.y.min, 1e-3);
  assert.equal(norms.y.max, 1);
  await panel.close();
});

test('‖∂L/∂W⁽ˡ⁾‖ axis follows the last 200 points: the minimum rises once tiny norms leave the window', async () => {
  const panel = await openPanel();
  const send = async (from: number, to: number, norms: (step: number) => number[]) => {
    const batch = [];
    for (let step = from; step <= to; step++) batch.push(runSnapshot(step, { step, loss: 1, norms: norms(step) }));
    await panel.send(...batch);
    return drawnCharts(panel, to);
  };
  await panel.send(MODEL_MESSAGE);
  // Early: vanishing and healthy layers side by side, 1e−8 … 1.
  const early = await send(1, 50, (step) => [1e-8 * (1 + step / 100), 1e-4, 1]);
  assert.equal(early.norms.y.min, 1e-8);
  assert.equal(early.norms.y.max, 1);
  // Later: everything within 1e−2 … 1e−1 for more than the window.
  const later = await send(51, 300, () => [0.02, 0.05, 0.09]);
  assert.ok(later.norms.y.min > early.norms.y.min, `the axis minimum should rise, got ${later.norms.y.min}`);
  assert.equal(later.norms.y.min, 1e-2);
  assert.equal(later.norms.y.max, 1e-1);
  // The history still holds the early points: only the axis forgot them.
  assert.deepEqual(later.norms.datasets[0].data[0], [1, 1e-8 * (1 + 1 / 100)]);
  assert.equal(later.norms.datasets[0].data.length, 300);
  await panel.close();
});

test('histogram of ∂L/∂W⁽¹⁾: 31 bins over a symmetric range, counts of a known tensor', async () => {
  const panel = await openPanel();
  const snapshot = syntheticSnapshot(1);
  // Layer 1's ∂L/∂W is 16×2 = 32 values: 4 × −1, 10 × 0, 6 × 0.5, 12 × 0.25.
  const values = [...Array(4).fill(-1), ...Array(10).fill(0), ...Array(6).fill(0.5), ...Array(12).fill(0.25)];
  (snapshot.layers[0].tensors.dW as unknown as { data: number[] }).data = values;
  await panel.send(MODEL_MESSAGE, snapshot);
  const charts = await drawnCharts(panel, 1);
  const histogram = charts['histogram-1'];
  assert.equal(histogram.type, 'bar');
  const counts = histogram.datasets[0].data.map(([, y]) => y);
  assert.equal(counts.length, 31);
  // Range ±1, bins of width 2/31: −1 → bin 0, 0 → bin 15 (centred on zero), 0.25 → bin 19, 0.5 → bin 23.
  const expected = new Array(31).fill(0);
  expected[0] = 4;
  expected[15] = 10;
  expected[19] = 12;
  expected[23] = 6;
  assert.deepEqual(counts, expected);
  assert.equal(histogram.datasets[0].data[15][0], 0, 'the middle bin is centred on zero');
  assert.deepEqual([histogram.x.min, histogram.x.max], [-1, 1]);
  // Layer 2 has its own histogram, of its own (planted ±0.05) range.
  assert.deepEqual([charts['histogram-2'].x.min, charts['histogram-2'].x.max], [-f32(0.05), f32(0.05)]);
  assert.equal(charts['histogram-2'].datasets[0].data.reduce((sum, [, y]) => sum + y, 0), 16 * 16);
  await panel.close();
});

test('every step of a 7 500-step run reaches the loss chart from scalars batches: 7 500 recorded, drawn downsampled with its spike', async () => {
  const panel = await openPanel();
  const steps = 7_500;
  const loss = Float32Array.from({ length: steps }, (_, i) => (i + 1 === 5_000 ? 9 : 1 / (i + 1)));
  const batch = (from: number, to: number) => ({
    type: 'scalars' as const, firstStep: from, count: to - from + 1, layers: 3,
    loss: loss.slice(from - 1, to), accuracy: new Float32Array(to - from + 1).fill(0.5),
    norms: new Float32Array((to - from + 1) * 3).fill(0.1), validation: Float64Array.of(to, 0.25, 0.75),
  });
  await panel.send(MODEL_MESSAGE, batch(1, 4_000), batch(4_001, steps), runSnapshot(1, { step: steps, loss: loss[steps - 1], norms: [0.1, 0.1, 0.1] }));
  const charts = await drawnCharts(panel, 1);
  const drawn = charts.loss.datasets[0].data;
  assert.equal(await panel.page.locator('[data-chart="loss"]').getAttribute('data-steps'), String(steps));
  assert.ok(drawn.length <= 2_001 && drawn.length >= 1_000, `${drawn.length} points drawn`);
  assert.ok(drawn.some(([x, y]) => x === 5_000 && y === 9), 'the spike at step 5 000');
  assert.deepEqual(drawn.at(-1), [steps, loss[steps - 1]], 'the curve ends at the last step');
  assert.deepEqual(charts.loss.datasets[1].data, [[4_000, 0.25], [steps, 0.25]], 'validation once per epoch end');
  assert.equal(charts.norms.datasets[0].data.at(-1)?.[0], steps);
  await panel.close();
});
