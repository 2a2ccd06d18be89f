/**
 * An estimate of what one snapshot costs the panel's heap: its tensors' bytes (exact: Float32Array
 * byteLength) plus a fixed allowance per layer and per snapshot for the statistics, headers and
 * object overhead. The timeline's byte budget is checked against this estimate.
 */
import type { SnapshotMessage } from '../../src/protocol/panelMessages';

/** A layer's LayerStats (≈ 25 numbers in nested objects), shape fields and tensor wrappers. */
export const LAYER_OVERHEAD_BYTES = 1024;
/** The run header and the message object. */
export const SNAPSHOT_OVERHEAD_BYTES = 512;

export function snapshotBytes(snapshot: SnapshotMessage): number {
  let bytes = SNAPSHOT_OVERHEAD_BYTES;
  for (const layer of snapshot.layers) {
    bytes += LAYER_OVERHEAD_BYTES;
    for (const tensor of Object.values(layer.tensors)) if (tensor !== undefined) bytes += tensor.data.byteLength;
  }
  return bytes;
}
