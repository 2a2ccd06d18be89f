// The training worker as the host sees it: a real worker_threads Worker running dist/worker.js.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { TrainingWorkerClient } from '../../../src/worker/client';
import type { WorkerToHostMessage, StreamSettings } from '../../../src/protocol/workerMessages';
import type { SnapshotMessage } from '../../../src/protocol/panelMessages';
import { randomClassification, synthetic } from './models';
import { LIMITS } from '../../../src/core/limits';

const WORKER = resolve(__dirname, '../../../../dist/worker.js');
const SPIRALS = `{ "name": "spirals", "layers": [{ "units": 16, "activation": "tanh" }, { "units": 16, "activation": "tanh" }, { "units": 3, "activation": "softmax" }],
  "loss": "cross_entropy", "data": { "source": "spirals", "samples": 300, "classes": 3 },
  "training": { "optimizer": "sgd", "learningRate": 0.1, "batchSize": 32, "epochs": 100000, "seed": 3 } }`;
const FULL_STREAM: StreamSettings = { rate: 30, quantities: ['a', 'delta', 'dW', 'W'], layers: 'all', sample: 0 };

const clients: TrainingWorkerClient[] = [];
after(async () => { await Promise.all(clients.map((c) => c.dispose())); });

async function configuredWorker(text = SPIRALS, stream = FULL_STREAM) {
  const client = new TrainingWorkerClient(WORKER);
  clients.push(client);
  const { spec, dataset } = await synthetic(text);
  const configured = client.waitFor((m) => m.type === 'configured');
  client.post({ type: 'configure', spec, dataset, stream, interrupt: client.interruptFlag });
  await configured;
  return client;
}

const isState = (state: string) => (m: WorkerToHostMessage) => m.type === 'state' && m.state === state;
const isSnapshot = (m: WorkerToHostMessage): m is SnapshotMessage => m.type === 'snapshot';

test('start, pause, step, resume, stop and reset round trips', async () => {
  const client = await configuredWorker();
  const seen: WorkerToHostMessage[] = [];
  client.onMessage((m) => { seen.push(m); if (m.type === 'snapshot') client.post({ type: 'ack', seq: m.seq }); });

  client.post({ type: 'start' });
  await client.waitFor(isState('training'));
  await client.waitFor(isSnapshot);
  client.post({ type: 'pause' });
  const paused = await client.waitFor(isState('paused'));
  assert.equal(paused.type === 'state' && paused.step > 0, true, 'some steps ran before the pause');
  const pausedAt = paused.type === 'state' ? paused.step : -1;

  // Nothing trains while paused.
  await new Promise((r) => setTimeout(r, 150));
  const stepsAfterPause = seen.filter((m) => m.type === 'snapshot' && m.run.step > pausedAt);
  assert.equal(stepsAfterPause.length, 0);

  // Step once: exactly one more batch, and a snapshot of exactly that step.
  client.post({ type: 'step', count: 1 });
  const stepped = await client.waitFor(isSnapshot);
  assert.equal(stepped.run.step, pausedAt + 1);
  const pausedAgain = await client.waitFor(isState('paused'));
  assert.equal(pausedAgain.type === 'state' && pausedAgain.step, pausedAt + 1);

  client.post({ type: 'step', count: 10 });
  const tenth = await client.waitFor((m) => m.type === 'snapshot' && m.run.step === pausedAt + 11);
  assert.ok(tenth);

  client.post({ type: 'resume' });
  await client.waitFor(isState('training'));
  client.post({ type: 'stop' });
  await client.waitFor(isState('finished'));
  client.post({ type: 'reset' });
  const reset = await client.waitFor(isState('paused'));
  assert.equal(reset.type === 'state' && reset.step, 0);

  // After reset, the first step reproduces the run's first step exactly (same seed). Step 1 is
  // always streamed (the gate is open before the first snapshot), so there is one to compare with.
  const firstLoss = seen.find((m): m is SnapshotMessage => m.type === 'snapshot' && m.run.step === 1)?.run.loss;
  assert.ok(firstLoss !== undefined, 'the run streamed its first step');
  client.post({ type: 'step', count: 1 });
  const again = await client.waitFor(isSnapshot);
  assert.equal(again.run.step, 1);
  assert.equal(again.run.loss, firstLoss);
});

