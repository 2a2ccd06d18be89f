// Gradient of the bias: the column sums of the error matrix Δ.

/** out[j] = Σ_r m[r][j] over a rows×cols row-major matrix, row by row in f32: ∂L/∂b = 𝟙ᵀΔ. */
export function columnSums(m: usize, rows: i32, cols: i32, out: usize): void {
  const stride = <usize>cols << 2;
  let j = 0;
  const c4 = cols & ~3;
  for (; j < c4; j += 4) {
    let p = m + (<usize>j << 2);
    let acc = v128.load(p);
    for (let r = 1; r < rows; r++) {
      p += stride;
      acc = f32x4.add(acc, v128.load(p));
    }
    v128.store(out + (<usize>j << 2), acc);
  }
  for (; j < cols; j++) {
    let p = m + (<usize>j << 2);
    let acc = load<f32>(p);
    for (let r = 1; r < rows; r++) {
      p += stride;
      acc += load<f32>(p);
    }
    store<f32>(out + (<usize>j << 2), acc);
  }
}
