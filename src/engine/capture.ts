/**
 * Copying chosen per-layer tensors of a step into caller-owned Float32Arrays. A step with no
 * capture request copies nothing and runs no capture code; a request copies only the listed
 * (layer, quantity) pairs, into buffers the caller reuses from step to step.
 *
 * Every item is copied after the backward pass and before the optimizer update, so W and b are
 * the values this step's forward pass used, and dW, db are the gradients the update will apply.
 */
import { quantityShape } from '../core/shapes';
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
   * z, a, delta: [rows × n_l] (or [n_l] with `sample`); dW, W: [n_l × n_{l−1}]; db, b: [n_l].
   */
  readonly target: Float32Array;
  /** For z, a, delta: copy only this row (0-based sample index within the batch). */
  readonly sample?: number;
}

export interface CaptureRequest {
  readonly items: readonly CaptureItem[];
  /**
   * When true, `delta` is copied as per-sample δ = B·Δ (the error term of that sample's own loss,
   * independent of the batch size); otherwise as the batch Δ = ∂L/∂Z of the batch-mean loss.
   */
  readonly perSampleDelta?: boolean;
}

/** Shape of what a capture item receives, for a batch of `rows` samples. */
export function captureShape(network: Network<FloatArray>, layer: number, quantity: QuantityName, rows: number, sample?: number): number[] {
  return quantityShape(quantity, layerAt(network, layer), rows, sample);
}

/** Number of floats `captureShape` describes. */
export function captureLength(network: Network<FloatArray>, layer: number, quantity: QuantityName, rows: number, sample?: number): number {
  return captureShape(network, layer, quantity, rows, sample).reduce((p, d) => p * d, 1);
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
        if (item.sample !== undefined) {
          if (!(item.sample >= 0 && item.sample < rows)) throw new RangeError(`sample ${item.sample} is outside the batch of ${rows}`);
          start = item.sample * layer.units;
          count = layer.units;
        } else {
          count = rows * layer.units;
        }
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

function layerAt<T extends FloatArray>(network: Network<T>, layer: number): LayerBuffers<T> {
  const buffers = network.layers[layer - 1];
  if (!Number.isInteger(layer) || buffers === undefined) throw new RangeError(`layer ${layer} is not in 1…${network.layers.length}`);
  return buffers;
}
