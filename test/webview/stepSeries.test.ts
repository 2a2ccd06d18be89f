// The charts' step series and its downsampler, in Node: every step counted, peaks kept through
// merging and drawing, the newest step drawn last, gaps for non-finite values, bounded memory.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { minMaxDownsample } from '../../webview/charts/minMaxDownsample';
import { StepSeries } from '../../webview/charts/stepSeries';

/** A smooth decay with one spike up at `up` and one dip down at `down`. */
const value = (step: number, up: number, down: number) => (step === up ? 50 : step === down ? -50 : Math.exp(-step / 1000));

test('a 7 500-step run: 7 500 points recorded, at most 2 per drawn group plus the newest, peaks and ends kept', () => {
  const series = new StepSeries(16_384, 1_000);
  for (let step = 1; step <= 7_500; step++) series.push(step, value(step, 4_321, 777));
  assert.equal(series.recorded, 7_500);
  const points = series.points;
  assert.ok(points.length <= 2 * 1_000 + 1, `${points.length} points drawn`);
  assert.ok(points.some((p) => p.x === 4_321 && p.y === 50), 'the one-step spike is drawn');
  assert.ok(points.some((p) => p.x === 777 && p.y === -50), 'the one-step dip is drawn');
  assert.deepEqual(points[0], { x: 1, y: Math.exp(-1 / 1000) });
  assert.equal(points.at(-1)!.x, 7_500, 'the newest step ends the curve');
  const xs = points.map((p) => p.x);
  assert.deepEqual(xs, [...xs].sort((a, b) => a - b), 'in step order');
});

test('beyond its capacity the series merges buckets, keeping every extreme and the step count', () => {
  const series = new StepSeries(64, 16);
  for (let step = 1; step <= 100_000; step++) series.push(step, value(step, 99_999, 3));
  assert.equal(series.recorded, 100_000);
  const points = series.points;
  assert.ok(points.length <= 2 * 16 + 1, `${points.length} points drawn`);
  assert.ok(points.some((p) => p.x === 99_999 && p.y === 50), 'the spike next to the end');
  assert.ok(points.some((p) => p.x === 3 && p.y === -50), 'the dip at the start');
  assert.deepEqual(points.at(-1), { x: 100_000, y: Math.exp(-100) }, 'the newest value exactly');
});

test('non-finite values are gaps; clear starts over', () => {
  const series = new StepSeries(8, 4);
  series.push(1, 1);
  series.push(2, Infinity);
  series.push(3, 0.5);
  assert.ok(series.points.some((p) => p.x === 2 && Number.isNaN(p.y)));
  assert.deepEqual(series.points.filter((p) => Number.isFinite(p.y)).map((p) => p.x), [1, 3]);
  series.clear();
  assert.equal(series.recorded, 0);
  assert.deepEqual(series.points, []);
});

test('downsampler: each group drawn as its minimum and maximum, in step order', () => {
  const ys = [3, 9, 1, 4, 4, 4, 0, 7];
  const buckets = {
    length: ys.length,
    xLo: Float64Array.from(ys, (_, i) => i), lo: Float64Array.from(ys),
    xHi: Float64Array.from(ys, (_, i) => i), hi: Float64Array.from(ys),
    gap: new Float64Array(ys.length).fill(Number.NaN),
  };
  // Groups of 4: [3, 9, 1, 4] → max 9 at 1, min 1 at 2; [4, 4, 0, 7] → min 0 at 6, max 7 at 7.
  assert.deepEqual(minMaxDownsample(buckets, 2), [{ x: 1, y: 9 }, { x: 2, y: 1 }, { x: 6, y: 0 }, { x: 7, y: 7 }]);
  assert.equal(minMaxDownsample(buckets, 8).length, 8, 'one group per bucket: every point');
});
