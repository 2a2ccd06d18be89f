/**
 * The messages between the extension host and the Gradient Lens panel (webview): one union per
 * direction (listed in docs/protocol.md; notation: docs/notation.md). The host trusts nothing the
 * webview sends: it runs `parseWebviewMessage` first and acts only on `{ ok: true }`.
 */
import type { DEFAULT_THRESHOLDS } from '../core/gradientCheckReport';
import type { ActivationName, LayerSpec, LossName, Precision, TrainingSpec } from '../core/spec';
import type { DiagnosisThresholds } from '../core/diagnosisThresholds';
import type { RowWindow } from '../core/rowWindow';
import type { InputSpaceMessage } from './inputSpace';
import { EXPORT_LIMITS, LIMITS, PANEL_LIMITS } from '../core/limits';
import { isPace, PACES, type Pace } from './pace';
import { decodePngDataUrl, isSafeImageName } from './pngImage';
import { QUANTITIES, type LayerStats, type NonFiniteReport, type QuantityName, type TensorPayload } from '../core/snapshot';
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

/** Shape of dense layer l, enough to lay out its card. */
export interface LayerShape {
  /** 1-based layer index l. */
  readonly index: number;
  /** n_l. */
  readonly units: number;
  /** n_{l−1}, columns of W⁽ˡ⁾. */
  readonly inputs: number;
  readonly activation: ActivationName;
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
export interface LayerSnapshot extends LayerShape {
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
  readonly layers: readonly LayerShape[];
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

/** The user's `gradientLens.diagnosis.*` thresholds: sent after `ready` and whenever they change. */
export interface DiagnosisSettingsMessage {
  readonly type: 'diagnosisSettings';
  readonly thresholds: DiagnosisThresholds;
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

export type HostToWebviewMessage = WalkthroughMessage | SnapshotMessage | ModelMessage | StateMessage | ErrorMessage | GradientCheckMessage | DiagnosisSettingsMessage | InputSpaceMessage | PaceMessage | StepScalarsMessage;

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

/** Change η for the following steps: finite, > 0, ≤ PANEL_LIMITS.maxLearningRate. */
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
 * (pngImage.ts) against EXPORT_LIMITS before the host acts on it; `parseWebviewMessage` hands the
 * host a `ValidatedExportImage` instead.
 */
export interface ExportImageMessage {
  readonly type: 'exportImage';
  readonly name: string;
  /** `data:image/png;base64,…` */
  readonly dataUrl: string;
}

/**
 * An `exportImage` that passed every check: the data URL decoded once, during validation, so the
 * host writes these bytes and never decodes the URL again.
 */
export interface ValidatedExportImage {
  readonly type: 'exportImage';
  /** Passed `isSafeImageName`. */
  readonly name: string;
  /** The PNG file's bytes: signature and IHDR checked, at most EXPORT_LIMITS.maxImageBytes. */
  readonly png: Uint8Array;
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

/** A webview message as the host acts on it: as sent, except `exportImage`, whose PNG is already decoded. */
export type ValidatedWebviewMessage = Exclude<WebviewToHostMessage, ExportImageMessage> | ValidatedExportImage;

export type ParseResult = { readonly ok: true; readonly message: ValidatedWebviewMessage } | { readonly ok: false; readonly reason: string };

// ---------------------------------------------------------------------------------------------
// Validation of webview → host messages
// ---------------------------------------------------------------------------------------------

type Fields = Record<string, unknown>;

function isPlainObject(value: unknown): value is Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Reason for the first key that is not exactly one of `allowed`, or undefined. */
function unexpectedKey(value: Fields, allowed: readonly string[]): string | undefined {
  const extra = Object.keys(value).find((key) => !allowed.includes(key));
  return extra === undefined ? undefined : `unexpected field '${extra}'`;
}

function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;
}

/** Like `Array.prototype.every`, but a hole in a sparse array fails instead of being skipped. */
function everyElement(values: readonly unknown[], test: (value: unknown) => boolean): boolean {
  for (let i = 0; i < values.length; i++) if (!(i in values) || !test(values[i])) return false;
  return true;
}

function isOneOf<T extends string>(value: unknown, names: readonly T[]): value is T {
  return typeof value === 'string' && (names as readonly string[]).includes(value);
}

const fail = (reason: string): ParseResult => ({ ok: false, reason });

/** Every field each message type must have, besides `type`. */
const FIELDS: Record<WebviewToHostMessage['type'], readonly string[]> = {
  ready: [],
  ack: ['seq'],
  command: ['name'],
  setLearningRate: ['value'],
  selectSample: ['index'],
  setView: ['quantities', 'layers'],
  exportImage: ['name', 'dataUrl'],
  exportData: ['kind'],
  setInputSpace: ['visible'],
  setPace: ['pace'],
};

/**
 * Checks an untrusted value from the webview field by field: a known `type`, exactly the fields
 * that type has (no more, no fewer), types, finite numbers, integer ranges and known names. An
 * `exportImage` comes back with its PNG decoded (the only decoding of that data URL).
 */
export function parseWebviewMessage(value: unknown): ParseResult {
  if (!isPlainObject(value)) return fail('message is not a plain object');
  const type = value.type;
  if (!isOneOf(type, Object.keys(FIELDS) as WebviewToHostMessage['type'][])) {
    return fail(`unknown message type ${JSON.stringify(type) ?? String(type)}`);
  }
  const allowed = ['type', ...FIELDS[type]];
  const extra = unexpectedKey(value, allowed);
  if (extra !== undefined) return fail(`${type}: ${extra}`);
  const missing = allowed.find((key) => !Object.prototype.hasOwnProperty.call(value, key));
  if (missing !== undefined) return fail(`${type}: missing field '${missing}'`);

  switch (type) {
    case 'ready':
      return { ok: true, message: { type } };
    case 'ack':
      if (!isIntegerIn(value.seq, 0, Number.MAX_SAFE_INTEGER)) return fail('ack: seq must be a non-negative safe integer');
      return { ok: true, message: { type, seq: value.seq } };
    case 'command':
      if (!isOneOf(value.name, RUN_COMMANDS)) return fail(`command: unknown name, expected one of ${RUN_COMMANDS.join(', ')}`);
      return { ok: true, message: { type, name: value.name } };
    case 'setLearningRate': {
      const rate = value.value;
      if (typeof rate !== 'number' || !Number.isFinite(rate) || rate <= 0 || rate > PANEL_LIMITS.maxLearningRate) {
        return fail(`setLearningRate: value must be a finite number in (0, ${PANEL_LIMITS.maxLearningRate}]`);
      }
      return { ok: true, message: { type, value: rate } };
    }
    case 'selectSample':
      if (!isIntegerIn(value.index, 0, LIMITS.maxBatchSize - 1)) {
        return fail(`selectSample: index must be an integer in [0, ${LIMITS.maxBatchSize - 1}]`);
      }
      return { ok: true, message: { type, index: value.index } };
    case 'setView':
      return parseSetView(value.quantities, value.layers);
    case 'exportImage': {
      if (!isSafeImageName(value.name)) {
        return fail(`exportImage: name must be 1-${EXPORT_LIMITS.maxImageNameLength} letters, digits, '-', '_' or inner dots (no path)`);
      }
      const image = decodePngDataUrl(value.dataUrl);
      if (!image.ok) return fail(`exportImage: ${image.reason}`);
      return { ok: true, message: { type, name: value.name, png: image.bytes } };
    }
    case 'exportData':
      if (!isOneOf(value.kind, EXPORT_DATA_KINDS)) return fail(`exportData: unknown kind, expected one of ${EXPORT_DATA_KINDS.join(', ')}`);
      return { ok: true, message: { type, kind: value.kind } };
    case 'setInputSpace':
      if (typeof value.visible !== 'boolean') return fail('setInputSpace: visible must be true or false');
      return { ok: true, message: { type, visible: value.visible } };
    case 'setPace':
      if (!isPace(value.pace)) return fail(`setPace: unknown pace, expected one of ${PACES.join(', ')}`);
      return { ok: true, message: { type, pace: value.pace } };
  }
}

function parseSetView(quantities: unknown, layers: unknown): ParseResult {
  if (!Array.isArray(quantities) || quantities.length > QUANTITIES.length) {
    return fail(`setView: quantities must be an array of at most ${QUANTITIES.length} names`);
  }
  if (!everyElement(quantities, (name) => isOneOf(name, QUANTITIES))) return fail(`setView: unknown quantity, expected ${QUANTITIES.join(', ')}`);
  if (new Set(quantities).size !== quantities.length) return fail('setView: duplicate quantity');
  if (!Array.isArray(layers) || layers.length > LIMITS.maxLayers) {
    return fail(`setView: layers must be an array of at most ${LIMITS.maxLayers} indices`);
  }
  if (!everyElement(layers, (index) => isIntegerIn(index, 1, LIMITS.maxLayers))) return fail(`setView: layer indices must be integers in [1, ${LIMITS.maxLayers}]`);
  if (new Set(layers).size !== layers.length) return fail('setView: duplicate layer');
  // Copies, so later mutation of the posted arrays cannot change what was validated.
  return { ok: true, message: { type: 'setView', quantities: [...quantities] as QuantityName[], layers: [...layers] as number[] } };
}

// ---------------------------------------------------------------------------------------------
// Host → webview: gradient check
// ---------------------------------------------------------------------------------------------

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
