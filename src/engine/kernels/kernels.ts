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
  /** Σ(a − b)² over the first `count` values, accumulated in float64: ‖W − W_before‖². */
  squaredDistance(a: T, b: T, count: number): number;
}

/** Entries `Kernels.moments` writes: Σv, Σ(v − v₀)², Σv², min, max. */
export const MOMENTS_LENGTH = 5;
