// Layout of the module's memory: the packing scratch of the dense products and the results of
// `moments` sit at the bottom, above the static data; the JS wrapper (wasmKernels.ts) owns
// everything from `arenaBase()` up. All pointers are byte offsets into the exported memory.
import { KC, MC, MR, NC, NR } from './gemm/blocking';

/** Packed block of the left operand, MC×KC floats. */
export const PACK_A: usize = (__heap_base + 63) & ~(<usize>63);
/** Packed panel of the right operand, KC×NC floats. */
export const PACK_B: usize = PACK_A + <usize>(MC * KC * 4);
/** Spilled accumulators of an edge tile, MR×NR floats. */
export const TILE: usize = PACK_B + <usize>(KC * NC * 4);
/** Results of `moments`: MOMENTS_LENGTH f64 values (8-byte aligned: TILE is 64-byte aligned). */
export const MOMENTS: usize = TILE + <usize>(MR * NR * 4);
export const MOMENTS_LENGTH: i32 = 5;
const ARENA: usize = (MOMENTS + <usize>(MOMENTS_LENGTH * 8) + 65535) & ~(<usize>65535);

/** First byte the JS side may use for matrices (64 KiB aligned, above the packing scratch). */
export function arenaBase(): usize {
  return ARENA;
}

/** Where `moments` leaves its MOMENTS_LENGTH f64 results. */
export function momentsBase(): usize {
  return MOMENTS;
}
