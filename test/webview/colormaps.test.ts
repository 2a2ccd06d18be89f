// The pure parts of the webview, in Node: the colour scales and the colormaps' invariants (zero
// exactly neutral, symmetric ends, byte order).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { colormapLut, colormapRgb, DIVERGING_HALF_STEPS, DIVERGING_ZERO_INDEX, packPixel } from '../../webview/colormaps';
import { lutIndex, scaleFor } from '../../webview/scale';

test('diverging scale: symmetric around zero, ignoring NaN and ±Inf', () => {
  const scale = scaleFor(Float32Array.of(-0.01, 0.03, Number.NaN, Infinity, 0), 'diverging');
  assert.deepEqual([scale.min, scale.max], [-Math.fround(0.03), Math.fround(0.03)]);
  assert.equal(lutIndex(0, scale), DIVERGING_ZERO_INDEX);
  assert.equal(lutIndex(scale.max, scale), 255);
  assert.equal(lutIndex(scale.min, scale), DIVERGING_ZERO_INDEX - DIVERGING_HALF_STEPS);
  assert.equal(lutIndex(scale.max / 2, scale) - DIVERGING_ZERO_INDEX, DIVERGING_ZERO_INDEX - lutIndex(scale.min / 2, scale));
  // An all-zero gradient still has a usable scale (and draws neutral).
  assert.deepEqual(scaleFor(new Float32Array(4), 'diverging'), { colormap: 'diverging', min: -1, max: 1 });
  assert.equal(scaleFor(Float32Array.of(0.2, 0.9), 'auto').colormap, 'sequential');
  assert.equal(scaleFor(Float32Array.of(-0.2, 0.9), 'auto').colormap, 'diverging');
});

test('diverging colormap: exact grey at zero, chroma growing with |value|, blue below and orange above', () => {
  const [r, g, b] = colormapRgb('diverging', DIVERGING_ZERO_INDEX);
  assert.ok(Math.max(r, g, b) - Math.min(r, g, b) <= 1, `neutral should be grey, got ${[r, g, b]}`);
  const spread = (rgb: readonly number[]) => Math.max(...rgb) - Math.min(...rgb);
  let previous = 0;
  for (let k = 16; k <= DIVERGING_HALF_STEPS; k += 16) {
    const above = colormapRgb('diverging', DIVERGING_ZERO_INDEX + k);
    const below = colormapRgb('diverging', DIVERGING_ZERO_INDEX - k);
    assert.ok(above[0] > above[2] && below[2] > below[0], `hues at ±${k}: ${above} / ${below}`);
    assert.ok(spread(above) > previous, `chroma must grow with |value| (step ${k})`);
    previous = spread(above);
  }
});

test('LUT pixels are in ImageData byte order (R, G, B, A in memory)', () => {
  assert.deepEqual([...new Uint8Array(Uint32Array.of(packPixel([1, 2, 3])).buffer)], [1, 2, 3, 255]);
  const lut = colormapLut('sequential');
  assert.equal(lut.length, 256);
  assert.deepEqual([...new Uint8Array(lut.buffer, 255 * 4, 4)], [0xfd, 0xe7, 0x25, 255]);
});
