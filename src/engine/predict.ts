/**
 * The network's outputs on arbitrary input rows (a prediction grid, a curve): forward passes in
 * chunks of the network's own batch buffers, so no memory is allocated per call.
 */
import type { FloatArray } from './kernels/kernels';
import type { Network } from './network';

/**
 * Fills `out` [count × n_L] with A⁽ᴸ⁾ for the input rows `inputs` [count × n_0] at the current
 * parameters. It overwrites the batch buffers (X, Z⁽ˡ⁾, A⁽ˡ⁾) but not θ or ∂L/∂θ, so call it
 * between steps, never between a step's backward pass and its update.
 */
export function predictRows(network: Network<FloatArray>, inputs: ArrayLike<number>, count: number, out: Float32Array | Float64Array): void {
  const { inputWidth, outputWidth, maxRows } = network;
  if (inputs.length < count * inputWidth) throw new RangeError(`predictRows: ${inputs.length} input values for ${count} rows of ${inputWidth}`);
  if (out.length < count * outputWidth) throw new RangeError(`predictRows: room for ${out.length} outputs, ${count * outputWidth} needed`);
  const output = network.layers[network.layers.length - 1].a;
  for (let start = 0; start < count; start += maxRows) {
    const rows = Math.min(maxRows, count - start);
    const base = start * inputWidth;
    for (let i = 0, n = rows * inputWidth; i < n; i++) network.input[i] = inputs[base + i];
    network.forward(rows);
    const outBase = start * outputWidth;
    for (let i = 0, n = rows * outputWidth; i < n; i++) out[outBase + i] = output[i];
  }
}
