/**
 * The per-layer norms of the snapshots a session received, for "Export Gradient-Norm History…":
 * one row per snapshot (the worker streams at most LIMITS.maxSnapshotRate a second, so not every
 * training step has a row), the newest EXPORT_LIMITS.maxNormHistoryRows kept. Pure: no VS Code.
 */
import { EXPORT_LIMITS } from '../../core/limits';
import type { SnapshotMessage } from '../../protocol/panelMessages';

export interface NormHistoryRow {
  /** Steps taken when the snapshot was taken (1-based, as the panel shows it). */
  readonly step: number;
  readonly epoch: number;
  /** Batch-mean loss; NaN when it diverged. */
  readonly loss: number;
  /** Per layer l (index l − 1): ‖∂L/∂W⁽ˡ⁾‖, ‖W⁽ˡ⁾‖, ‖Δ⁽ˡ⁾‖ and ‖ΔW‖/‖W‖ of the step's update. */
  readonly layers: readonly { readonly gradientNorm: number; readonly weightNorm: number; readonly deltaNorm: number; readonly updateRatio: number }[];
}

export class NormHistory {
  private entries: NormHistoryRow[] = [];
  /** Index of the oldest row once the buffer is full (a ring, so recording stays O(1)). */
  private start = 0;

  constructor(private readonly capacity: number = EXPORT_LIMITS.maxNormHistoryRows) {}

  record(snapshot: SnapshotMessage): void {
    const row: NormHistoryRow = {
      step: snapshot.run.step,
      epoch: snapshot.run.epoch,
      loss: snapshot.run.loss,
      layers: snapshot.layers.map(({ stats }) => ({ gradientNorm: stats.gradientNorm, weightNorm: stats.weightNorm, deltaNorm: stats.deltaNorm, updateRatio: stats.updateRatio })),
    };
    if (this.entries.length < this.capacity) {
      this.entries.push(row);
    } else {
      this.entries[this.start] = row;
      this.start = (this.start + 1) % this.capacity;
    }
  }

  /** A new run (reset, new layout): the old rows describe other parameters. */
  clear(): void {
    this.entries = [];
    this.start = 0;
  }

  /** Oldest first. */
  get rows(): NormHistoryRow[] {
    return [...this.entries.slice(this.start), ...this.entries.slice(0, this.start)];
  }

  get length(): number {
    return this.entries.length;
  }
}

/**
 * Header `step,epoch,loss,grad_norm_1,weight_norm_1,delta_norm_1,update_ratio_1,…` (one group per
 * layer, as many as the widest row), then one line per row; non-finite numbers as NaN/Infinity.
 */
export function normHistoryToCsv(rows: readonly NormHistoryRow[]): string {
  const layerCount = rows.reduce((most, row) => Math.max(most, row.layers.length), 0);
  const header = ['step', 'epoch', 'loss'];
  for (let l = 1; l <= layerCount; l++) header.push(`grad_norm_${l}`, `weight_norm_${l}`, `delta_norm_${l}`, `update_ratio_${l}`);
  const lines = [header.join(',')];
  for (const row of rows) {
    const cells = [String(row.step), String(row.epoch), String(row.loss)];
    for (const layer of row.layers) cells.push(String(layer.gradientNorm), String(layer.weightNorm), String(layer.deltaNorm), String(layer.updateRatio));
    lines.push(cells.join(','));
  }
  return `${lines.join('\n')}\n`;
}
