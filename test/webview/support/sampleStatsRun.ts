/**
 * Snapshots of a real training run for the panel tests: a shipped sample trained by the engine in
 * this process, each step's LayerStats (and its first NaN/±Inf) as the worker would stream them.
 * Tensors are left out: the tests that use these look at statistics, not heatmaps.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createTrainer } from '../../../src/engine';
import { resolveModel } from '../../../src/model';
import type { ModelMessage } from '../../../src/protocol/panelMessages';
import type { PlainSnapshotMessage } from '../../fixtures/snapshots/mlp2-16-16-3';

const noFiles = { readFile: async (path: string): Promise<Uint8Array> => { throw new Error(`synthetic samples read no files (${path})`); } };

/** The model message and the snapshots of steps 1…`steps` of `samples/<sample>` (fewer if it diverges). */
export async function sampleStatsRun(sample: string, steps: number): Promise<{ model: ModelMessage; snapshots: PlainSnapshotMessage[] }> {
  const resolved = await resolveModel(readFileSync(resolve('samples', sample), 'utf8'), noFiles);
  const { spec, dataset } = resolved;
  if (!spec || !dataset) throw new Error(`${sample}: ${resolved.diagnostics.map((d) => d.message).join('; ')}`);
  const shapes = spec.layers.map((layer, i) => ({ index: i + 1, units: layer.units, inputs: i === 0 ? spec.input : spec.layers[i - 1].units, activation: layer.activation }));
  const model: ModelMessage = { type: 'model', name: spec.name, input: spec.input, batchSize: spec.training.batchSize, layers: shapes };
  const trainer = createTrainer(spec, dataset);
  const snapshots: PlainSnapshotMessage[] = [];
  for (let step = 1; step <= steps; step++) {
    const report = trainer.step({ stats: true });
    snapshots.push({
      type: 'snapshot',
      seq: step,
      run: {
        state: report.nonFinite ? 'diverged' : 'training', step: report.step, epoch: report.epoch, loss: report.loss,
        stepsPerSecond: 0, learningRate: spec.training.learningRate, sampleIndex: 0, batchSize: spec.training.batchSize,
      },
      layers: shapes.map((shape, i) => ({ ...shape, stats: report.stats![i], tensors: {} })),
      ...(report.nonFinite ? { nonFinite: report.nonFinite } : {}),
    });
    if (report.nonFinite) break;
  }
  return { model, snapshots };
}
