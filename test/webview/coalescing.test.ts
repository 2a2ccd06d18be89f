// Frame scheduling: snapshots that arrive faster than frames are coalesced to the newest, one
// cumulative ack covers them, and a snapshot equal to what is on screen redraws nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MODEL_MESSAGE, syntheticSnapshot } from '../fixtures/snapshots/mlp2-16-16-3';
import { useBrowser } from './support/session';

const { panel: openPanel } = useBrowser();
const HEATMAPS = 3 * 6;

test('ten snapshots in one tick: only the last is drawn, one ack covers all ten', async () => {
  const panel = await openPanel();
  const burst = Array.from({ length: 10 }, (_, i) => syntheticSnapshot(i + 1, 100 + i));
  await panel.send(MODEL_MESSAGE, ...burst);
  await panel.waitForAck(10);
  const acks = (await panel.posted()).filter((m) => m.type === 'ack');
  assert.deepEqual(acks, [{ type: 'ack', seq: 10 }]);
  const drawn = await panel.page.evaluate(() => [document.body.dataset.drawnFrames, document.body.dataset.drawnSeq]);
  assert.deepEqual(drawn, ['1', '10']);
  assert.equal(await panel.page.locator('[data-field="progress"]').textContent(), 'step 109 · epoch 4');

  await panel.send(syntheticSnapshot(11, 110));
  await panel.waitForAck(11);
  assert.deepEqual((await panel.posted()).filter((m) => m.type === 'ack').map((m) => m.type === 'ack' && m.seq), [10, 11]);
  await panel.close();
});

test('only what changed is redrawn', async () => {
  const panel = await openPanel();
  await panel.send(MODEL_MESSAGE, syntheticSnapshot(1, 5));
  await panel.waitForAck(1);
  const first = await panel.drawImageCalls();
  assert.equal(first, HEATMAPS, 'one drawImage per heatmap for the first snapshot');

  // Same step again: new arrays with equal values, so no canvas is touched, but it is still acked.
  await panel.send(syntheticSnapshot(2, 5));
  await panel.waitForAck(2);
  assert.equal(await panel.drawImageCalls(), first);

  // Only ∂L/∂W⁽²⁾ changes: exactly one canvas redraws.
  const changed = syntheticSnapshot(3, 5);
  ((changed.layers[1].tensors.dW?.data ?? []) as number[])[0] = 0.001;
  await panel.send(changed);
  await panel.waitForAck(3);
  assert.equal(await panel.drawImageCalls(), first + 1);

  await panel.send(syntheticSnapshot(4, 6));
  await panel.waitForAck(4);
  assert.equal(await panel.drawImageCalls(), first + 1 + HEATMAPS);
  await panel.close();
});
