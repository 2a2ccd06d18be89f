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
}
