// The JS reference kernels against naive triple loops, on odd sizes that exercise every tile edge.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createJsKernels } from '../../../src/engine';
import { erf } from '../../../src/core/special';
import { Random } from '../../../src/core/random';

const random = new Random(1);
const fill = (n: number): number[] => Array.from({ length: n }, () => random.uniformIn(-1, 1));

for (const precision of ['f32', 'f64'] as const) {
  test(`js kernels (${precision}): gemmNT (+bias), gemmTN, gemmNN match naive loops`, () => {
    const kernels = createJsKernels(precision);
    const tolerance = precision === 'f32' ? 1e-5 : 1e-13;
    for (const [m, n, k] of [[1, 1, 1], [5, 3, 7], [4, 8, 2], [7, 9, 13], [2, 1, 5]]) {
      const A = fill(m * k), Bnt = fill(n * k), bias = fill(n), Atn = fill(k * m), Btn = fill(k * n), Bnn = fill(k * n);
      const arena = kernels.allocate(m * k + n * k + n + k * m + 2 * k * n + 4 * m * n);
      let at = 0;
      const put = (values: number[] | number): Float32Array | Float64Array => {
        const length = typeof values === 'number' ? values : values.length;
        const view = arena.subarray(at, at + length);
        if (typeof values !== 'number') view.set(values);
        at += length;
        return view;
      };
      const a = put(A), b = put(Bnt), bi = put(bias), atn = put(Atn), btn = put(Btn), bnn = put(Bnn);
      const c1 = put(m * n), c2 = put(m * n), c3 = put(m * n), c4 = put(m * n);
      c3.fill(99); // gemmTN/gemmNN overwrite C, never accumulate into it
      kernels.gemmNT(m, n, k, a as never, b as never, c1 as never, bi as never);
      kernels.gemmNT(m, n, k, a as never, b as never, c2 as never);
      kernels.gemmTN(m, n, k, atn as never, btn as never, c3 as never);
      kernels.gemmNN(m, n, k, a as never, bnn as never, c4 as never);
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) {
          let nt = 0, tn = 0, nn = 0;
          for (let p = 0; p < k; p++) {
            nt += a[i * k + p] * b[j * k + p];
            tn += atn[p * m + i] * btn[p * n + j];
            nn += a[i * k + p] * bnn[p * n + j];
          }
          const near = (x: number, y: number): boolean => Math.abs(x - y) <= tolerance * (1 + Math.abs(y));
          assert.ok(near(c1[i * n + j], nt + bi[j]), `NT+bias ${m}x${n}x${k}`);
          assert.ok(near(c2[i * n + j], nt), `NT ${m}x${n}x${k}`);
          assert.ok(near(c3[i * n + j], tn), `TN ${m}x${n}x${k}`);
          assert.ok(near(c4[i * n + j], nn), `NN ${m}x${n}x${k}`);
        }
      }
    }
    assert.equal(kernels.name, `js-${precision}`);
    assert.ok(kernels.allocate(3) instanceof (precision === 'f32' ? Float32Array : Float64Array));
  });
}

test('erf matches tabulated values (Python math.erf) to a few ulps', () => {
  const table: [number, number][] = [
    [0, 0], [1e-10, 1.1283791670955126e-10], [0.1, 0.1124629160182849], [0.5, 0.5204998778130465],
    [1, 0.8427007929497149], [2, 0.9953222650189527], [2.9, 0.9999589021219005], [3, 0.9999779095030014],
    [3.5, 0.9999992569016276], [5, 0.9999999999984626], [-1.5, -0.9661051464753108], [-4, -0.9999999845827421],
  ];
  for (const [x, expected] of table) {
    assert.ok(Math.abs(erf(x) - expected) <= 1e-15 * Math.max(1, Math.abs(expected)) + 1e-25, `erf(${x}) = ${erf(x)}, expected ${expected}`);
  }
  assert.equal(erf(Infinity), 1);
  assert.ok(Number.isNaN(erf(Number.NaN)));
});
