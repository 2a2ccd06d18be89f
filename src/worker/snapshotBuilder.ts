import type { CaptureItem, Trainer, FloatArray, Network, StepReport } from '../engine';
import { captureShape } from '../engine';
import type { LayerSnapshot, RunHeader, SampleVectors, SnapshotMessage } from '../protocol/panelMessages';
import type { QuantityName, TensorPayload } from '../core/snapshot';
import type { StreamSettings } from '../protocol/workerMessages';
import { snapshotRows, type RowWindow } from '../core/rowWindow';
import { BufferPool } from './bufferPool';

/**
 * Plans the capture for a snapshot and assembles the message. Each snapshot gets its own compact
 * Float32Arrays because they are transferred (and so detached) when posted: buffers the host has
 * handed back when it can, fresh ones otherwise.
 */
export interface SnapshotPlan {
  readonly items: CaptureItem[];
  readonly tensors: Map<number, Partial<Record<QuantityName, TensorPayload>>>;
  /** The selected sample's batch row when the plan was made (a later `setStream` waits for the next plan). */
  readonly sampleIndex: number;
  /** The batch rows z, a and δ are captured for: all of them, or a window around the selected sample. */
  readonly rows: RowWindow;
  /** x and t of the selected sample, filled by `inspect` during the step. */
  readonly sample: SampleVectors;
  /** Pass as the step's `inspect`. */
  readonly inspect: (network: Network<FloatArray>) => void;
}

export class SnapshotBuilder {
  constructor(private readonly trainer: Trainer<FloatArray>, private stream: StreamSettings, private readonly pool = new BufferPool()) {}

  setStream(stream: StreamSettings): void {
    this.stream = stream;
  }

  get settings(): StreamSettings {
    return this.stream;
  }

  private streamedLayers(): number[] {
    const count = this.trainer.network.layers.length;
    if (this.stream.layers === 'all') return Array.from({ length: count }, (_, i) => i + 1);
    return this.stream.layers.filter((l) => l >= 1 && l <= count);
  }

  /**
   * What to capture in the next step, whose batch has `rows` rows: the tensor items, and an
   * `inspect` hook that copies the selected sample's x and t while the step runs (after the step
   * the batch buffers may hold validation rows: the epoch's last step evaluates right after it).
   * z, a and δ are captured for at most `LIMITS.maxSnapshotRows` rows around the selected sample.
   */
  plan(rows: number): SnapshotPlan {
    const items: CaptureItem[] = [];
    const tensors = new Map<number, Partial<Record<QuantityName, TensorPayload>>>();
    const row = Math.min(this.stream.sample, rows - 1);
    const window = snapshotRows(rows, row);
    for (const layer of this.streamedLayers()) {
      const perLayer: Partial<Record<QuantityName, TensorPayload>> = {};
      for (const quantity of this.stream.quantities) {
        const shape = captureShape(this.trainer.network, layer, quantity, rows, { window });
        const target = this.pool.take(shape.reduce((p, d) => p * d, 1));
        items.push({ layer, quantity, target, window });
        perLayer[quantity] = { shape, data: target };
      }
      tensors.set(layer, perLayer);
    }
    const { inputWidth, outputWidth } = this.trainer.network;
    const sample: SampleVectors = { input: new Float32Array(inputWidth), target: new Float32Array(outputWidth) };
    const inspect = (network: Network<FloatArray>): void => {
      sample.input.set(network.input.subarray(row * inputWidth, (row + 1) * inputWidth));
      sample.target.set(network.target.subarray(row * outputWidth, (row + 1) * outputWidth));
    };
    return { items, tensors, sampleIndex: row, rows: window, sample, inspect };
  }

  /** Rows of the batch the next step will run. */
  nextBatchRows(): number {
    return this.trainer.nextBatchRows;
  }

  /** The message of a step run with `plan` (its capture items and its `inspect` hook). */
  build(seq: number, report: StepReport, header: Omit<RunHeader, 'loss' | 'step' | 'epoch' | 'sampleIndex' | 'batchSize' | 'learningRate'>,
    plan: SnapshotPlan): SnapshotMessage {
    const { tensors } = plan;
    const layers: LayerSnapshot[] = this.trainer.network.layers.map((layer, i) => ({
      index: i + 1,
      units: layer.units,
      inputs: layer.inputs,
      activation: layer.spec.activation,
      stats: report.stats![i],
      tensors: tensors.get(i + 1) ?? {},
    }));
    return {
      type: 'snapshot',
      seq,
      run: {
        ...header,
        loss: report.loss,
        step: report.step,
        // Epochs completed after this step, as `state` messages and the status bar count them: the run's last step reads `epochs`.
        epoch: report.epochEnd?.epoch ?? report.epoch,
        learningRate: this.trainer.learningRate,
        sampleIndex: plan.sampleIndex,
        batchSize: report.rows,
        ...(plan.rows.count < report.rows ? { rowWindow: plan.rows } : {}),
      },
      layers,
      ...(report.nonFinite ? { nonFinite: report.nonFinite } : {}),
      sample: plan.sample,
    };
  }
}
