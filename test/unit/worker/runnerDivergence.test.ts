// The runner on a run that diverges between two snapshots: the step with the first non-finite value
// ends the run, so it is captured whatever the snapshot rate, and the panel's header, cards and
// charts rest on the same step as the 'diverged' state and the status bar.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SnapshotMessage } from '../../../src/protocol/panelMessages';
import type { StreamSettings, WorkerToHostMessage } from '../../../src/protocol/workerMessages';
import { TrainingRunner } from '../../../src/worker/runner';
import { synthetic } from './models';

/** Plain SGD at η = 3 on a regression: the weights grow without bound and the loss overflows within a few dozen steps. */
const EXPLODING = `{ "name": "exploding", "layers": [{ "units": 8, "activation": "tanh" }, { "units": 1, "activation": "linear" }],
  "loss": "mse", "data": { "source": "sine", "samples": 64 },
  "training": { "optimizer": "sgd", "learningRate": 3, "batchSize": 8, "epochs": 100, "seed": 1, "validationSplit": 0 } }`;
/** One snapshot a second: the first step is captured, and the blow-up, a few milliseconds later, is not due. */
const STREAM: StreamSettings = { rate: 1, quantities: ['dW'], layers: 'all', sample: 0, pace: 'full' };

async function until(what: string, condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 5));
  }
}

test('the step that diverges is captured: the last snapshot is the diverged state\'s step', async () => {
  const posted: WorkerToHostMessage[] = [];
  const training = new TrainingRunner((message) => {
    posted.push(message);
    if (message.type === 'snapshot') queueMicrotask(() => training.handle({ type: 'ack', seq: message.seq }));
  });
  const { spec, dataset } = await synthetic(EXPLODING);
  training.handle({ type: 'configure', spec, dataset, stream: STREAM, interrupt: new SharedArrayBuffer(8) });
  training.handle({ type: 'start' });
  const diverged = () => posted.find((m): m is Extract<WorkerToHostMessage, { type: 'state' }> => m.type === 'state' && m.state === 'diverged');
  await until('the run to diverge', () => diverged() !== undefined);

  const snapshots = posted.filter((m): m is SnapshotMessage => m.type === 'snapshot');
  const error = posted.find((m) => m.type === 'error');
  const divergedAt = diverged()!.step;
  assert.ok(error?.type === 'error' && error.code === 'non-finite', 'the run reports its non-finite value');
  assert.match(error.message, new RegExp(`^Step ${divergedAt}:`), 'the error names the step the run rests on');
  // Otherwise the test would not tell a captured divergent step from a due snapshot.
  assert.ok(snapshots.length >= 1 && snapshots[0].run.step < divergedAt - 1, `the first snapshot is at step ${snapshots[0]?.run.step}, diverged at ${divergedAt}`);
  assert.equal(snapshots.at(-1)!.run.step, divergedAt, `snapshots at steps ${snapshots.map((s) => s.run.step).join(', ')}`);
  assert.equal(snapshots.at(-1)!.run.epoch, diverged()!.epoch);
});
