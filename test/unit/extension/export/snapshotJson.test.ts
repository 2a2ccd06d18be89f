// "Export Snapshot…" as JSON is the CLI's dump format: the worker's dump of step k (dumpStep, at
// the weights after k steps) equals, value for value, what `gradient-lens train --dump-steps k` writes.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadValidModel } from '../../../../src/cli/load';
import { DUMP_FORMAT, dumpFile } from '../../../../src/engine/dumpFormat';
import { TrainingWorkerClient } from '../../../../src/worker/client';

const ROOT = resolve(__dirname, '../../../../..');
const MODEL = join(ROOT, 'samples/spirals.nn.json');
const STEPS = 3;

const dir = mkdtempSync(join(tmpdir(), 'gradient-lens-export-'));
const client = new TrainingWorkerClient(join(ROOT, 'dist/worker.js'));
after(async () => { await client.dispose(); rmSync(dir, { recursive: true, force: true }); });

test('the worker dump of step k is the CLI dump of step k', async () => {
  const { spec, dataset } = await loadValidModel(MODEL, () => undefined);
  const configured = client.waitFor((m) => m.type === 'configured');
  client.post({ type: 'configure', spec, dataset, stream: { rate: 30, quantities: [], layers: [], sample: 0 }, interrupt: client.interruptFlag });
  await configured;
  client.onMessage((m) => { if (m.type === 'snapshot') client.post({ type: 'ack', seq: m.seq }); });
  const paused = client.waitFor((m) => m.type === 'state' && m.state === 'paused' && m.step === STEPS);
  client.post({ type: 'step', count: STEPS });
  await paused;
  const answer = client.waitFor((m) => m.type === 'stepDump');
  client.post({ type: 'dumpStep' });
  const reply = await answer;
  assert.ok(reply.type === 'stepDump');
  assert.equal(reply.step, STEPS, 'the dump of the batch after k steps is step k (0-based, as the CLI counts)');
  const exported = JSON.parse(dumpFile(spec, [reply.record])) as { format: string; steps: { step: number }[] };

  const path = join(dir, 'cli.json');
  const cli = spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), 'train', MODEL, '--steps', String(STEPS + 1), '--dump', path, '--dump-steps', String(STEPS)], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  assert.equal(cli.status, 0, cli.stderr);
  const fromCli = JSON.parse(readFileSync(path, 'utf8')) as unknown;

  assert.equal(exported.format, DUMP_FORMAT);
  assert.equal(exported.steps.length, 1);
  assert.equal(exported.steps[0].step, STEPS);
  assert.deepEqual(exported, fromCli);
});
