// The workspace `npm run bench:host` opens: one folder per workload with its model file and the
// workload's seeded data as the CSV the model reads, so the extension loads them as a user's files.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { modelText, sharedData, type Workload } from './workloads';

/** The model file of `workload` inside the bench workspace, relative to its root. */
export function modelPath(workload: Workload): string {
  return `${workload.id}/${workload.id}.nn.json`;
}

/** Writes every workload's folder into `workspace`. */
export function writeHostWorkspace(workspace: string, workloads: readonly Workload[]): void {
  for (const workload of workloads) {
    mkdirSync(join(workspace, workload.id), { recursive: true });
    writeFileSync(join(workspace, modelPath(workload)), modelText(workload));
    writeFileSync(join(workspace, workload.id, 'random.csv'), csvOf(workload));
  }
}

/** The workload's inputs and class labels as CSV: x1…xn, then `label` (the model's target column). */
function csvOf(workload: Workload): string {
  const { dataset } = sharedData(workload);
  const lines = [`${Array.from({ length: dataset.inputWidth }, (_, i) => `x${i + 1}`).join(',')},label`];
  for (let row = 0; row < dataset.count; row++) {
    const inputs = dataset.inputs.subarray(row * dataset.inputWidth, (row + 1) * dataset.inputWidth);
    const target = dataset.targets.subarray(row * dataset.targetWidth, (row + 1) * dataset.targetWidth);
    lines.push(`${Array.from(inputs, (v) => v.toPrecision(6)).join(',')},${target.indexOf(1)}`);
  }
  return `${lines.join('\n')}\n`;
}
