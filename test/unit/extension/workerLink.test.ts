// The session's worker link when its thread dies at the worst moment: during `configure`, the
// request waiting for its reply rejects; the caller must hear it once, nothing go unhandled.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { WorkerLink } from '../../../src/extension/session/workerLink';
import { synthetic } from '../worker/models';

const scratch = mkdtempSync(join(tmpdir(), 'gradient-lens-link-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** A worker that takes every message and never answers: `configure` stays pending until it is killed. */
const silentWorker = join(scratch, 'silent.js');
writeFileSync(silentWorker, "require('node:worker_threads').parentPort.on('message', () => {});\n");

const XOR = `{ "name": "xor", "layers": [{ "units": 2, "activation": "tanh" }, { "units": 1, "activation": "sigmoid" }],
  "loss": "binary_cross_entropy", "data": { "source": "xor" }, "training": { "batchSize": 4, "epochs": 1 } }`;

test('a worker killed during configure rejects configure once and leaves no unhandled rejection', async () => {
  const unhandled: unknown[] = [];
  const collect = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', collect);
  try {
    const exits: string[] = [];
    const link = new WorkerLink(silentWorker, { message: () => undefined, ended: (cause) => exits.push(cause) });
    const { spec, dataset } = await synthetic(XOR);
    const configuring = link.configure(spec, dataset, { rate: 30, quantities: ['a'], layers: 'all', sample: 0 });
    await link.terminateAbruptly();
    await assert.rejects(configuring, /exited/);
    // Unhandled rejections are reported once the microtasks of this turn have run.
    await new Promise((done) => setImmediate(done));
    await new Promise((done) => setImmediate(done));
    assert.deepEqual(unhandled, []);
    assert.equal(exits.length, 1, 'the kill is reported as an unexpected exit');
    await assert.rejects(link.pause(), /exited/, 'a dead link refuses requests before waiting');
    await link.dispose();
  } finally {
    process.off('unhandledRejection', collect);
  }
});
