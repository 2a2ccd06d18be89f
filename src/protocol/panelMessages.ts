/**
 * The messages between the extension host and the Gradient Lens panel (webview): one union per
 * direction (listed in docs/protocol.md; notation: docs/notation.md). Types only, so both sides
 * share them; the host trusts nothing the webview sends and checks every message with its own
 * validator (src/host/panel/parseWebviewMessage.ts) before acting on it.
 */
import type { DEFAULT_THRESHOLDS } from '../core/gradientCheckReport';
import type { LayerShape } from '../core/shapes';
import type { LayerSpec, LossName, Precision, TrainingSpec } from '../core/spec';
import type { FindingKind, FindingSeverity } from '../insight/diagnosis';
import type { RowWindow } from '../core/rowWindow';
import type { InputSpaceMessage } from './inputSpace';
import type { Pace } from '../core/pace';
import type { LayerStats, NonFiniteReport, QuantityName, TensorPayload } from '../core/snapshot';
import type { StepScalarsMessage } from './stepScalars';
import type { RunStart, TimelineBudget } from './timeline';

/** Life cycle of a training run as the panel shows it. */
export const RUN_STATES = ['idle', 'training', 'paused', 'finished', 'diverged', 'error'] as const;
export type RunState = (typeof RUN_STATES)[number];

// ---------------------------------------------------------------------------------------------
// Host → webview
// ---------------------------------------------------------------------------------------------

/** Scalars of the run at the step a snapshot was taken. */
export interface RunHeader {
  readonly state: RunState;
  /** Optimizer steps taken so far. */
  readonly step: number;
  /** Epochs completed after this step: the 0-based epoch of a step within an epoch, one more on an epoch's last step. */
  readonly epoch: number;
  /** Batch-mean training loss L of this step; NaN/±Inf when the step diverged. */
  readonly loss: number;
  /** Training accuracy of this batch in [0, 1], when the task is a classification. */
  readonly accuracy?: number;
  readonly valLoss?: number;
  readonly valAccuracy?: number;
  readonly stepsPerSecond: number;
  /** η in effect for this step. */
  readonly learningRate: number;
  /** 0-based row of the batch whose per-sample vectors (a⁽ˡ⁾, δ⁽ˡ⁾) the panel shows. */
  readonly sampleIndex: number;
  /** B, rows of the batch. */
  readonly batchSize: number;
  /**
   * The rows of the batch that this snapshot's `z`, `a` and `delta` carry, when not all of them
   * (a batch larger than `LIMITS.maxSnapshotRows`); always contains `sampleIndex`.
   */
  readonly rowWindow?: RowWindow;
}

/**
 * The outline of dense layer l the panel lays its card out from: the widths and activation of the
 * layer's shape (core/shapes.ts), numbered as `index`.
 */
export interface LayerOutline extends Pick<LayerShape, 'units' | 'inputs' | 'activation'> {
  /** 1-based layer index l. */
  readonly index: number;
  /**
   * leaky_relu's slope, elu's α, softplus's β, for computing f′(z⁽ˡ⁾) in the panel's equations.
   * Sent with the model message; snapshots leave it out.
   */
  readonly activationParameters?: Pick<LayerSpec, 'negativeSlope' | 'alpha' | 'beta'>;
}

/**
 * One layer of a snapshot. Tensor layouts (row-major):
 * `z`, `a`, `delta`: [B, n_l], or [count, n_l] for the rows `run.rowWindow` names — `delta` is
 * Δ⁽ˡ⁾ = ∂L/∂Z⁽ˡ⁾ of the batch-mean loss, so the per-sample δ⁽ˡ⁾ of batch row b is
 * B·Δ⁽ˡ⁾[b − first, :]; `dW`, `W`: [n_l, n_{l−1}]; `db`, `b`: [n_l].
 * Only the quantities the panel asked for (`setView`) are present.
 */
export interface LayerSnapshot extends LayerOutline {
  readonly stats: LayerStats;
  readonly tensors: Partial<Record<QuantityName, TensorPayload>>;
}

/** A training step to draw. The webview acknowledges it with `ack { seq }` once drawn. */
export interface SnapshotMessage {
  readonly type: 'snapshot';
  /** Increases by at least 1 per snapshot of a session. */
  readonly seq: number;
  readonly run: RunHeader;
  readonly layers: readonly LayerSnapshot[];
  /** The first NaN/±Inf this step produced, if any. */
  readonly nonFinite?: NonFiniteReport;
  /** x and t of the row `run.sampleIndex`, for the panel's equations (a⁽⁰⁾ = x, and the loss terms). */
  readonly sample?: SampleVectors;
  /**
   * The host's diagnosis of this snapshot, persistence applied: added by the host before it posts
   * the snapshot to the panel (a snapshot source never sends it), and kept with the snapshot so the
   * timeline's older steps show their own findings.
   */
  readonly diagnosis?: DiagnosisView;
}