test('snapshots carry the requested tensors with their shapes, and statistics for every layer', async () => {
  const client = await configuredWorker(SPIRALS, { rate: 30, quantities: ['a', 'dW'], layers: [2], sample: 4 });
  client.post({ type: 'step', count: 1 });
  const snapshot = await client.waitFor(isSnapshot);
  assert.equal(snapshot.layers.length, 3);
  assert.deepEqual(Object.keys(snapshot.layers[0].tensors), []);
  assert.deepEqual(Object.keys(snapshot.layers[1].tensors).sort(), ['a', 'dW']);
  assert.deepEqual(snapshot.layers[1].tensors.a!.shape, [32, 16]);
  assert.deepEqual(snapshot.layers[1].tensors.dW!.shape, [16, 16]);
  assert.ok(snapshot.layers[1].tensors.dW!.data instanceof Float32Array);
  assert.equal(snapshot.layers[1].tensors.dW!.data.length, 256);
  assert.equal(snapshot.run.sampleIndex, 4);
  for (const layer of snapshot.layers) assert.ok(layer.stats.gradientNorm > 0);
});

test('an empty layer list streams statistics but no tensors (every card collapsed)', async () => {
  const client = await configuredWorker(SPIRALS, { rate: 30, quantities: ['a', 'dW'], layers: [], sample: 0 });
  client.post({ type: 'step', count: 1 });
  const snapshot = await client.waitFor(isSnapshot);
  assert.deepEqual(snapshot.layers.map((layer) => Object.keys(layer.tensors).length), [0, 0, 0]);
  assert.ok(snapshot.layers.every((layer) => layer.stats.gradientNorm > 0));
});

test('snapshots never exceed the configured rate, whatever the training speed', async () => {
  const client = await configuredWorker(SPIRALS, { ...FULL_STREAM, rate: 10 });
  let snapshots = 0;
  client.onMessage((m) => { if (m.type === 'snapshot') { snapshots++; client.post({ type: 'ack', seq: m.seq }); } });
  client.post({ type: 'start' });
  await client.waitFor(isState('training'));
  const started = performance.now();
  await new Promise((r) => setTimeout(r, 2000));
  client.post({ type: 'pause' });
  await client.waitFor(isState('paused'));
  const seconds = (performance.now() - started) / 1000;
  assert.ok(snapshots <= Math.ceil(10 * seconds) + 1, `${snapshots} snapshots in ${seconds.toFixed(2)} s at 10/s`);
  assert.ok(snapshots >= 10, `a prompt consumer should receive close to the rate, got ${snapshots}`);
});

test('a consumer that never acknowledges receives at most two snapshots while training goes on, and the one the pause rests on', async () => {
  const client = await configuredWorker(SPIRALS, { ...FULL_STREAM, rate: 60 });
  let snapshots = 0;
  client.onMessage((m) => { if (m.type === 'snapshot') snapshots++; });
  client.post({ type: 'start' });
  await new Promise((r) => setTimeout(r, 1000));
  client.post({ type: 'pause' });
  const paused = await client.waitFor(isState('paused'));
  assert.equal(snapshots, 3, 'two in flight, then the closing step of the pause');
  assert.ok(paused.type === 'state' && paused.step > 100, 'training was not held back by the slow consumer');
});

