// The engine's `Kernels` contract on WebAssembly SIMD (v128), compiled by scripts/build-wasm.mjs
// into one module whose exports are these functions and its memory. All pointers are byte offsets
// into that memory; memory.ts lays out the scratch below the arena the JS wrapper (wasmKernels.ts)
// owns. One file per family of kernels:
export { arenaBase, momentsBase } from './memory';
export { gemmNT, gemmTN, gemmNN } from './gemm/products';
export { moments, sumOfSquares } from './reductions';
export { sgdUpdate, adamUpdate } from './optimizers';
export { tanh, tanhDerivative } from './activations';
export { columnSums } from './biasGradient';