/** One finding as the panel's Diagnosis strip shows it, in the host's words (the same as the model file's warning). */
export interface FindingView {
  readonly kind: FindingKind;
  readonly severity: FindingSeverity;
  /** 1-based layer; absent when the finding is about the loss. */
  readonly layer?: number;
  /** `Vanishing gradient`. */
  readonly title: string;
  /** What was measured against which threshold: `‖∂L/∂W‖ ÷ layer 3's = 3.9e−4 < 1e−3`, or `z = NaN` (no threshold). */
  readonly measured: string;
  readonly explanation: string;
  readonly suggestion: string;
}

/** The findings on show after a snapshot, and how many more wait for their confirming snapshots. */
export interface DiagnosisView {
  readonly findings: readonly FindingView[];
  readonly pending: number;
}

/** One batch row's input and target, each a few floats: cheap enough to send with every snapshot. */
export interface SampleVectors {
  /** x = a⁽⁰⁾, [n_0]. */
  readonly input: Float32Array;
  /** t (one-hot or probabilities for cross-entropy, y otherwise), [n_L]. */
  readonly target: Float32Array;
}

/** The optimizer settings the walk-through's update phase explains (a subset of the model's training spec). */
export type OptimizerSettings = Pick<TrainingSpec, 'optimizer' | 'momentum' | 'nesterov' | 'beta1' | 'beta2' | 'epsilon' | 'weightDecay'>;

/** The network's layout, sent before the first snapshot so cards can be laid out. */
export interface ModelMessage {
  readonly type: 'model';
  readonly name: string;
  /** n_0. */
  readonly input: number;
  readonly batchSize: number;
  readonly layers: readonly LayerOutline[];
  /** The run this layout belongs to; `reason: 'edit'` tells the panel to keep the old run to compare. */
  readonly run?: RunStart;
  /** How much snapshot history the panel keeps (the `gradientLens.timeline.*` settings). */
  readonly timeline?: TimelineBudget;
  /** [height, width] when every input row is an image (IDX, digits): the first layer is drawn as images. */
  readonly imageShape?: readonly [number, number];
  /** The loss, which decides the output layer's δ⁽ᴸ⁾ in the equations. */
  readonly loss?: LossName;
  readonly optimizer?: OptimizerSettings;
}

/** The run changed state between snapshots (e.g. paused, finished). */
export interface StateMessage {
  readonly type: 'state';
  readonly state: RunState;
}

/** Something went wrong on the host or in the worker; the panel shows it until the next snapshot. */
export interface ErrorMessage {
  readonly type: 'error';
  readonly message: string;
  /** 1-based layer the error is about, if any. */
  readonly layer?: number;
  readonly quantity?: QuantityName;
}

/**
 * The newest snapshot judged again without a new snapshot: the run stopped streaming (its newest
 * snapshot is final, shown as judged) or the `gradientLens.diagnosis.*` thresholds changed.
 */
export interface DiagnosisMessage {
  readonly type: 'diagnosis';
  /** The snapshot judged. */
  readonly seq: number;
  readonly diagnosis: DiagnosisView;
}

/** The pace the run trains at (the setting, or what the panel's control chose): sent after `ready` and when it changes. */
export interface PaceMessage {
  readonly type: 'pace';
  readonly pace: Pace;
}

/** "Gradient Lens: Walk Through a Step": start the walk-through of the paused step shown. */
export interface WalkthroughMessage {
  readonly type: 'walkthrough';
}


/** One parameter block (W⁽ˡ⁾ or b⁽ˡ⁾) of a gradient check: ∂L/∂θ against central differences. */
export interface ParameterCheckView {
  /** Number of parameters compared (a seeded sample when the layer is large). */
  readonly checked: number;
  /** Relative error |g − ĝ| / max(1e-8, |g| + |ĝ|), maximum and mean over the checked parameters. */
  readonly maxRelativeError: number;
  readonly meanRelativeError: number;
  /** Analytic g and numerical ĝ of the parameter with the largest relative error. */
  readonly worstAnalytic: number;
  readonly worstNumerical: number;
}

export interface LayerGradientCheckView {
  /** 1-based layer index l. */
  readonly layer: number;
  /** ∂L/∂W⁽ˡ⁾. */
  readonly weights: ParameterCheckView;
  /** ∂L/∂b⁽ˡ⁾. */
  readonly bias: ParameterCheckView;
}

