/**
 * A source of snapshots: what the session and the panel binding talk to, so neither cares where a
 * snapshot came from. The built-in training worker is one (src/extension/session/workerLink.ts);
 * a bridge from a PyTorch run is to be another. What a source must emit and take is written out in
 * docs/protocol.md, "Snapshot sources".
 */
import type { Dataset } from '../core/dataset';
import type { GradientCheckReport } from '../core/gradientCheckReport';
import type { ModelSpec } from '../core/spec';
import type { StreamSettings, WorkerToHostMessage } from '../protocol/workerMessages';
import type { SnapshotMessage } from '../protocol/panelMessages';

/**
 * The run's news a source emits, in the snapshot language (docs/protocol.md): state changes,
 * snapshots, every step's scalars, epochs, errors, and the input-space view's data and frames.
 */
export type SourceMessage = Extract<WorkerToHostMessage, { type: 'state' | 'snapshot' | 'scalars' | 'epoch' | 'error' | 'inputPoints' | 'predictionGrid' | 'firstLayerImages' }>;

/** What a configured source reports of its run. */
export type SourceDescription = Omit<Extract<WorkerToHostMessage, { type: 'configured' }>, 'type'>;

/** Where a source sends its news; `ended` once if it stops without being disposed (a crash). */
export interface SourceListener {
  message(message: SourceMessage): void;
  /** `cause` completes a sentence about the source: `exited unexpectedly (code 1)`. */
  ended(cause: string): void;
}

export interface SnapshotSource {
  /** What the user is told the source is: `the training worker`. */
  readonly label: string;
  /** The source can take commands (it has not ended or been disposed). */
  readonly alive: boolean;
  /**
   * Builds the run of `spec` on `dataset` (whose buffers may be handed over: the caller must not
   * use it afterwards) and streams as `stream` says; resolves once the source rests, paused at
   * step 0, with that `state` already emitted. Rejects with the source's reason.
   */
  configure(spec: ModelSpec, dataset: Dataset, stream: StreamSettings): Promise<SourceDescription>;
  /** Each resolves once the source emitted the state that reports the command's effect. */
  train(): Promise<void>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** Runs `count` batches and pauses; resolves when they are done. */
  step(count: number): Promise<void>;
  stop(): Promise<void>;
  /** Back to step 0 of the same run, paused. */
  reset(): Promise<void>;
  setLearningRate(value: number): void;
  /** What to copy into snapshots and how fast to train (docs/protocol.md, StreamSettings). */
  setStream(stream: StreamSettings): void;
  /** Cumulative: every snapshot up to `seq` was drawn or will not be (at most 2 may be in flight). */
  acknowledge(seq: number): void;
  /** The host holds `snapshot` no more: a source may reuse its tensors' buffers. */
  release(snapshot: SnapshotMessage): void;
  /** Central differences against ∂L/∂θ at the current weights; undefined when another command interrupted it. */
  checkGradients(samplesPerLayer: number): Promise<GradientCheckReport | undefined>;
  /** Abandons the running check (its promise settles with undefined, or its late result). */
  cancelGradientCheck(): void;
  /** Every quantity of the batch the next step trains on, as a dump step record; trains nothing. */
  dumpStep(): Promise<{ readonly step: number; readonly record: string }>;
  /** Ends the source; no `ended` is reported for it. */
  dispose(): Promise<void>;
}
