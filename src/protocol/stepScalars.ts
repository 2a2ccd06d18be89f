/**
 * Every step's scalars, batched: the loss, the batch accuracy and each layer's ‖∂L/∂W⁽ˡ⁾‖ of a
 * run of consecutive steps, and the validation results of the epochs that ended among them. The
 * worker sends one with every snapshot (before it) and whenever SCALAR_LIMITS.maxStepsPerMessage
 * steps have gathered, so the charts draw the whole run, not only the sampled snapshots.
 */
export interface StepScalarsMessage {
  readonly type: 'scalars';
  /** The step of index 0; index i is step `firstStep + i`. */
  readonly firstStep: number;
  /** Steps in this message. */
  readonly count: number;
  /** Layers L: `norms` holds L values per step. */
  readonly layers: number;
  /** Batch-mean loss of each step; NaN/±Inf where it diverged. */
  readonly loss: Float32Array;
  /** Batch accuracy of each step, for classification tasks. */
  readonly accuracy?: Float32Array;
  /** ‖∂L/∂W⁽ˡ⁾‖ of step i at [i·L + l − 1]. */
  readonly norms: Float32Array;
  /** Epochs that ended in these steps: (step, validation loss, validation accuracy) triples, NaN where absent. */
  readonly validation: Float64Array;
}

/** The buffers of a scalars message, to transfer rather than copy. */
export function scalarBuffers(message: StepScalarsMessage): ArrayBuffer[] {
  return [message.loss, message.norms, message.validation, ...(message.accuracy ? [message.accuracy] : [])].map((array) => array.buffer as ArrayBuffer);
}
