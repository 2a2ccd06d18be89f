import { resolveModel, parseModel, validateAgainstData } from '../../../src/model';
import type { Dataset } from '../../../src/core/dataset';
import type { ModelSpec } from '../../../src/core/spec';
import { Random } from '../../../src/core/random';
import { noFiles } from '../data/readers';

/** Spec and dataset of a model file's text whose data is synthetic. */
export async function synthetic(text: string): Promise<{ spec: ModelSpec; dataset: Dataset }> {
  const resolved = await resolveModel(text, noFiles);
  if (!resolved.spec || !resolved.dataset) throw new Error(`invalid test model: ${resolved.diagnostics.map((d) => d.message).join('; ')}`);
  return { spec: resolved.spec, dataset: resolved.dataset };
}

/** A wide classification problem with random inputs, for nets whose size matters more than their data. */
export function randomClassification(text: string, samples: number, inputs: number, classes: number): { spec: ModelSpec; dataset: Dataset } {
  const random = new Random(7);
  const x = new Float64Array(samples * inputs).map(() => random.normal());
  const y = new Float64Array(samples * classes);
  for (let i = 0; i < samples; i++) y[i * classes + random.int(classes)] = 1;
  const dataset: Dataset = { inputs: x, targets: y, count: samples, inputWidth: inputs, targetWidth: classes, task: 'classification', classNames: Array.from({ length: classes }, (_, i) => String(i)) };
  const validated = validateAgainstData(parseModel(text), dataset);
  if (!validated.spec) throw new Error(`invalid test model: ${validated.diagnostics.map((d) => d.message).join('; ')}`);
  return { spec: validated.spec, dataset };
}
