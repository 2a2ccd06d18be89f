// The 4×4 transpose of f32 lanes that the packing passes use to turn rows into k-major columns.

/**
 * Transposes the 4×4 block whose rows are x0..x3 and stores its rows (the block's columns) at
 * dst, dst + stride, dst + 2·stride, dst + 3·stride: eight shuffles, no scalar moves. `dst` steps
 * by `stride` rather than adding 2·stride and 3·stride so that Binaryen folds every step into the
 * stores' immediate offsets (it rewrites `dst + 64` as `dst − (−64)`, which it then leaves alone).
 */
@inline export function storeTransposed(x0: v128, x1: v128, x2: v128, x3: v128, dst: usize, stride: usize): void {
  const t0 = v128.shuffle<f32>(x0, x1, 0, 4, 1, 5);
  const t1 = v128.shuffle<f32>(x0, x1, 2, 6, 3, 7);
  const t2 = v128.shuffle<f32>(x2, x3, 0, 4, 1, 5);
  const t3 = v128.shuffle<f32>(x2, x3, 2, 6, 3, 7);
  v128.store(dst, v128.shuffle<f32>(t0, t2, 0, 1, 4, 5));
  dst += stride;
  v128.store(dst, v128.shuffle<f32>(t0, t2, 2, 3, 6, 7));
  dst += stride;
  v128.store(dst, v128.shuffle<f32>(t1, t3, 0, 1, 4, 5));
  dst += stride;
  v128.store(dst, v128.shuffle<f32>(t1, t3, 2, 3, 6, 7));
}
