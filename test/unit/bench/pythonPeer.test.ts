// The bench's NumPy and PyTorch peers (a Python child fed raw float32): from the same weights and
// batches, each one's losses over the agreement steps match the engine's pure-TS reference run.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createPeer } from '../../../bench/peers';
import { relativeDifference } from '../../../bench/stats';
import { sharedData, WORKLOADS } from '../../../bench/workloads';

const W2 = WORKLOADS.find((w) => w.id === 'W2')!;

for (const id of ['numpy', 'torch'] as const) {
  test(`the ${id} peer trains W2 as the engine does (losses of ${W2.checkSteps} steps within 1e-4)`, { timeout: 120_000 }, async () => {
    const reference = await createPeer('engine-js', W2, sharedData(W2));
    const peer = await createPeer(id, W2, sharedData(W2));
    assert.ok(typeof reference !== 'string' && typeof peer !== 'string', `peer not started: ${String(peer)}`);
    try {
      const expected = await reference.losses(W2.checkSteps);
      const losses = await peer.losses(W2.checkSteps);
      assert.equal(losses.length, expected.length);
      // The losses fall as training goes: the peer really updates its weights.
      assert.ok(losses[losses.length - 1] < losses[0], `${losses[0]} → ${losses[losses.length - 1]}`);
      losses.forEach((loss, i) => assert.ok(relativeDifference(loss, expected[i]) < 1e-4, `step ${i + 1}: ${loss} vs ${expected[i]}`));
      assert.match(peer.detail, id === 'numpy' ? /numpy .*BLAS/ : /torch .*1 thread/);
    } finally {
      peer.dispose();
      reference.dispose();
    }
  });
}
