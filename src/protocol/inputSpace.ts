/**
 * Messages of the panel's input-space view: what the network predicts over its own input space,
 * drawn with the data on top, and the first layer's weights as images when the inputs are images. The worker builds them, the host forwards them unchanged, the panel draws.
 *
 * Coordinates are in the input space the network sees (after any normalization of the dataset).
 */
import type { TaskKind } from '../core/dataset';

/** The box a grid covers: per input dimension, [min, max] (the data's range plus a margin). */
export interface GridDomain {
  readonly min: readonly number[];
  readonly max: readonly number[];
}

/**
 * The data drawn over the prediction, sent once per configuration (models with 1 or 2 inputs).
 * Rows are an even subsample when the dataset has more than INPUT_SPACE_LIMITS.maxPoints.
 */
export interface InputPointsMessage {
  readonly type: 'inputPoints';
  /** n_0: 1 (a line) or 2 (a plane). */
  readonly inputWidth: 1 | 2;
  readonly task: TaskKind;
  /** Class names in label order (classification and binary). */
  readonly classNames?: readonly string[];
  /** Axis names, when the source has them (e.g. ['x', 'y']). */
  readonly featureNames?: readonly string[];
  /** [count × inputWidth], row-major. */
  readonly inputs: Float32Array;
  /** Per point: the class index (classification, binary) or the first target column (regression). */
  readonly targets: Float32Array;
  /** Per point: 1 when the sample is in the validation split, else 0. */
  readonly validation: Uint8Array;
  /** Samples in the dataset, before subsampling. */
  readonly total: number;
  /** What the prediction grids of this configuration cover. */
  readonly domain: GridDomain;
  /** Per axis, x' = (x − shift) / scale when the dataset was normalized: axes are labelled in data units x. */
  readonly inputScaling?: { readonly shift: readonly number[]; readonly scale: readonly number[] };
}

/**
 * The network's outputs A⁽ᴸ⁾ on a regular grid over `domain`, computed after step `step`.
 * 2 inputs: resolution × resolution cells, row-major with the first input varying fastest
 * (cell (i, j) at index j·resolution + i); 1 input: `resolution` points.
 */
export interface PredictionGridMessage {
  readonly type: 'predictionGrid';
  readonly step: number;
  readonly inputWidth: 1 | 2;
  readonly resolution: number;
  readonly domain: GridDomain;
  /** n_L, columns of `outputs`. */
  readonly outputWidth: number;
  /** [cells × outputWidth], row-major. */
  readonly outputs: Float32Array;
}

/** The first `units` rows of W⁽¹⁾ and ∂L/∂W⁽¹⁾, each reshaped to the image shape. */
export interface FirstLayerImagesMessage {
  readonly type: 'firstLayerImages';
  /** Optimizer steps taken; W⁽¹⁾ is after that step's update, ∂L/∂W⁽¹⁾ is of its batch (zero before the first). */
  readonly step: number;
  /** [height, width] of one image; height · width = n_0. */
  readonly imageShape: readonly [number, number];
  /** Rows sent, min(n_1, INPUT_SPACE_LIMITS.maxImageUnits). */
  readonly units: number;
  /** n_1. */
  readonly totalUnits: number;
  /** W⁽¹⁾ rows [units × n_0]. */
  readonly weights: Float32Array;
  /** ∂L/∂W⁽¹⁾ rows [units × n_0], batch mean. */
  readonly weightGradient: Float32Array;
}

/** Live input-space views: one replaces the previous. */
export type InputViewMessage = PredictionGridMessage | FirstLayerImagesMessage;
export type InputSpaceMessage = InputPointsMessage | InputViewMessage;

export const INPUT_SPACE_MESSAGE_TYPES: readonly InputSpaceMessage['type'][] = ['inputPoints', 'predictionGrid', 'firstLayerImages'];

export function isInputSpaceMessage(message: { readonly type: string }): message is InputSpaceMessage {
  return (INPUT_SPACE_MESSAGE_TYPES as readonly string[]).includes(message.type);
}

/** Centre of cell `index` of `resolution` along dimension `axis` of `domain`. */
export function gridCellCentre(domain: GridDomain, resolution: number, axis: number, index: number): number {
  return domain.min[axis] + ((index + 0.5) / resolution) * (domain.max[axis] - domain.min[axis]);
}

/** Buffers to transfer rather than copy when posting an input-space message. */
export function inputSpaceTransferables(message: InputSpaceMessage): ArrayBuffer[] {
  switch (message.type) {
    case 'inputPoints':
      return [message.inputs.buffer as ArrayBuffer, message.targets.buffer as ArrayBuffer, message.validation.buffer as ArrayBuffer];
    case 'predictionGrid':
      return [message.outputs.buffer as ArrayBuffer];
    case 'firstLayerImages':
      return [message.weights.buffer as ArrayBuffer, message.weightGradient.buffer as ArrayBuffer];
  }
}
