import type { CaptureItem, Trainer, FloatArray, StepReport } from '../engine';
import { captureShape } from '../engine';
import type { LayerSnapshot, RunHeader, SampleVectors, SnapshotMessage } from '../protocol/panelMessages';
import type { QuantityName, TensorPayload } from '../protocol/snapshot';
import type { StreamSettings } from '../protocol/workerMessages';

/**
 * Plans the capture for a snapshot and assembles the message. Each snapshot gets fresh, compact
 * Float32Arrays because they are transferred (and so detached) when posted; at ≤ 60 snapshots a
 * second that allocation is off the per-step path.
 */
export class SnapshotBuilder {
  constructor(private readonly trainer: Trainer<FloatArray>, private stream: StreamSettings) {}

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

  /** Capture items for the next step, whose batch has `rows` rows. */
  plan(rows: number): { items: CaptureItem[]; tensors: Map<number, Partial<Record<QuantityName, TensorPayload>>> } {
    const items: CaptureItem[] = [];
    const tensors = new Map<number, Partial<Record<QuantityName, TensorPayload>>>();
    for (const layer of this.streamedLayers()) {
      const perLayer: Partial<Record<QuantityName, TensorPayload>> = {};
      for (const quantity of this.stream.quantities) {
        const shape = captureShape(this.trainer.network, layer, quantity, rows);
        const target = new Float32Array(shape.reduce((p, d) => p * d, 1));
        items.push({ layer, quantity, target });
        perLayer[quantity] = { shape, data: target };
      }
      tensors.set(layer, perLayer);
    }
    return { items, tensors };
  }

  /** Rows of the batch the next step will run. */
  nextBatchRows(): number {
    return this.trainer.nextBatchRows;
  }

  build(seq: number, report: StepReport, header: Omit<RunHeader, 'loss' | 'step' | 'epoch' | 'sampleIndex' | 'batchSize' | 'learningRate'>,
    tensors: Map<number, Partial<Record<QuantityName, TensorPayload>>>): SnapshotMessage {
    const layers: LayerSnapshot[] = this.trainer.network.layers.map((layer, i) => ({
      index: i + 1,
      units: layer.units,
      inputs: layer.inputs,
      activation: layer.spec.activation,
      stats: report.stats![i],
      tensors: tensors.get(i + 1) ?? {},
    }));
    const sampleIndex = Math.min(this.stream.sample, report.rows - 1);
    return {
      type: 'snapshot',
      seq,
      run: {
        ...header,
        loss: report.loss,
        step: report.step,
        epoch: report.epoch,
        learningRate: this.trainer.learningRate,
        sampleIndex,
        batchSize: report.rows,
      },
      layers,
      ...(report.nonFinite ? { nonFinite: report.nonFinite } : {}),
      sample: this.sampleVectors(sampleIndex),
    };
  }

  /** x and t of one row of the batch just run: the network's batch buffers still hold it (the next step reloads them). */
  private sampleVectors(row: number): SampleVectors {
    const { input, target, inputWidth } = this.trainer.network;
    const outputs = this.trainer.network.outputWidth;
    return {
      input: Float32Array.from(input.subarray(row * inputWidth, (row + 1) * inputWidth)),
      target: Float32Array.from(target.subarray(row * outputs, (row + 1) * outputs)),
    };
  }
}
