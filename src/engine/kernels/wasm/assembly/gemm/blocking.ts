// Register and cache blocking of the dense products.
//
// One register-blocked micro-kernel (MR×NR = 4×8 of C, i.e. 8 f32x4 accumulators) serves all three
// shapes; what differs is how panels of A and B are packed into the k-major layout it reads:
//   packed A micro-panel: for p in 0..kc: A'[i0+0..3][p]   (4 floats per k step)
//   packed B micro-panel: for p in 0..kc: B'[p][j0+0..7]   (8 floats per k step)
// where A' / B' are the logical left / right operands (already transposed as the op requires).
// Blocking follows Goto/BLIS: NC columns of B, KC of the shared dimension (packed B panel KC×NC
// lives in L2/L3, one KC×NR micro-panel in L1), MC rows of A (packed block MC×KC in L2).
// Small products (m·n·k ≤ SMALL_MNK) skip packing altogether (gemmDirect, gemmDotNT): for the tiny
// networks the packing passes and edge tiles cost more than the arithmetic.

export const MR: i32 = 4;
export const NR: i32 = 8;
export const KC: i32 = 256;
export const MC: i32 = 128; // multiple of MR
export const NC: i32 = 1024; // multiple of NR
/** Products with m·n·k up to this skip packing (gemmDirect). */
export const SMALL_MNK: i32 = 16384;
