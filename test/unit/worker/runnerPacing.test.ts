// The training runner's pace and its resting step, in-process with real timers: a paced run
// sleeps between steps, Step commands ignore the pace, a new pace applies at once, and a run
// that finishes or pauses rests on a step whose snapshot was sent.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SnapshotMessage } from '../../../src/protocol/panelMessages';
import type { StreamSettings, WorkerToHostMessage } from '../../../src/protocol/workerMessages';
import { TrainingRunner } from '../../../src/worker/runner';
import { synthetic } from './models';

const xor = (epochs: number) => `{ "name": "xor", "layers": [{ "units": 8, "activation": "tanh" }, { "units": 1, "activation": "sigmoid" }],
  "loss": "binary_cross_entropy", "data": { "source": "xor", "samples": 64, "noise": 0 },
  "training": { "optimizer": "adam", "learningRate": 0.03, "batchSize": 8, "epochs": ${epochs}, "seed": 4, "validationSplit": 0 } }`;
const STREAM: StreamSettings = { rate: 30, quantities: ['dW'], layers: 'all', sample: 0 };

async function runner(stream: StreamSettings, epochs = 100_000) {
  const posted: WorkerToHostMessage[] = [];
  const training = new TrainingRunner((message) => {
    posted.push(message);
    if (message.type === 'snapshot') queueMicrotask(() => training.handle({ type: 'ack', seq: message.seq }));
  });
  const { spec, dataset } = await synthetic(xor(epochs));
  training.handle({ type: 'configure', spec, dataset, stream, interrupt: new SharedArrayBuffer(8) });
  return { training, posted };
}

async function until(what: string, condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 5));
  }
}

const states = (posted: WorkerToHostMessage[]) => posted.filter((m): m is Extract<WorkerToHostMessage, { type: 'state' }> => m.type === 'state');
const snapshots = (posted: WorkerToHostMessage[]) => posted.filter((m): m is SnapshotMessage => m.type === 'snapshot');
const lastStep = (posted: WorkerToHostMessage[]) => snapshots(posted).at(-1)?.run.step ?? 0;

test('at 10 steps/s, three steps take at least two intervals (200 ms)', async () => {
  const { training, posted } = await runner({ ...STREAM, pace: '10' });
  const started = performance.now();
  training.handle({ type: 'start' });
  // At 10 steps/s and 30 snapshots/s every step is captured.
  await until('step 3', () => lastStep(posted) >= 3);
  const elapsed = performance.now() - started;
  training.handle({ type: 'pause' });
  assert.ok(elapsed >= 195, `3 steps in ${elapsed.toFixed(0)} ms`);
});

test('a faster pace applies mid-run at once, and Step ignores the pace', async () => {
  const { training, posted } = await runner({ ...STREAM, pace: '1' });
  training.handle({ type: 'start' });
  await until('the first step', () => lastStep(posted) >= 1);
  // At 1 step/s the next step is a second away; full speed must not wait for it.
  const switched = performance.now();
  training.handle({ type: 'setStream', stream: { ...STREAM, pace: 'full' } });
  await until('50 steps', () => (states(posted).at(-1)?.step ?? 0) >= 50 || lastStep(posted) >= 50);
  assert.ok(performance.now() - switched < 1000, 'full speed did not wait out the 1 s interval');

  training.handle({ type: 'setStream', stream: { ...STREAM, pace: '1' } });
  training.handle({ type: 'pause' });
  await until('paused', () => states(posted).at(-1)?.state === 'paused');
  const pausedAt = states(posted).at(-1)!.step;
  const stepping = performance.now();
  training.handle({ type: 'step', count: 5 });
  await until('5 steps', () => states(posted).at(-1)?.step === pausedAt + 5);
  assert.ok(performance.now() - stepping < 1000, 'five Steps at 1 step/s did not take 4 s');
});

test('a finished run\'s last snapshot is its last step, whatever the snapshot rate', async () => {
  const { training, posted } = await runner({ ...STREAM, rate: 1, pace: 'full' }, 50);
  training.handle({ type: 'start' });
  await until('finished', () => states(posted).at(-1)?.state === 'finished');
  const finished = states(posted).at(-1)!;
  assert.equal(finished.step, 50 * 8, '64 samples in batches of 8, 50 epochs');
  assert.equal(lastStep(posted), finished.step);
});

test('Pause and Stop rest on a step whose snapshot was sent', async () => {
  const { training, posted } = await runner({ ...STREAM, rate: 1, pace: 'full' });
  training.handle({ type: 'start' });
  await until('some steps after the first snapshot', () => snapshots(posted).length >= 1);
  await new Promise((done) => setTimeout(done, 50));
  training.handle({ type: 'pause' });
  await until('paused', () => states(posted).at(-1)?.state === 'paused');
  const paused = states(posted).at(-1)!;
  assert.ok(paused.step > 1, `paused at ${paused.step}`);
  assert.equal(lastStep(posted), paused.step);

  training.handle({ type: 'resume' });
  await new Promise((done) => setTimeout(done, 50));
  training.handle({ type: 'stop' });
  await until('finished', () => states(posted).at(-1)?.state === 'finished');
  const stopped = states(posted).at(-1)!;
  assert.ok(stopped.step > paused.step);
  assert.equal(lastStep(posted), stopped.step);
});
