/**
 * The memory budget (LIMITS.maxModelBytes): what training a model would hold at once, estimated
 * from the spec and the data's facts before anything is allocated, so `check` and the editor
 * refuse a model that would exhaust the machine instead of letting the worker try.
 */
import { arenaSize } from '../core/arenaSize';
import type { DatasetInfo } from '../data/info';
import { LIMITS } from '../core/limits';
import { inferShapes } from '../core/shapes';
import { snapshotRows } from '../core/rowWindow';
import type { DiagnosticSink } from './diagnostics';
import { rangeOf, type ModelRanges } from './ranges';
import type { RuleSubject } from './rules';

export interface MemoryEstimate {
  /**
   * Rows of the batch buffers: the declared batchSize. The trainer uses fewer when the data has
   * fewer samples, but a model is judged by what it asks for, so adding data never breaks it.
   */
  readonly rows: number;
  /** θ, ∂L/∂θ and the optimizer state. */
  readonly parameters: number;
  /** X, Y, Z, A and Δ of one batch (B·Σn ×3). */
  readonly batch: number;
  /** The data set's inputs and targets as the run stores them (Float32 for f32, see `storedFor`). */
  readonly dataset: number;
  /** One snapshot's tensors (Float32): every quantity of every layer, Z, A and Δ of the rows a snapshot carries. */
  readonly snapshot: number;
  readonly total: number;
}

const FLOAT32_BYTES = 4;
/** Z, A and Δ: the batch matrices a snapshot may carry per layer. */
const BATCH_QUANTITIES = 3;

/** Bytes training `model` on data like `info` holds at once (the engine's arena, the data, one snapshot). */
export function estimateMemory(model: RuleSubject, input: number, info: Pick<DatasetInfo, 'count' | 'inputWidth' | 'targetWidth'>): MemoryEstimate {
  const floatBytes = model.training.precision === 'f32' ? 4 : 8;
  const rows = model.training.batchSize;
  const arena = arenaSize({ input, layers: model.layers, training: model.training }, rows);
  // Z, A and Δ of a window of the batch when it is large; where the window sits does not change its size.
  const carried = snapshotRows(rows, 0).count;
  let snapshotFloats = 0;
  // W and ∂L/∂W with b and ∂L/∂b (twice the parameters), and the batch matrices.
  for (const { parameters, units } of inferShapes({ input, layers: model.layers }).layers) {
    snapshotFloats += 2 * parameters + BATCH_QUANTITIES * carried * units;
  }
  const estimate = {
    parameters: arena.parameterFloats * floatBytes,
    batch: arena.batchFloats * floatBytes,
    dataset: info.count * (info.inputWidth + info.targetWidth) * floatBytes,
    snapshot: snapshotFloats * FLOAT32_BYTES,
  };
  return { rows, ...estimate, total: estimate.parameters + estimate.batch + estimate.dataset + estimate.snapshot };
}

const GIBIBYTE = 1024 ** 3;
const MEBIBYTE = 1024 ** 2;

/** 3.2 GiB, 512 MiB, 40 KiB… */
export function formatBytes(bytes: number): string {
  if (bytes >= GIBIBYTE) return `${(bytes / GIBIBYTE).toFixed(1)} GiB`;
  if (bytes >= MEBIBYTE) return `${(bytes / MEBIBYTE).toFixed(1)} MiB`;
  return `${Math.ceil(bytes / 1024)} KiB`;
}

/**
 * Refuses a model whose estimate exceeds LIMITS.maxModelBytes, on "batchSize" when the batch
 * buffers are the larger part (fewer rows help most), else on "layers" (fewer units help most).
 */
export function checkMemoryBudget(model: RuleSubject, input: number, info: Pick<DatasetInfo, 'count' | 'inputWidth' | 'targetWidth'>,
  ranges: ModelRanges, sink: DiagnosticSink): void {
  const estimate = estimateMemory(model, input, info);
  if (estimate.total <= LIMITS.maxModelBytes) return;
  const batchDominates = estimate.batch >= estimate.parameters;
  const path = batchDominates && ranges.properties.has('training.batchSize') ? 'training.batchSize' : 'layers';
  const precisionHint = model.training.precision === 'f64' ? ', or "precision": "f32" to halve the engine\'s part' : '';
  sink.error('over-memory-budget', rangeOf(ranges, path),
    `Training this model needs about ${formatBytes(estimate.total)} of memory (parameters and optimizer state ${formatBytes(estimate.parameters)}, ` +
    `batch of ${estimate.rows.toLocaleString('en-US')} rows ${formatBytes(estimate.batch)}, data set ${formatBytes(estimate.dataset)}, ` +
    `one snapshot ${formatBytes(estimate.snapshot)}); the limit is ${formatBytes(LIMITS.maxModelBytes)} (LIMITS.maxModelBytes). ` +
    `Use a smaller "batchSize" or fewer units${precisionHint}.`);
}
