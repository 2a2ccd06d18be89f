/**
 * The dense-algebra contract the engine's hot loops go through, so a WebAssembly SIMD backend
 * and the pure-TypeScript reference can be swapped and compared. All matrices are row-major and
 * passed as typed-array views; a backend may require its views to live in memory it allocated
 * (see `allocate`), which is why the engine takes every buffer of a network from one arena.
 */
export type FloatArray = Float32Array | Float64Array;

export interface Kernels<T extends FloatArray> {
  /** Backend name for reports, e.g. `js-f64`, `wasm-simd-f32`. */
  readonly name: string;
  /**
   * One zeroed buffer of `length` floats. The engine calls this once per network build and slices
   * it with `subarray`; views stay valid until the next `allocate` call (which may move memory).
   */
  allocate(length: number): T;
  /** C[m×n] = A[m×k] · B[n×k]ᵀ (+ 𝟙 biasᵀ when bias[n] is given): the forward product Z = A Wᵀ + b. */
  gemmNT(m: number, n: number, k: number, a: T, b: T, c: T, bias?: T): void;
  /** C[m×n] = A[k×m]ᵀ · B[k×n]: the weight gradient ∂L/∂W = Δᵀ A. */
  gemmTN(m: number, n: number, k: number, a: T, b: T, c: T): void;
  /** C[m×n] = A[m×k] · B[k×n]: the backward product Δ⁽ˡ⁺¹⁾ W⁽ˡ⁺¹⁾. */
  gemmNN(m: number, n: number, k: number, a: T, b: T, c: T): void;
  /**
   * One pass over the first `count` values for the per-layer statistics: writes
   * out[0] = Σv, out[1] = Σ(v − v₀)² (shifted by the first value, for a stable variance),
   * out[2] = Σv², out[3] = min, out[4] = max (MOMENTS_LENGTH entries). Sums accumulate in float64
   * (in any order); NaN and ±Inf reach every sum, so finite sums prove every value finite.
   * min/max skip NaN (`v < min`), and are +Inf/−Inf when there is no other value (count = 0).
   */
  moments(values: T, count: number, out: Float64Array): void;
  /**
   * Σv² over the first `count` values, accumulated in float64: ‖W‖² where no summary is needed.
   * NaN and ±Inf make it non-finite, so a finite result proves every value finite.
   */
  sumOfSquares(values: T, count: number): number;
  /**
   * a[i] = tanh(z[i]) over `count` values (`a` may be `z`). The reference is accurate to float64;
   * the WebAssembly f32 kernel is a rational approximation within a relative 2⁻²¹ of it.
   */
  tanh(z: T, a: T, count: number): void;
  /** g[i] ← g[i]·(1 − a[i]²) over `count` values, a = tanh(z): ∂L/∂Z from ∂L/∂A. */
  tanhDerivative(a: T, g: T, count: number): void;
  /** out[j] = Σ_r m[r, j] over the first `rows` rows of m [rows × cols]: ∂L/∂b = 𝟙ᵀΔ. */
  columnSums(m: T, rows: number, cols: number, out: T): void;
  /**
   * One torch.optim.SGD update (dampening 0) of θ = params[0, count): g ← g + λθ; with a momentum
   * buffer b (same indexing as θ; none when μ = 0) b ← g on the first step, else μ·b + g, and the
   * direction is g + μ·b (Nesterov) or b; θ ← θ − η·direction. Computed in float64 and rounded
   * once when stored, so every backend stores the same bits. Returns Σ(θ_new − θ_old)² (float64,
   * θ_new as stored) when `measure`, else 0.
   */
  sgdUpdate(params: T, grads: T, buffer: T | undefined, count: number, rule: SgdRule, measure: boolean): number;
  /**
   * One torch.optim.Adam update (amsgrad off) of θ = params[0, count) with moments m, v (same
   * indexing as θ): g ← g + λθ; m ← β₁m + (1 − β₁)g; v ← β₂v + (1 − β₂)g·g;
   * θ ← θ − (s·m)/(√v/c₂ + ε). Same arithmetic contract and result as `sgdUpdate`.
   */
  adamUpdate(params: T, grads: T, m: T, v: T, count: number, rule: AdamRule, measure: boolean): number;
}

export interface SgdRule {
  readonly learningRate: number;
  readonly momentum: number;
  readonly nesterov: boolean;
  readonly weightDecay: number;
  /** t = 1: the momentum buffer starts as the gradient. */
  readonly first: boolean;
}

export interface AdamRule {
  /** s = η/(1 − β₁ᵗ). */
  readonly stepSize: number;
  /** c₂ = √(1 − β₂ᵗ). */
  readonly correction2: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly weightDecay: number;
}

/** Entries `Kernels.moments` writes: Σv, Σ(v − v₀)², Σv², min, max. */
export const MOMENTS_LENGTH = 5;