test('terminating a worker mid-step ends the thread and rejects pending waits', async () => {
  const { spec, dataset } = randomClassification(`{ "name": "big", "input": 512, "layers": [{ "units": 1024, "activation": "relu" }, { "units": 10, "activation": "softmax" }],
    "loss": "cross_entropy", "data": { "source": "csv", "path": "random.csv", "target": "label" }, "training": { "batchSize": 256, "validationSplit": 0 } }`, 512, 512, 10);
  const client = new TrainingWorkerClient(WORKER);
  client.post({ type: 'configure', spec, dataset, stream: FULL_STREAM, interrupt: client.interruptFlag });
  await client.waitFor((m) => m.type === 'configured', 60_000);
  client.post({ type: 'start' });
  await client.waitFor(isState('training'));
  const never = client.waitFor((m) => m.type === 'gradientCheck', 60_000);
  const exited = new Promise<number>((resolve) => client.onExit((code) => resolve(code)));
  await client.dispose();
  assert.equal(client.hasExited, true);
  assert.equal(typeof (await exited), 'number');
  await assert.rejects(never, /exited/);
  assert.throws(() => client.post({ type: 'pause' }), /has exited/);
});

test('commands before configure and bad configurations come back as typed errors', async () => {
  const client = new TrainingWorkerClient(WORKER);
  clients.push(client);
  client.post({ type: 'start' });
  const notConfigured = await client.waitFor((m) => m.type === 'error');
  assert.equal(notConfigured.type === 'error' && notConfigured.code, 'not-configured');
  const { spec, dataset } = await synthetic(SPIRALS);
  client.post({ type: 'configure', spec: { ...spec, input: 5 }, dataset, stream: FULL_STREAM, interrupt: client.interruptFlag });
  const invalid = await client.waitFor((m) => m.type === 'error');
  assert.equal(invalid.type === 'error' && invalid.code, 'invalid-configuration');
  assert.match(invalid.type === 'error' ? invalid.message : '', /input columns/);
});

test('a learning rate that makes training diverge pauses it and names the layer and quantity', async () => {
  // The largest η a file may set, on a regression net whose weights blow up within a few steps.
  const client = await configuredWorker(`{ "name": "diverging", "layers": [{ "units": 16, "activation": "relu" }, { "units": 1, "activation": "linear" }],
    "loss": "mse", "data": { "source": "sine", "samples": 64 }, "training": { "optimizer": "sgd", "learningRate": ${LIMITS.maxLearningRate}, "batchSize": 16, "epochs": 1000 } }`, FULL_STREAM);
  client.onMessage((m) => { if (m.type === 'snapshot') client.post({ type: 'ack', seq: m.seq }); });
  client.post({ type: 'start' });
  const error = await client.waitFor((m) => m.type === 'error', 20_000);
  assert.equal(error.type === 'error' && error.code, 'non-finite');
  assert.ok(error.type === 'error' && typeof error.layer === 'number' && error.quantity !== undefined);
  assert.match(error.type === 'error' ? error.message : '', /smaller learning rate/);
  await client.waitFor(isState('diverged'));
});

/** 669 706 parameters, two forward passes each: uninterrupted, a full check runs for hours. */
const BIG_CHECK = `{ "name": "big check", "input": 784, "layers": [{ "units": 512, "activation": "relu" }, { "units": 512, "activation": "relu" }, { "units": 10, "activation": "softmax" }],
  "loss": "cross_entropy", "data": { "source": "csv", "path": "random.csv", "target": "label" }, "training": { "batchSize": 16, "validationSplit": 0 } }`;

