// The timeline's memory bound, measured: a 784-128-10 network at batch 32 streams ≈ 0.45 MB of
// tensors per snapshot, so the default budget (200 snapshots, 64 MiB) is bound by bytes. After
// 400 snapshots the panel's memory (JS heap plus ArrayBuffer backing stores, garbage collected,
// read over CDP) holds about the budget, and 200 more do not grow it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ModelMessage } from '../../src/protocol/panelMessages';
import { DEFAULT_TIMELINE_BUDGET } from '../../src/protocol/timeline';
import { callHook } from './support/hooks';
import type { PanelPage } from './support/panelPage';
import { useBrowser } from './support/session';

const { panel: openPanel } = useBrowser();

const MODEL: ModelMessage = {
  type: 'model', name: 'mnist-784-128-10', input: 784, batchSize: 32,
  layers: [{ index: 1, units: 128, inputs: 784, activation: 'relu' }, { index: 2, units: 10, inputs: 128, activation: 'softmax' }],
  run: { id: 1, reason: 'load' },
};

/** Delivers snapshots of steps from..to with fresh random tensors of the model's shapes, as the host would. */
async function stream(panel: PanelPage, from: number, to: number): Promise<void> {
  for (let start = from; start <= to; start += 25) {
    const end = Math.min(to, start + 24);
    await panel.page.evaluate(([first, last, model]) => {
      const summary = { mean: 0, std: 1, min: -1, max: 1 };
      const random = (length: number) => Float32Array.from({ length }, () => Math.random() - 0.5);
      for (let step = first; step <= last; step++) {
        const layers = model.layers.map((layer) => ({
          ...layer,
          stats: { weightNorm: 1, gradientNorm: 0.1, deltaNorm: 0.1, activation: summary, delta: summary, weightGradient: summary, deadFraction: 0, saturatedFraction: 0, updateRatio: 1e-3 },
          tensors: {
            a: { shape: [model.batchSize, layer.units], data: random(model.batchSize * layer.units) },
            delta: { shape: [model.batchSize, layer.units], data: random(model.batchSize * layer.units) },
            dW: { shape: [layer.units, layer.inputs], data: random(layer.units * layer.inputs) },
            db: { shape: [layer.units], data: random(layer.units) },
          },
        }));
        const run = { state: 'training', step, epoch: 0, loss: 1, stepsPerSecond: 100, learningRate: 0.1, sampleIndex: 0, batchSize: model.batchSize };
        window.dispatchEvent(new MessageEvent('message', { data: { type: 'snapshot', seq: step, run, layers } }));
      }
    }, [start, end, MODEL] as const);
    await panel.waitForAck(end);
  }
}

test('heap with a full timeline stays near the byte budget, and flat beyond it', async (t) => {
  const panel = await openPanel();
  const cdp = await panel.page.context().newCDPSession(panel.page);
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    // Typed arrays keep their data outside the JS heap proper: count the ArrayBuffer backing stores too.
    const usage = await cdp.send('Runtime.getHeapUsage') as { usedSize: number; backingStorageSize?: number };
    assert.ok(usage.backingStorageSize !== undefined, 'this Chromium reports ArrayBuffer backing stores');
    return usage.usedSize + usage.backingStorageSize;
  };
  const timeline = () => callHook(panel, 'timeline');

  await panel.send(MODEL);
  await stream(panel, 1, 2);
  const empty = await heap();
  const budget = DEFAULT_TIMELINE_BUDGET.maxBytes;
  await stream(panel, 3, 400);
  const full = await timeline();
  const heapFull = await heap();
  await stream(panel, 401, 600);
  const heapLater = await heap();
  const later = await timeline();
  const MiB = 2 ** 20;
  t.diagnostic(`kept ${full.steps.length} snapshots (steps ${full.steps[0]}..${full.steps[full.steps.length - 1]}), estimated ${(full.bytes / MiB).toFixed(1)} MiB; `
    + `memory ${(empty / MiB).toFixed(1)} MiB with 2 snapshots, ${(heapFull / MiB).toFixed(1)} MiB after 400, ${(heapLater / MiB).toFixed(1)} MiB after 600`);

  assert.ok(full.bytes <= budget, `estimate ${full.bytes} within the budget ${budget}`);
  assert.ok(full.steps.length < DEFAULT_TIMELINE_BUDGET.snapshots, 'the byte bound, not the count, limits this model');
  assert.equal(later.steps[later.steps.length - 1], 600);
  assert.equal(later.steps.length, full.steps.length);
  // The estimate is honest: what the heap gained is the kept tensors, give or take 25%.
  const gained = heapFull - empty;
  assert.ok(gained > 0.75 * full.bytes && gained < 1.25 * full.bytes + 8 * MiB, `heap gained ${gained} for ${full.bytes} estimated`);
  // Bounded: 200 more snapshots did not grow it (beyond noise).
  assert.ok(heapLater < heapFull + 8 * MiB, `heap ${heapFull} → ${heapLater}`);
  await cdp.detach();
  await panel.close();
});
