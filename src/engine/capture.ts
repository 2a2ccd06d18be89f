/**
 * Copying chosen per-layer tensors of a step into caller-owned Float32Arrays. A step with no
 * capture request copies nothing and runs no capture code; a request copies only the listed
 * (layer, quantity) pairs, into buffers the caller reuses from step to step.
 *
 * Every item is copied after the backward pass and before the optimizer update, so W and b are
 * the values this step's forward pass used, and dW, db are the gradients the update will apply.
 */
import { quantityShape } from '../core/shapes';
import type { RowWindow } from '../core/rowWindow';
import type { QuantityName } from '../core/snapshot';
import type { FloatArray } from './kernels/kernels';
import { perSampleDeltaScale } from './losses';
import type { LayerBuffers, Network } from './network';

export interface CaptureItem {
  /** 1-based layer index l. */
  readonly layer: number;
  readonly quantity: QuantityName;
  /**
   * Destination, at least `captureLength(...)` floats; written from index 0 in row-major order.
   * z, a, delta: [rows × n_l] (or [count × n_l] with `window`, [n_l] with `sample`);
   * dW, W: [n_l × n_{l−1}]; db, b: [n_l].
   */
  readonly target: Float32Array;
  /** For z, a, delta: copy only this row (0-based sample index within the batch). */
  readonly sample?: number;
  /** For z, a, delta: copy only these consecutive rows of the batch. */
  readonly window?: RowWindow;
}

export interface CaptureRequest {
  readonly items: readonly CaptureItem[];
  /**
   * When true, `delta` is copied as per-sample δ = B·Δ (the error term of that sample's own loss,
   * independent of the batch size); otherwise as the batch Δ = ∂L/∂Z of the batch-mean loss.
   */
  readonly perSampleDelta?: boolean;
}

/** The rows of a batch of `rows` an item selects: one row for `sample`, its `window`, else all. */
type RowSelection = Pick<CaptureItem, 'sample' | 'window'>;

/** Shape of what a capture item receives, for a batch of `rows` samples. */
export function captureShape(network: Network<FloatArray>, layer: number, quantity: QuantityName, rows: number, selection: RowSelection = {}): number[] {
  return quantityShape(quantity, layerAt(network, layer), selection.window?.count ?? rows, selection.sample);
}

/** Number of floats `captureShape` describes. */
export function captureLength(network: Network<FloatArray>, layer: number, quantity: QuantityName, rows: number, selection: RowSelection = {}): number {
  return captureShape(network, layer, quantity, rows, selection).reduce((p, d) => p * d, 1);
}

/** Performs a capture request on the network's current buffers (batch of `rows` samples). */
export function capture<T extends FloatArray>(network: Network<T>, request: CaptureRequest, rows: number): void {
  for (const item of request.items) {
    const layer = layerAt(network, item.layer);
    let source: FloatArray;
    let start = 0;
    let count: number;
    let scale = 1;
    switch (item.quantity) {
      case 'z':
      case 'a':
      case 'delta': {
        source = item.quantity === 'z' ? layer.z : item.quantity === 'a' ? layer.a : layer.delta;
        if (item.quantity === 'delta' && request.perSampleDelta) scale = perSampleDeltaScale(rows);
        const { first, count: windowRows } = selectedRows(item, rows);
        start = first * layer.units;
        count = windowRows * layer.units;
        break;
      }
      case 'W':
        source = layer.weights;
        count = layer.units * layer.inputs;
        break;
      case 'dW':
        source = layer.weightGradient;
        count = layer.units * layer.inputs;
        break;
      case 'b':
        source = layer.bias;
        count = layer.units;
        break;
      case 'db':
        source = layer.biasGradient;
        count = layer.units;
        break;
    }
    const { target } = item;
    if (target.length < count) throw new RangeError(`capture of layer ${item.layer} ${item.quantity} needs ${count} floats, target has ${target.length}`);
    if (scale === 1) {
      target.set(source.subarray(start, start + count));
    } else {
      for (let i = 0; i < count; i++) target[i] = source[start + i] * scale;
    }
  }
}

/** The rows of a batch of `rows` that item copies, refused unless they lie inside the batch. */
function selectedRows(item: CaptureItem, rows: number): RowWindow {
  if (item.sample !== undefined) {
    if (!(Number.isInteger(item.sample) && item.sample >= 0 && item.sample < rows)) throw new RangeError(`sample ${item.sample} is outside the batch of ${rows}`);
    return { first: item.sample, count: 1 };
  }
  if (item.window === undefined) return { first: 0, count: rows };
  const { first, count } = item.window;
  if (!(Number.isInteger(first) && Number.isInteger(count) && first >= 0 && count >= 1 && first + count <= rows)) {
    throw new RangeError(`rows ${first}…${first + count - 1} are outside the batch of ${rows}`);
  }
  return item.window;
}

function layerAt<T extends FloatArray>(network: Network<T>, layer: number): LayerBuffers<T> {
  const buffers = network.layers[layer - 1];
  if (!Number.isInteger(layer) || buffers === undefined) throw new RangeError(`layer ${layer} is not in 1…${network.layers.length}`);
  return buffers;
}
