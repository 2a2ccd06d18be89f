// Pause overtakes a running step: the worker abandons the step between layers when the host raises
// the interrupt flag. The network here has 26 layers and a step hundreds of times longer than one
// layer, and the pause is sent just as a step begins, so a worker that finished the step before
// pausing would take about a whole step; the bound, a quarter of the step measured on this machine
// in this run, holds on a busy machine too because both scale with it.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { TrainingWorkerClient } from '../../../src/worker/client';
import type { StreamSettings, WorkerToHostMessage } from '../../../src/protocol/workerMessages';
import { randomClassification } from './models';

const WORKER = resolve(__dirname, '../../../../dist/worker.js');
const WIDTH = 256;
const HIDDEN_LAYERS = 24;
const BATCH = 128;
/** Steps per epoch, so no measured step is an epoch's last (whose validation is not interruptible). */
const BATCHES = 16;
const STREAM: StreamSettings = { rate: 30, quantities: ['a', 'delta', 'dW', 'W'], layers: 'all', sample: 0 };
const ROUNDS = 5;

const clients: TrainingWorkerClient[] = [];
after(async () => { await Promise.all(clients.map((c) => c.dispose())); });

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const isState = (state: string, step?: number) => (m: WorkerToHostMessage) => m.type === 'state' && m.state === state && (step === undefined || m.step === step);

test('pause overtakes a step of 26 layers: well under a quarter of the step', { timeout: 600_000 }, async (t) => {
  const hidden = Array.from({ length: HIDDEN_LAYERS }, () => `{ "units": ${WIDTH}, "activation": "relu" }`).join(', ');
  const text = `{ "name": "deep", "input": ${WIDTH}, "layers": [${hidden}, { "units": 10, "activation": "softmax" }],
    "loss": "cross_entropy", "data": { "source": "csv", "path": "random.csv", "target": "label" },
    "training": { "optimizer": "sgd", "learningRate": 0.001, "batchSize": ${BATCH}, "epochs": 1000, "validationSplit": 0 } }`;
  const { spec, dataset } = randomClassification(text, BATCH * BATCHES, WIDTH, 10);
  const client = new TrainingWorkerClient(WORKER);
  clients.push(client);
  client.post({ type: 'configure', spec, dataset, stream: STREAM, interrupt: client.interruptFlag });
  await client.waitFor((m) => m.type === 'configured', 120_000);
  client.onMessage((m) => { if (m.type === 'snapshot') client.post({ type: 'ack', seq: m.seq }); });

  // What one whole step takes here and now (the first includes the JIT's warm-up and is not counted).
  const stepTimes: number[] = [];
  for (let step = 1; step <= 4; step++) {
    const asked = performance.now();
    client.post({ type: 'step', count: 1 });
    await client.waitFor(isState('paused', step), 120_000);
    if (step > 1) stepTimes.push(performance.now() - asked);
  }
  const stepMs = median(stepTimes);

  const latencies: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    client.post({ type: 'resume' });
    // The worker starts a step right after it reports 'training': the pause lands at its beginning.
    await client.waitFor(isState('training'), 120_000);
    const asked = performance.now();
    client.post({ type: 'pause' });
    await client.waitFor(isState('paused'), 120_000);
    latencies.push(performance.now() - asked);
  }
  const pauseMs = median(latencies);
  t.diagnostic(`step ${stepMs.toFixed(1)} ms, pause ${latencies.map((l) => l.toFixed(1)).join(', ')} ms`);
  assert.ok(pauseMs < stepMs / 4,
    `median pause latency ${pauseMs.toFixed(1)} ms against a step of ${stepMs.toFixed(1)} ms (pauses: ${latencies.map((l) => l.toFixed(1)).join(', ')} ms)`);
});