test('a full gradient check of a 784-512-512-10 net is abandoned promptly on cancel or pause', async () => {
  const { spec, dataset } = randomClassification(BIG_CHECK, 256, 784, 10);
  const client = new TrainingWorkerClient(WORKER);
  clients.push(client);
  client.post({ type: 'configure', spec, dataset, stream: FULL_STREAM, interrupt: client.interruptFlag });
  await client.waitFor((m) => m.type === 'configured', 60_000);
  // One training step (a forward and a backward pass of the batch) timed here and now: the check
  // must end within a few of those, however busy the machine is.
  const stepAsked = performance.now();
  client.post({ type: 'step', count: 1 });
  await client.waitFor(isSnapshot, 60_000);
  const bound = Math.max(1000, 20 * (performance.now() - stepAsked));
  for (const interruption of [{ type: 'cancelGradientCheck' }, { type: 'pause' }] as const) {
    const abandoned = client.waitFor((m) => m.type === 'gradientCheckInterrupted' || m.type === 'gradientCheck', 60_000);
    client.post({ type: 'gradientCheck' });
    // Posting raised the shared interrupt flag; the worker lowers it when it takes the message up,
    // so a lowered flag means the check is running.
    const flag = new Int32Array(client.interruptFlag);
    while (Atomics.load(flag, 0) !== 0) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 100)); // well inside the check
    const asked = performance.now();
    client.post(interruption);
    const reply = await abandoned;
    const latency = performance.now() - asked;
    assert.equal(reply.type, 'gradientCheckInterrupted', `${interruption.type} interrupts the check`);
    // One parameter's two forward passes take less than a step; the bound leaves room for a loaded
    // machine while staying far below the hours an uninterrupted check would take.
    assert.ok(latency < bound, `${interruption.type}: the check ended ${latency.toFixed(1)} ms after it was asked (bound ${bound.toFixed(0)} ms)`);
  }
  // The worker is responsive afterwards: a step still runs.
  client.post({ type: 'step', count: 1 });
  const stepped = await client.waitFor(isSnapshot, 60_000);
  assert.equal(stepped.run.step, 2);
});

test('a cancel posted right behind its gradient check, before the worker takes the check up, still cancels it', async () => {
  const { spec, dataset } = randomClassification(BIG_CHECK, 64, 784, 10);
  const client = new TrainingWorkerClient(WORKER);
  clients.push(client);
  const answer = client.waitFor((m) => m.type === 'gradientCheckInterrupted' || m.type === 'gradientCheck', 60_000);
  // All three queued while the thread is still starting: taking the check up lowers the interrupt
  // flag the cancel raised, so only the cancelled ticket in the shared buffer can stop this
  // check, which would otherwise run for hours.
  client.post({ type: 'configure', spec, dataset, stream: FULL_STREAM, interrupt: client.interruptFlag });
  client.post({ type: 'gradientCheck' });
  client.post({ type: 'cancelGradientCheck' });
  assert.equal((await answer).type, 'gradientCheckInterrupted');
  // The cancel covers the checks asked for before it, not the next one.
  const next = client.waitFor((m) => m.type === 'gradientCheckInterrupted' || m.type === 'gradientCheck', 60_000);
  client.post({ type: 'gradientCheck', samplesPerLayer: 1 });
  const reply = await next;
  assert.equal(reply.type, 'gradientCheck');
  if (reply.type === 'gradientCheck') assert.equal(reply.report.layers.length, 3);
});

test('training goes on after a command that interrupts a step without stopping the run (a dump, a check, a cancel)', async () => {
  const client = await configuredWorker();
  client.onMessage((m) => { if (m.type === 'snapshot') client.post({ type: 'ack', seq: m.seq }); });
  client.post({ type: 'start' });
  await client.waitFor(isState('training'));
  for (const command of [{ type: 'dumpStep' }, { type: 'cancelGradientCheck' }, { type: 'gradientCheck', samplesPerLayer: 2 }] as const) {
    await client.waitFor(isSnapshot);
    client.post(command);
    const before = await client.waitFor(isSnapshot);
    // Snapshots keep coming from later steps: the loop was woken after the command.
    const later = await client.waitFor((m): m is SnapshotMessage => isSnapshot(m) && m.run.step > before.run.step + 20, 10_000);
    assert.ok(later, `${command.type}: training continued`);
  }
  client.post({ type: 'pause' });
  await client.waitFor(isState('paused'));
});
