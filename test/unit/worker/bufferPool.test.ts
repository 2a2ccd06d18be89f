// Snapshot buffers handed back by the host: reused for tensors of the same size (so a stream in
// steady state allocates nothing), bounded, and deaf to anything that is not a whole-float buffer.
// The runner in-process: a recycled snapshot's buffers carry a later snapshot, whose tensors are
// exactly those of its own step (W of step k+1 = W of step k − η·∂L/∂W of step k, plain SGD).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SnapshotMessage } from '../../../src/protocol/panelMessages';
import { tensorBuffersOf, type WorkerToHostMessage } from '../../../src/protocol/workerMessages';
import { BufferPool } from '../../../src/worker/bufferPool';
import { TrainingRunner } from '../../../src/worker/runner';
import { synthetic } from './models';

test('a given-back buffer serves the next request of its size, and only of its size', () => {
  const pool = new BufferPool();
  const first = pool.take(6);
  assert.equal(first.length, 6);
  pool.give([first.buffer]);
  assert.equal(pool.pooledBytes, 24);
  assert.notEqual(pool.take(5).buffer, first.buffer, 'another size allocates');
  const again = pool.take(6);
  assert.equal(again.buffer, first.buffer, 'same size reuses');
  assert.equal(again.length, 6);
  assert.equal(pool.pooledBytes, 0);
  assert.notEqual(pool.take(6).buffer, first.buffer, 'a buffer serves once');
});

test('the pool keeps at most perSize buffers of a size and maxBytes in all, and ignores junk', () => {
  const pool = new BufferPool(2, 40);
  const buffers = [1, 2, 3].map(() => new ArrayBuffer(16));
  pool.give(buffers);
  assert.equal(pool.pooledBytes, 32, 'two of one size');
  pool.give([new ArrayBuffer(12)]);
  assert.equal(pool.pooledBytes, 32, '32 + 12 would pass maxBytes');
  pool.give([new ArrayBuffer(8), buffers[0], new ArrayBuffer(0), new ArrayBuffer(6), 'text', null, new Float32Array(2), { byteLength: 8 }]);
  assert.equal(pool.pooledBytes, 40, 'only the fresh 8-byte buffer joins: a duplicate, empty, odd-sized or non-buffer is ignored');
  pool.clear();
  assert.equal(pool.pooledBytes, 0);
});

test('the runner fills recycled buffers with later snapshots, and their values are those steps\' own', async () => {
  const model = `{ "name": "blobs", "input": 2, "layers": [{ "units": 5, "activation": "tanh" }, { "units": 3, "activation": "softmax" }],
    "loss": "cross_entropy", "data": { "source": "spirals", "samples": 90, "classes": 3, "noise": 0.1 },
    "training": { "optimizer": "sgd", "learningRate": 0.5, "batchSize": 10, "epochs": 1000, "seed": 3 } }`;
  const { spec, dataset } = await synthetic(model);
  const snapshots: SnapshotMessage[] = [];
  const runner = new TrainingRunner((message: WorkerToHostMessage) => { if (message.type === 'snapshot') snapshots.push(message); });
  runner.handle({ type: 'configure', spec, dataset, stream: { rate: 60, quantities: ['W', 'dW'], layers: 'all', sample: 0 }, interrupt: new SharedArrayBuffer(8) });
  const step = async () => {
    const count = snapshots.length;
    runner.handle({ type: 'step', count: 1 });
    while (snapshots.length === count) await new Promise((done) => setTimeout(done, 1));
    return snapshots[snapshots.length - 1];
  };
  const first = await step();
  // Keep copies: the recycled buffers are overwritten by the next capture.
  const W = first.layers.map((l) => Float32Array.from(l.tensors.W!.data));
  const dW = first.layers.map((l) => Float32Array.from(l.tensors.dW!.data));
  const recycled = tensorBuffersOf(first);
  assert.equal(recycled.length, 4);
  runner.handle({ type: 'recycle', buffers: recycled });
  const second = await step();
  assert.deepEqual(new Set(tensorBuffersOf(second)), new Set(recycled), 'the second snapshot travels in the first one\'s buffers');
  second.layers.forEach((layer, l) => {
    const expected = W[l].map((w, i) => Math.fround(w - 0.5 * dW[l][i]));
    assert.deepEqual(layer.tensors.W!.data, expected, `layer ${l + 1}: W of step 2 = W − η·∂L/∂W of step 1`);
    assert.ok(layer.tensors.dW!.data.some((g, i) => g !== dW[l][i]), `layer ${l + 1}: ∂L/∂W is step 2's`);
  });
});
