// The runner's replies to requests with ids: each run command is answered by the state that
// reports its effect (a Step by the pause after its last batch, not the pause it starts from), a
// command with nothing to do by the current state, a refused one by an error, and none twice.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { WorkerToHostMessage } from '../../../src/protocol/workerMessages';
import { TrainingRunner } from '../../../src/worker/runner';
import { synthetic } from './models';

const XOR = `{ "name": "xor", "layers": [{ "units": 4, "activation": "tanh" }, { "units": 1, "activation": "sigmoid" }],
  "loss": "binary_cross_entropy", "data": { "source": "xor", "samples": 32, "noise": 0 },
  "training": { "batchSize": 8, "epochs": 1000, "seed": 2, "validationSplit": 0 } }`;

async function until(what: string, condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 5));
  }
}

const replyTo = (posted: readonly WorkerToHostMessage[], id: number) => posted.filter((m) => 'replyTo' in m && m.replyTo === id);

test('configure, step, pause and start are each answered once, by the message that reports their effect', async () => {
  const posted: WorkerToHostMessage[] = [];
  const runner = new TrainingRunner((message) => {
    posted.push(message);
    if (message.type === 'snapshot') queueMicrotask(() => runner.handle({ type: 'ack', seq: message.seq }));
  });
  const { spec, dataset } = await synthetic(XOR);
  runner.handle({ type: 'configure', id: 1, spec, dataset, stream: { rate: 30, quantities: [], layers: 'all', sample: 0 }, interrupt: new SharedArrayBuffer(8) });
  assert.deepEqual(replyTo(posted, 1).map((m) => m.type === 'state' && [m.state, m.step]), [['paused', 0]]);
  assert.ok(posted.findIndex((m) => m.type === 'configured') < posted.indexOf(replyTo(posted, 1)[0]), '`configured` comes before the reply');

  runner.handle({ type: 'step', id: 2, count: 5 });
  await until('the step\'s reply', () => replyTo(posted, 2).length > 0);
  const stepReply = replyTo(posted, 2)[0];
  assert.deepEqual(stepReply.type === 'state' && [stepReply.state, stepReply.step], ['paused', 5], 'answered after the 5th batch');
  const pausesBefore = posted.slice(0, posted.indexOf(stepReply)).filter((m) => m.type === 'state' && m.state === 'paused' && m.step === 0);
  assert.ok(pausesBefore.some((m) => !('replyTo' in m) || m.replyTo === 1), 'the pause the step started from is no reply to it');

  runner.handle({ type: 'pause', id: 3 });
  assert.deepEqual(replyTo(posted, 3).map((m) => m.type === 'state' && m.state), ['paused'], 'nothing to do: the current state');

  runner.handle({ type: 'start', id: 4 });
  assert.deepEqual(replyTo(posted, 4).map((m) => m.type === 'state' && m.state), ['training']);
  runner.handle({ type: 'stop', id: 5 });
  await until('the stop\'s reply', () => replyTo(posted, 5).length > 0);
  assert.deepEqual(replyTo(posted, 5).map((m) => m.type === 'state' && m.state), ['finished']);

  runner.handle({ type: 'resume', id: 6 });
  assert.deepEqual(replyTo(posted, 6).map((m) => m.type), ['error'], 'a finished run refuses to resume, in a reply');
  for (const id of [1, 2, 3, 4, 5, 6]) assert.equal(replyTo(posted, id).length, 1, `request ${id} answered once`);
});

test('a command before any configuration is refused in a reply', () => {
  const posted: WorkerToHostMessage[] = [];
  const runner = new TrainingRunner((message) => posted.push(message));
  runner.handle({ type: 'dumpStep', id: 7 });
  assert.deepEqual(replyTo(posted, 7).map((m) => m.type === 'error' && m.code), ['not-configured']);
});
