/**
 * The engine's public API: build a trainer from a normalized ModelSpec and a Dataset, step it,
 * capture tensors, read statistics, check gradients. Pure TypeScript; runs in Node and browsers.
 */
export { createTrainer, Trainer } from './trainer';
export type { TrainerOptions, StepRequest, AbortableStepRequest, StepReport, EpochReport, Evaluation } from './trainer';
export { captureShape, captureLength } from './capture';
export type { CaptureItem, CaptureRequest } from './capture';
export { checkGradients, relativeError } from './gradientCheck';
export type { GradientCheckOptions } from './gradientCheck';
export { Network } from './network';
export { predictRows } from './predict';
export type { LayerBuffers } from './network';
export { createJsKernels, JsKernels } from './kernels/jsKernels';
export type { FloatArray, Kernels } from './kernels/kernels';
export { ACTIVATION_FUNCTIONS } from './activations';
export { LOSS_FUNCTIONS, LOG_CLAMP, perSampleDeltaScale } from './losses';
export { createOptimizer } from './optimizers';
export { norm, findNonFinite, layerStatistics, SATURATION_THRESHOLD } from './stats';
