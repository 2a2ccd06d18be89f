// The training runner's input-space stream, in-process: points once per configuration (before
// `configured`), prediction grids only while asked for, with snapshots and at most the rate.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PredictionGridMessage } from '../../../src/protocol/inputSpace';
import { INPUT_SPACE_LIMITS } from '../../../src/core/limits';
import type { StreamSettings, WorkerToHostMessage } from '../../../src/protocol/workerMessages';
import { TrainingRunner } from '../../../src/worker/runner';
import { synthetic } from './models';

const XOR = `{ "name": "xor", "layers": [{ "units": 8, "activation": "tanh" }, { "units": 1, "activation": "sigmoid" }],
  "loss": "binary_cross_entropy", "data": { "source": "xor", "samples": 200, "noise": 0 },
  "training": { "optimizer": "adam", "learningRate": 0.03, "batchSize": 8, "epochs": 100000, "seed": 4 } }`;
const STREAM: StreamSettings = { rate: 60, quantities: [], layers: [], sample: 0 };

async function runner(stream: StreamSettings) {
  const posted: WorkerToHostMessage[] = [];
  const training = new TrainingRunner((message) => {
    posted.push(message);
    if (message.type === 'snapshot') queueMicrotask(() => training.handle({ type: 'ack', seq: message.seq }));
  });
  const { spec, dataset } = await synthetic(XOR);
  training.handle({ type: 'configure', spec, dataset, stream, interrupt: new SharedArrayBuffer(4) });
  return { training, posted };
}

/** Resolves once `condition` holds (the runner trains in setImmediate slices), or fails after 20 s. */
async function until(what: string, condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 10));
  }
}

const grids = (posted: WorkerToHostMessage[]) => posted.filter((m): m is PredictionGridMessage => m.type === 'predictionGrid');

test('points come once, before configured; no grid while the panel does not ask', async () => {
  const { training, posted } = await runner(STREAM);
  const types = posted.map((m) => m.type);
  assert.equal(types.indexOf('inputPoints'), 0);
  assert.ok(types.indexOf('configured') > 0);
  training.handle({ type: 'start' });
  await until('4 snapshots', () => posted.filter((m) => m.type === 'snapshot').length > 3);
  training.handle({ type: 'pause' });
  assert.equal(grids(posted).length, 0);
  assert.equal(posted.filter((m) => m.type === 'inputPoints').length, 1);
});

test('asked for: one grid at once, then grids with snapshots at most maxRate per second', async () => {
  const { training, posted } = await runner(STREAM);
  training.handle({ type: 'setStream', stream: { ...STREAM, inputSpace: true } });
  assert.equal(grids(posted).length, 1, 'sent when turned on, while paused');
  training.handle({ type: 'start' });
  const started = performance.now();
  await until('2 grids while training', () => grids(posted).length >= 3);
  await new Promise((done) => setTimeout(done, 500)); // and some more time, for the rate bound to bite
  training.handle({ type: 'pause' });
  // Pausing after a step the panel was not shown runs one more step, shown, first.
  await until('the pause', () => posted.filter((m) => m.type === 'state').at(-1)?.state === 'paused');
  const seconds = (performance.now() - started) / 1000;
  const live = grids(posted).slice(1, -1); // without the one at switch-on and the one at the pause
  assert.ok(live.length >= 2, `${live.length} grids while training`);
  assert.ok(live.length <= Math.ceil(seconds * INPUT_SPACE_LIMITS.maxRate) + 1, `${live.length} grids in ${seconds.toFixed(2)} s`);
  const last = grids(posted).at(-1)!;
  const paused = posted.filter((m) => m.type === 'state').at(-1)!;
  assert.equal(paused.type === 'state' && last.step, paused.type === 'state' && paused.step, 'the grid at the pause is of the weights the run rests at');
  training.handle({ type: 'setStream', stream: { ...STREAM, inputSpace: false } });
  const count = grids(posted).length;
  const pausedAt = paused.type === 'state' ? paused.step : -1;
  training.handle({ type: 'step', count: 3 });
  await until('the three steps', () => posted.some((m) => m.type === 'state' && m.state === 'paused' && m.step === pausedAt + 3));
  assert.equal(grids(posted).length, count, 'nothing once the panel stopped showing the view');
});
