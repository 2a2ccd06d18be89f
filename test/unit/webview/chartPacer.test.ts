// The panel's chart pacing: while training each chart renders at most once per interval, in idle
// periods (the chart rendered longest ago first), or once it waited too long without idle time in
// the next snapshot frame or a task of its own, one chart at a time; always with its newest
// request in the end. An immediate request renders at once, and a cancelled chart not at all.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ChartPacer, type IdleScheduler } from '../../../webview/chartPacer';

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Idle periods the test hands out by hand: `idle(ms)` runs the waiting callback with `ms` of idle time. */
function manualIdle(): { scheduler: IdleScheduler; idle(ms: number): boolean; readonly waiting: boolean; readonly timeoutMs: number } {
  let waiting: ((timeRemaining: () => number) => void) | undefined;
  let timeoutMs = Number.NaN;
  return {
    scheduler: (callback, timeout) => {
      assert.equal(waiting, undefined, 'one idle callback at a time');
      waiting = callback;
      timeoutMs = timeout;
      return () => { waiting = undefined; };
    },
    get timeoutMs() {
      return timeoutMs;
    },
    idle(ms) {
      const callback = waiting;
      waiting = undefined;
      if (callback === undefined) return false;
      const end = performance.now() + ms;
      callback(() => Math.max(0, end - performance.now()));
      return true;
    },
    get waiting() {
      return waiting !== undefined;
    },
  };
}

test('nothing renders inside the request: a chart waits for an idle period, and a short one renders only one chart', () => {
  const idle = manualIdle();
  const pacer = new ChartPacer(60, 120, idle.scheduler);
  const rendered: string[] = [];
  const [loss, norms, histogram] = [{}, {}, {}];
  pacer.request(loss, () => rendered.push('loss'), false);
  pacer.request(norms, () => rendered.push('norms'), false);
  pacer.request(histogram, () => rendered.push('histogram'), false);
  assert.deepEqual(rendered, []);
  assert.equal(pacer.pending, 3);
  idle.idle(1);
  assert.deepEqual(rendered, ['loss'], 'too short an idle period for a second chart');
  idle.idle(50);
  assert.deepEqual(rendered, ['loss', 'norms', 'histogram'], 'a long one renders the rest, oldest request first');
  assert.equal(pacer.pending, 0);
  assert.equal(idle.waiting, false, 'nothing left to schedule');
});

test('a burst for one chart renders the newest request only, one interval after the last render', async () => {
  const idle = manualIdle();
  const pacer = new ChartPacer(60, 120, idle.scheduler);
  const chart = {};
  const rendered: number[] = [];
  pacer.request(chart, () => rendered.push(0), false);
  idle.idle(50);
  for (let i = 1; i <= 5; i++) pacer.request(chart, () => rendered.push(i), false);
  assert.equal(idle.waiting, false, 'inside the interval it waits for a timer, not for idle time');
  await sleep(25);
  assert.equal(idle.waiting, false, 'and still waits well inside the interval');
  await sleep(60);
  assert.equal(idle.idle(50), true);
  assert.deepEqual(rendered, [0, 5], 'one render after the interval, with the newest request');
  await sleep(80);
  assert.equal(idle.waiting, false, 'nothing more without new requests');
});

test('without idle time: the charts render one per task, the least recently rendered first, within two intervals', async () => {
  const idle = manualIdle();
  const pacer = new ChartPacer(40, 80, idle.scheduler);
  const [loss, norms] = [{}, {}];
  const rendered: string[] = [];
  pacer.request(loss, () => rendered.push('loss'), false);
  assert.equal(idle.timeoutMs, 0, 'a chart never rendered has waited long enough');
  idle.idle(50);
  pacer.request(norms, () => rendered.push('norms'), false);
  pacer.request(loss, () => rendered.push('loss again'), false);
  assert.equal(idle.timeoutMs, 0);
  idle.idle(0);
  assert.deepEqual(rendered, ['loss', 'norms'], 'a timed-out callback renders one chart: the one never rendered');
  await sleep(50);
  assert.ok(idle.waiting && idle.timeoutMs <= 40, `once due, the loss chart waits for idle time at most one more interval, got ${idle.timeoutMs} ms`);
  idle.idle(0);
  assert.deepEqual(rendered, ['loss', 'norms', 'loss again']);
});

test('a snapshot frame renders one overdue chart, and none that is merely due', async () => {
  const idle = manualIdle();
  const pacer = new ChartPacer(30, 60, idle.scheduler);
  const [loss, norms] = [{}, {}];
  const rendered: string[] = [];
  pacer.request(loss, () => rendered.push('loss'), false);
  pacer.request(norms, () => rendered.push('norms'), false);
  idle.idle(50);
  pacer.request(loss, () => rendered.push('loss 2'), false);
  pacer.request(norms, () => rendered.push('norms 2'), false);
  await sleep(40);
  pacer.renderOverdue();
  assert.deepEqual(rendered, ['loss', 'norms'], 'due, but the idle time may still come');
  await sleep(40);
  pacer.renderOverdue();
  assert.deepEqual(rendered, ['loss', 'norms', 'loss 2'], 'overdue: one chart in this frame');
  pacer.renderOverdue();
  assert.deepEqual(rendered, ['loss', 'norms', 'loss 2', 'norms 2'], 'and the other in the next');
  assert.equal(pacer.pending, 0);
});

test('flush renders every waiting chart at once (the run stopped streaming)', () => {
  const idle = manualIdle();
  const pacer = new ChartPacer(60, 120, idle.scheduler);
  const rendered: string[] = [];
  pacer.request({}, () => rendered.push('loss'), false);
  pacer.request({}, () => rendered.push('norms'), false);
  pacer.flush();
  assert.deepEqual(rendered, ['loss', 'norms']);
  assert.equal(pacer.pending, 0);
  assert.equal(idle.waiting, false, 'nothing left scheduled');
});

test('an immediate request renders at once and drops the one waiting for that chart only', () => {
  const idle = manualIdle();
  const pacer = new ChartPacer(60, 120, idle.scheduler);
  const [loss, norms] = [{}, {}];
  const rendered: string[] = [];
  pacer.request(loss, () => rendered.push('loss live'), false);
  pacer.request(norms, () => rendered.push('norms live'), false);
  pacer.request(loss, () => rendered.push('loss paused'), true);
  assert.deepEqual(rendered, ['loss paused']);
  idle.idle(50);
  assert.deepEqual(rendered, ['loss paused', 'norms live'], 'the other chart still renders its request');
});

test('cancel drops the waiting render of one chart, or of all', () => {
  const idle = manualIdle();
  const pacer = new ChartPacer(60, 120, idle.scheduler);
  const [loss, norms] = [{}, {}];
  const rendered: string[] = [];
  pacer.request(loss, () => rendered.push('loss'), false);
  pacer.request(norms, () => rendered.push('norms'), false);
  pacer.cancel(loss);
  idle.idle(50);
  assert.deepEqual(rendered, ['norms']);
  pacer.request(loss, () => rendered.push('old layout'), false);
  pacer.cancel();
  assert.equal(idle.waiting, false);
  assert.equal(pacer.pending, 0);
  assert.deepEqual(rendered, ['norms']);
});

test('without requestIdleCallback (Node) the default scheduler still renders every chart', async () => {
  const pacer = new ChartPacer(20, 40);
  const rendered: number[] = [];
  const chart = {};
  for (let i = 1; i <= 3; i++) {
    pacer.request(chart, () => rendered.push(i), false);
    await sleep(40);
    assert.deepEqual(rendered.at(-1), i);
  }
});
