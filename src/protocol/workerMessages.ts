/**
 * Messages between the extension host (or the CLI/bench) and the training worker: one union per
 * direction. Tensors travel as transferable buffers; snapshots are the panel's own
 * `SnapshotMessage`, so the host forwards them without reshaping.
 */
import type { Dataset } from '../core/dataset';
import type { GradientCheckReport } from '../core/gradientCheckReport';
import type { ModelSpec } from '../core/spec';
import { inputSpaceTransferables, isInputSpaceMessage, type InputSpaceMessage } from './inputSpace';
import type { Pace } from '../core/pace';
import type { RunState, SnapshotMessage } from './panelMessages';
import type { QuantityName } from '../core/snapshot';
import { scalarBuffers, type StepScalarsMessage } from './stepScalars';

/** What the worker copies out at snapshot time. */
export interface StreamSettings {
  /** Snapshots per second at most, in [LIMITS.minSnapshotRate, LIMITS.maxSnapshotRate] (core/snapshotRate.ts). */
  readonly rate: number;
  /** Quantities to copy for every streamed layer (statistics are always sent). */
  readonly quantities: readonly QuantityName[];
  /** 1-based layers whose tensors to copy (empty: none, e.g. every card collapsed), or `'all'`. */
  readonly layers: readonly number[] | 'all';
  /** Batch row whose per-sample vectors the consumer shows (clamped to the batch). */
  readonly sample: number;
  /**
   * The panel shows the input-space view: send prediction grids (or first-layer images) with
   * snapshots, at most INPUT_SPACE_LIMITS.maxRate per second. Absent: off.
   */
  readonly inputSpace?: boolean;
  /** How fast a run trains (Step commands are never paced). Absent: full speed, as the CLI and the bench train. */
  readonly pace?: Pace;
}

/**
 * A request's id (1, 2, … per host), which the worker's reply carries back in `replyTo`. Commands
 * sent without one (the CLI, the bench) get the same replies without `replyTo`.
 */
export interface Request {
  readonly id?: number;
}

/** A worker message that may answer a request: `replyTo` is that request's `id`. */
export interface Reply {
  readonly replyTo?: number;
}

export type HostToWorkerMessage =
  | (Request & {
      readonly type: 'configure';
      readonly spec: ModelSpec;
      readonly dataset: Dataset;
      readonly stream: StreamSettings;
      /**
       * Two Int32s (INTERRUPT_SLOTS). [0]: the host sets it non-zero right before posting
       * pause/stop/step/reset…, so a long step or check can abandon itself between layers instead
       * of waiting for the message loop. [1]: the ticket of the newest gradient check the host
       * cancelled, so a cancel that overtakes its check (still queued) is not lost.
       */
      readonly interrupt: SharedArrayBuffer;
    })
  /**
   * Run commands (and `configure`, answered by the `state` that follows its `configured`). The reply to each is the `state` message that reports its effect: `training`
   * for start and resume; the resting state for pause, stop and reset, and for step once its
   * batches are done (a step first reports `paused` at the current step, without `replyTo`); the
   * current state when there was nothing to do. A command refused gets an `error` reply instead.
   */
  | (Request & { readonly type: 'start' })
  | (Request & { readonly type: 'pause' })
  | (Request & { readonly type: 'resume' })
  /** Run `count` batches, then pause (with a snapshot of the last one). */
  | (Request & { readonly type: 'step'; readonly count: number })
  | (Request & { readonly type: 'stop' })
  /** Re-initialize with the spec's seed (or this one) and go back to step 0, paused. */
  | (Request & { readonly type: 'reset'; readonly seed?: number })
  | { readonly type: 'setLearningRate'; readonly value: number }
  | { readonly type: 'setStream'; readonly stream: StreamSettings }
  /**
   * Replied to by `gradientCheck`, `gradientCheckInterrupted` or `error`. `ticket`: 1, 2, … per
   * client, filled in by TrainingWorkerClient.post.
   */
  | (Request & { readonly type: 'gradientCheck'; readonly samplesPerLayer?: number; readonly ticket?: number })
  /**
   * Abandons the running gradient check and any the host asked for before (the client records
   * their tickets in the shared buffer, which the check polls); nothing else.
   */
  | { readonly type: 'cancelGradientCheck' }
  /**
   * Serialize the batch the next step will train on, at the current parameters and before the
   * update, as a `gradient-lens/dump@1` step record (every quantity of every layer); trains nothing.
   */
  | (Request & { readonly type: 'dumpStep' })
  /** Cumulative: every snapshot up to `seq` has been consumed. */
  | { readonly type: 'ack'; readonly seq: number }
  /**
   * Tensor buffers of snapshots the host holds no more (transferred back), for the worker to fill
   * again instead of allocating; see src/worker/bufferPool.ts.
   */
  | { readonly type: 'recycle'; readonly buffers: readonly ArrayBuffer[] };

