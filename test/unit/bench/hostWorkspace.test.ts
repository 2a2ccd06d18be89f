// The host bench's workspace: each model file and its CSV resolve as the extension would load them,
// to the workload's layer sizes, batch and rows, with every row's label where the bench data has it.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { modelPath, writeHostWorkspace } from '../../../bench/hostWorkspace';
import { sharedData, WORKLOADS } from '../../../bench/workloads';
import { folderReader } from '../../../src/cli/files';
import { resolveModel } from '../../../src/model';

test('the host bench workspace holds a model and CSV per workload that resolve to the workload', async () => {
  const workspace = mkdtempSync(join(tmpdir(), 'gradient-lens-host-workspace-'));
  try {
    const workload = WORKLOADS.find((w) => w.id === 'W1')!;
    writeHostWorkspace(workspace, [workload]);
    const file = join(workspace, modelPath(workload));
    const resolved = await resolveModel(readFileSync(file, 'utf8'), folderReader(dirname(file)));
    assert.ok(resolved.spec && resolved.dataset, resolved.diagnostics.map((d) => d.message).join('; '));
    assert.deepEqual([resolved.spec.input, ...resolved.spec.layers.map((layer) => layer.units)], workload.sizes);
    assert.equal(resolved.spec.training.batchSize, workload.batch);
    const expected = sharedData(workload).dataset;
    assert.equal(resolved.dataset.count, expected.count);
    assert.equal(resolved.dataset.inputWidth, expected.inputWidth);
    // Labels are written as class numbers and come back one-hot, in the same rows.
    assert.deepEqual(Array.from(resolved.dataset.targets), Array.from(expected.targets));
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
});