/**
 * Pass thresholds on the relative error. Typed after the engine's DEFAULT_THRESHOLDS (a type-only
 * import, so the webview bundle gets no engine code); the host copies the values for the precision.
 */
export type GradientCheckThresholds = Pick<(typeof DEFAULT_THRESHOLDS)[Precision], 'maxRelativeError' | 'meanRelativeError'>;

/** A finished gradient check as plain data (no engine types), what the panel's table shows. */
export interface GradientCheckView {
  readonly precision: Precision;
  /** Step ε of the central differences. */
  readonly epsilon: number;
  /** Rows of the batch the loss was evaluated on. */
  readonly rows: number;
  /** The engine's overall verdict (max and mean over every checked parameter against `thresholds`). */
  readonly passed: boolean;
  readonly maxRelativeError: number;
  readonly meanRelativeError: number;
  readonly thresholds: GradientCheckThresholds;
  readonly layers: readonly LayerGradientCheckView[];
}

/** The result of "Gradient Lens: Check Gradients", shown at the top of the panel until dismissed. */
export interface GradientCheckMessage {
  readonly type: 'gradientCheck';
  readonly report: GradientCheckView;
}

export type HostToWebviewMessage = WalkthroughMessage | SnapshotMessage | ModelMessage | StateMessage | ErrorMessage | GradientCheckMessage | DiagnosisMessage | InputSpaceMessage | PaceMessage | StepScalarsMessage;

// ---------------------------------------------------------------------------------------------
// Webview → host
// ---------------------------------------------------------------------------------------------

/** The webview's message loop is listening: the host may post (handshake before any post). */
export interface ReadyMessage {
  readonly type: 'ready';
}

/**
 * Cumulative acknowledgement: every snapshot with `seq` ≤ this one has been drawn or coalesced
 * away, so the host may count them as no longer in flight (see LIMITS.maxUnacknowledgedSnapshots).
 */
export interface AckMessage {
  readonly type: 'ack';
  readonly seq: number;
}

export const RUN_COMMANDS = ['train', 'pause', 'resume', 'step', 'reset', 'stop'] as const;
export type RunCommand = (typeof RUN_COMMANDS)[number];

export interface CommandMessage {
  readonly type: 'command';
  readonly name: RunCommand;
}

/** Change η for the following steps: a value `learningRateProblem` (core/learningRate.ts) accepts. */
export interface SetLearningRateMessage {
  readonly type: 'setLearningRate';
  readonly value: number;
}

/** Show per-sample vectors of batch row `index` (0-based, < B; the host clamps to the actual B). */
export interface SelectSampleMessage {
  readonly type: 'selectSample';
  readonly index: number;
}

/** What the panel draws, so the worker copies only those tensors (and only for those layers). */
export interface SetViewMessage {
  readonly type: 'setView';
  /** Distinct quantity names. */
  readonly quantities: readonly QuantityName[];
  /** Distinct 1-based layer indices whose cards are expanded. */
  readonly layers: readonly number[];
}

/**
 * Save a picture the panel rendered (a layer card or the whole panel): the host asks where, with
 * `name` + '.png' as the suggested file name. Checked by `decodePngDataUrl`/`isSafeImageName`
 * (pngImage.ts) against EXPORT_LIMITS before the host acts on it; the host's validator hands it
 * the decoded PNG instead.
 */
export interface ExportImageMessage {
  readonly type: 'exportImage';
  readonly name: string;
  /** `data:image/png;base64,…` */
  readonly dataUrl: string;
}

export const EXPORT_DATA_KINDS = ['snapshot', 'normHistory'] as const;
export type ExportDataKind = (typeof EXPORT_DATA_KINDS)[number];

/** A panel button: runs "Export Snapshot…" or "Export Gradient-Norm History…" for this model. */
export interface ExportDataMessage {
  readonly type: 'exportData';
  readonly kind: ExportDataKind;
}

/** Whether the panel shows the input-space view, so the worker computes its grids only then. */
export interface SetInputSpaceMessage {
  readonly type: 'setInputSpace';
  readonly visible: boolean;
}

/** The panel's pace control: train at this pace from now on (one of PACES). */
export interface SetPaceMessage {
  readonly type: 'setPace';
  readonly pace: Pace;
}

export type WebviewToHostMessage =
  | ReadyMessage | AckMessage | CommandMessage | SetLearningRateMessage | SelectSampleMessage | SetViewMessage
  | ExportImageMessage | ExportDataMessage | SetInputSpaceMessage | SetPaceMessage;