/** Int32 slots of the shared interrupt buffer: the interrupt flag, the newest cancelled check ticket. */
export const INTERRUPT_SLOTS = { flag: 0, cancelledCheck: 1, length: 2 } as const;

export type WorkerErrorCode = 'invalid-configuration' | 'not-configured' | 'non-finite' | 'out-of-memory' | 'exception' | 'bad-message';

export type WorkerToHostMessage =
  | {
      readonly type: 'configured';
      readonly parameterCount: number;
      readonly trainSamples: number;
      readonly validationSamples: number;
      readonly stepsPerEpoch: number;
      /** Which kernels run the products, e.g. `wasm-simd-f32`, `js-f64`. */
      readonly kernels: string;
    }
  | (Reply & { readonly type: 'state'; readonly state: RunState; readonly step: number; readonly epoch: number })
  | SnapshotMessage
  | StepScalarsMessage
  | {
      readonly type: 'epoch';
      readonly epoch: number;
      readonly step: number;
      readonly trainLoss: number;
      readonly trainAccuracy: number | null;
      readonly valLoss: number | null;
      readonly valAccuracy: number | null;
    }
  | (Reply & { readonly type: 'gradientCheck'; readonly report: GradientCheckReport })
  /** The check was abandoned for a command (pause, stop, cancel…); the weights are untouched. */
  | (Reply & { readonly type: 'gradientCheckInterrupted' })
  /** Answer to `dumpStep`: `record` is one element of the dump file's `steps`; `step` is its 0-based index. */
  | (Reply & { readonly type: 'stepDump'; readonly step: number; readonly record: string })
  /** The data once per configuration, then live prediction grids or first-layer images. */
  | InputSpaceMessage
  | (Reply & {
      readonly type: 'error';
      readonly code: WorkerErrorCode;
      readonly message: string;
      /** 1-based layer (0 = the loss) and quantity involved, when known. */
      readonly layer?: number;
      readonly quantity?: string;
    });

/** Buffers of a message that can be transferred rather than copied. */
export function transferablesOf(message: WorkerToHostMessage | HostToWorkerMessage): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = [];
  if (message.type === 'snapshot') {
    buffers.push(...tensorBuffersOf(message));
  } else if (message.type === 'scalars') {
    buffers.push(...scalarBuffers(message));
  } else if (message.type === 'recycle') {
    buffers.push(...message.buffers);
  } else if (isInputSpaceMessage(message)) {
    buffers.push(...inputSpaceTransferables(message));
  } else if (message.type === 'configure') {
    buffers.push(message.dataset.inputs.buffer as ArrayBuffer, message.dataset.targets.buffer as ArrayBuffer);
  }
  return buffers;
}

/** The tensor buffers of a snapshot (each tensor owns its whole buffer), none detached. */
export function tensorBuffersOf(snapshot: SnapshotMessage): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = [];
  for (const layer of snapshot.layers) {
    for (const tensor of Object.values(layer.tensors)) if (tensor && tensor.data.byteLength > 0) buffers.push(tensor.data.buffer as ArrayBuffer);
  }
  return buffers;
}
