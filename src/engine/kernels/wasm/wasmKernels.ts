/**
 * `wasm-simd-f32`: the engine's dense-algebra contract on WebAssembly SIMD (f32x4), compiled from
 * ./assembly by scripts/build-wasm.mjs and embedded in the bundle as bytes (esbuild `binary`
 * loader). Each instance owns one WebAssembly memory: the lower part holds the kernels' packing
 * scratch, the rest is the arena `allocate` hands out. Every matrix argument must be a view of the
 * array the latest `allocate` returned (the engine slices it with `subarray`); anything else is
 * rejected with an error instead of silently reading the wrong memory.
 *
 * Views are valid until the next `allocate`: that call re-uses the arena from its start and always
 * refreshes the memory's buffer (growing it when needed), which detaches every earlier view.
 * The output `c` must not overlap `a`, `b` or `bias`.
 *
 * No Node built-ins: this runs in the training worker and in a browser alike. `createWasmKernels`
 * compiles synchronously (the module is a few KiB, which every engine allows in a worker and Node
 * allows anywhere); `createWasmKernelsAsync` is for a browser main thread, where synchronous
 * compilation of modules above 4 KiB is refused.
 */
import { MOMENTS_LENGTH, type AdamRule, type Kernels, type SgdRule } from '../kernels';
import wasmBytes from './generated/kernels.wasm';

// The slice of the WebAssembly JS API used here, typed locally: the host tsconfig has neither the
// DOM lib nor Node's declarations of it, and a global declaration would clash where DOM is loaded.
interface WasmMemory { readonly buffer: ArrayBuffer; grow(pages: number): number }
interface WasmModule { readonly __brand?: 'WebAssembly.Module' }
interface WasmInstance { readonly exports: unknown }
interface WasmApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => WasmInstance;
  compile(bytes: Uint8Array): Promise<WasmModule>;
  instantiate(module: WasmModule, imports: object): Promise<WasmInstance>;
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

interface KernelExports {
  readonly memory: WasmMemory;
  arenaBase(): number;
  gemmNT(m: number, n: number, k: number, a: number, b: number, c: number, bias: number): void;
  gemmTN(m: number, n: number, k: number, a: number, b: number, c: number): void;
  gemmNN(m: number, n: number, k: number, a: number, b: number, c: number): void;
  momentsBase(): number;
  moments(values: number, count: number): void;
  sumOfSquares(values: number, count: number): number;
  tanh(z: number, a: number, count: number): void;
  tanhDerivative(a: number, g: number, count: number): void;
  columnSums(m: number, rows: number, cols: number, out: number): void;
  sgdUpdate(params: number, grads: number, buffer: number, count: number, learningRate: number, momentum: number, nesterov: boolean, weightDecay: number, first: boolean, measure: boolean): number;
  adamUpdate(params: number, grads: number, m: number, v: number, count: number, stepSize: number, correction2: number, beta1: number, keep1: number, beta2: number, keep2: number, epsilon: number, weightDecay: number, measure: boolean): number;
}

const PAGE_BYTES = 65536;
/** wasm32 addresses 4 GiB; engines cap memories a little lower, and `grow` reports that itself. */
const MAX_BYTES = 65536 * PAGE_BYTES;

let compiled: WasmModule | undefined;

class WasmKernels implements Kernels<Float32Array> {
  readonly name = 'wasm-simd-f32';
  private readonly exports: KernelExports;
  private readonly arenaBase: number;
  /** The memory's current buffer: only `allocate` grows memory, so this stays current between calls. */
  private buffer: ArrayBuffer;
  private readonly momentsBase: number;
  /** View of the module's `moments` results in the current buffer. */
  private momentsView: Float64Array;

  constructor(instance: WasmInstance) {
    this.exports = instance.exports as unknown as KernelExports;
    this.arenaBase = this.exports.arenaBase();
    this.momentsBase = this.exports.momentsBase();
    this.buffer = this.exports.memory.buffer;
    this.momentsView = new Float64Array(this.buffer, this.momentsBase, MOMENTS_LENGTH);
  }

  allocate(length: number): Float32Array {
    if (!Number.isInteger(length) || length < 0) throw new RangeError(`${this.name}: allocate(${length}) needs a non-negative integer length`);
    const needed = this.arenaBase + length * 4;
    if (needed > MAX_BYTES) throw new RangeError(`${this.name}: allocate(${length}) needs ${needed} bytes, beyond the 4 GiB a wasm32 memory can address`);
    const memory = this.exports.memory;
    const current = memory.buffer.byteLength;
    // grow(0) still replaces (and detaches) the buffer, so views from an earlier allocate die loudly.
    memory.grow(needed > current ? Math.ceil((needed - current) / PAGE_BYTES) : 0);
    this.buffer = memory.buffer;
    this.momentsView = new Float64Array(this.buffer, this.momentsBase, MOMENTS_LENGTH);
    const arena = new Float32Array(this.buffer, this.arenaBase, length);
    arena.fill(0);
    return arena;
  }

  gemmNT(m: number, n: number, k: number, a: Float32Array, b: Float32Array, c: Float32Array, bias?: Float32Array): void {
    this.dims('gemmNT', m, n, k);
    const biasPtr = bias === undefined ? 0 : this.ptr('gemmNT', 'bias', bias, n);
    this.exports.gemmNT(m, n, k, this.ptr('gemmNT', 'a', a, m * k), this.ptr('gemmNT', 'b', b, n * k), this.ptr('gemmNT', 'c', c, m * n), biasPtr);
  }

