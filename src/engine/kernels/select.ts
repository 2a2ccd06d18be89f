import type { Precision } from '../../core/spec';
import { createJsKernels } from './jsKernels';
import type { Kernels } from './kernels';
import { createWasmKernels } from './wasm/wasmKernels';

/** Which backend runs the products: `auto` takes WebAssembly SIMD for f32 when the runtime has it. */
export type KernelChoice = 'auto' | 'js' | 'wasm';

/**
 * A fresh kernels instance for one trainer (each owns its memory, so two trainers never share).
 * f64 always runs on the pure-TypeScript reference; f32 on WebAssembly SIMD unless told otherwise
 * or the runtime cannot compile SIMD (then the reference, which computes the same products).
 */
export function createKernels(precision: Precision, choice: KernelChoice = 'auto'): Kernels<Float32Array> | Kernels<Float64Array> {
  if (precision === 'f64' || choice === 'js') return createJsKernels(precision);
  try {
    return createWasmKernels();
  } catch (error) {
    if (choice === 'wasm') throw error;
    return createJsKernels('f32');
  }
}
