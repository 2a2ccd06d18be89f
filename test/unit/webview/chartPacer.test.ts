// The panel's chart pacing: at most one chart render per interval while training, the newest
// request always rendered in the end, and immediate renders when the run is not streaming.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ChartPacer } from '../../../webview/chartPacer';

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

test('a burst renders the first request at once and only the newest of the rest, after the interval', async () => {
  const pacer = new ChartPacer(60);
  const rendered: number[] = [];
  for (let i = 1; i <= 5; i++) pacer.request(() => rendered.push(i), false);
  assert.deepEqual(rendered, [1], 'the first request renders at once, the others wait');
  await sleep(25);
  assert.deepEqual(rendered, [1], 'and they still wait well inside the interval');
  await sleep(75);
  assert.deepEqual(rendered, [1, 5], 'one trailing render, with the newest request');
  await sleep(100);
  assert.deepEqual(rendered, [1, 5], 'nothing more without new requests');
});

test('an immediate request renders at once and drops the one waiting', async () => {
  const pacer = new ChartPacer(60);
  const rendered: string[] = [];
  pacer.request(() => rendered.push('a'), false);
  pacer.request(() => rendered.push('b'), false);
  pacer.request(() => rendered.push('paused'), true);
  assert.deepEqual(rendered, ['a', 'paused']);
  await sleep(100);
  assert.deepEqual(rendered, ['a', 'paused'], 'the waiting request was superseded');
});

test('cancel drops a waiting render', async () => {
  const pacer = new ChartPacer(60);
  const rendered: string[] = [];
  pacer.request(() => rendered.push('a'), false);
  pacer.request(() => rendered.push('old layout'), false);
  pacer.cancel();
  await sleep(100);
  assert.deepEqual(rendered, ['a']);
});

test('requests spaced wider than the interval all render at once', async () => {
  const pacer = new ChartPacer(20);
  const rendered: number[] = [];
  for (let i = 1; i <= 3; i++) {
    pacer.request(() => rendered.push(i), false);
    assert.deepEqual(rendered.at(-1), i);
    await sleep(40);
  }
});