  gemmTN(m: number, n: number, k: number, a: Float32Array, b: Float32Array, c: Float32Array): void {
    this.dims('gemmTN', m, n, k);
    this.exports.gemmTN(m, n, k, this.ptr('gemmTN', 'a', a, k * m), this.ptr('gemmTN', 'b', b, k * n), this.ptr('gemmTN', 'c', c, m * n));
  }

  gemmNN(m: number, n: number, k: number, a: Float32Array, b: Float32Array, c: Float32Array): void {
    this.dims('gemmNN', m, n, k);
    this.exports.gemmNN(m, n, k, this.ptr('gemmNN', 'a', a, m * k), this.ptr('gemmNN', 'b', b, k * n), this.ptr('gemmNN', 'c', c, m * n));
  }

  moments(values: Float32Array, count: number, out: Float64Array): void {
    this.count('moments', count);
    if (out.length < MOMENTS_LENGTH) throw new RangeError(`${this.name}.moments: out has ${out.length} elements, needs ${MOMENTS_LENGTH}`);
    this.exports.moments(this.ptr('moments', 'values', values, count), count);
    out.set(this.momentsView);
  }

  sumOfSquares(values: Float32Array, count: number): number {
    this.count('sumOfSquares', count);
    return this.exports.sumOfSquares(this.ptr('sumOfSquares', 'values', values, count), count);
  }

  tanh(z: Float32Array, a: Float32Array, count: number): void {
    this.count('tanh', count);
    this.exports.tanh(this.ptr('tanh', 'z', z, count), this.ptr('tanh', 'a', a, count), count);
  }

  tanhDerivative(a: Float32Array, g: Float32Array, count: number): void {
    this.count('tanhDerivative', count);
    this.exports.tanhDerivative(this.ptr('tanhDerivative', 'a', a, count), this.ptr('tanhDerivative', 'g', g, count), count);
  }

  columnSums(m: Float32Array, rows: number, cols: number, out: Float32Array): void {
    this.dims('columnSums', rows, cols, 1);
    this.exports.columnSums(this.ptr('columnSums', 'm', m, rows * cols), rows, cols, this.ptr('columnSums', 'out', out, cols));
  }

  sgdUpdate(params: Float32Array, grads: Float32Array, buffer: Float32Array | undefined, count: number, rule: SgdRule, measure: boolean): number {
    this.count('sgdUpdate', count);
    const bufferPtr = buffer === undefined ? 0 : this.ptr('sgdUpdate', 'buffer', buffer, count);
    return this.exports.sgdUpdate(this.ptr('sgdUpdate', 'params', params, count), this.ptr('sgdUpdate', 'grads', grads, count), bufferPtr, count,
      rule.learningRate, rule.momentum, rule.nesterov, rule.weightDecay, rule.first, measure);
  }

  adamUpdate(params: Float32Array, grads: Float32Array, m: Float32Array, v: Float32Array, count: number, rule: AdamRule, measure: boolean): number {
    this.count('adamUpdate', count);
    // 1 − β as the reference computes it, so both backends multiply by the same float64.
    return this.exports.adamUpdate(this.ptr('adamUpdate', 'params', params, count), this.ptr('adamUpdate', 'grads', grads, count),
      this.ptr('adamUpdate', 'm', m, count), this.ptr('adamUpdate', 'v', v, count), count,
      rule.stepSize, rule.correction2, rule.beta1, 1 - rule.beta1, rule.beta2, 1 - rule.beta2, rule.epsilon, rule.weightDecay, measure);
  }

  private count(op: string, count: number): void {
    // i32 on the wasm side: below 2³¹, which any array in a wasm32 memory is.
    if (count >>> 0 !== count || count > 0x7fffffff) throw new RangeError(`${this.name}.${op}: count must be a non-negative integer below 2³¹, got ${count}`);
  }

  private dims(op: string, m: number, n: number, k: number): void {
    // `x >>> 0 === x` accepts exactly the integers 0 … 2³²−1; sizes are far below that in practice.
    if (m >>> 0 !== m || n >>> 0 !== n || k >>> 0 !== k) throw new RangeError(`${this.name}.${op}: sizes must be non-negative integers, got m=${m} n=${n} k=${k}`);
  }

  /** The byte address of `view` in module memory, after checking it lives there and is long enough. */
  private ptr(op: string, name: string, view: Float32Array, needed: number): number {
    if (view.buffer !== this.buffer) {
      throw new Error(`${this.name}.${op}: ${name} is not a view of the array the latest allocate() returned `
        + '(it lives in other memory, or an allocate() since has invalidated it)');
    }
    if (view.length < needed) throw new RangeError(`${this.name}.${op}: ${name} has ${view.length} elements, needs ${needed}`);
    return view.byteOffset;
  }
}

/** A fresh `wasm-simd-f32` backend (own memory), compiled synchronously on first use. */
export function createWasmKernels(): Kernels<Float32Array> {
  compiled ??= new wasm.Module(wasmBytes);
  return new WasmKernels(new wasm.Instance(compiled, {}));
}

/** The same, compiling asynchronously: for contexts that refuse synchronous compilation. */
export async function createWasmKernelsAsync(): Promise<Kernels<Float32Array>> {
  compiled ??= await wasm.compile(wasmBytes);
  return new WasmKernels(await wasm.instantiate(compiled, {}));
}
