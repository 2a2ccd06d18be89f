// The panel's chart pacing: while training each chart renders at most once per interval, in idle
// periods (the chart rendered longest ago first), or once it waited too long without idle time in
// the next snapshot frame or a task of its own, one chart at a time; always with its newest
// request in the end. An immediate request renders at once, a flush renders all that waits, and a
// cancelled chart renders not at all.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ChartPacer, type IdleScheduler } from '../../../webview/chartPacer';

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Idle periods the test hands out by hand: `idle(ms)` runs the waiting callback with `ms` of idle time (0: it timed out). */
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

/** A pacer on hand-made idle periods; `request(name, label)` asks for a render of chart `name` that records `label`. */
function pacerOnManualIdle(intervalMs: number, maxWaitMs = 2 * intervalMs) {
  const idle = manualIdle();
  const pacer = new ChartPacer(intervalMs, maxWaitMs, idle.scheduler);
  const rendered: string[] = [];
  const charts = new Map<string, object>();
  const request = (name: string, label = name, immediate = false) => {
    if (!charts.has(name)) charts.set(name, {});
    pacer.request(charts.get(name) as object, () => rendered.push(label), immediate);
  };
  return { idle, pacer, rendered, request, chart: (name: string) => charts.get(name) as object };
}

test('nothing renders inside the request: a chart waits for an idle period, and a short one renders only one chart', () => {
  const { idle, pacer, rendered, request } = pacerOnManualIdle(60);
  for (const name of ['loss', 'norms', 'histogram']) request(name);
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
  const { idle, rendered, request } = pacerOnManualIdle(60);
  request('loss', '0');
  idle.idle(50);
  for (let i = 1; i <= 5; i++) request('loss', String(i));
  assert.equal(idle.waiting, false, 'inside the interval it waits for a timer, not for idle time');
  await sleep(25);
  assert.equal(idle.waiting, false, 'and still waits well inside the interval');
  await sleep(60);
  assert.equal(idle.idle(50), true);
  assert.deepEqual(rendered, ['0', '5'], 'one render after the interval, with the newest request');
  await sleep(80);
  assert.equal(idle.waiting, false, 'nothing more without new requests');
});

test('without idle time: the charts render one per task, the least recently rendered first, within two intervals', async () => {
  const { idle, rendered, request } = pacerOnManualIdle(40);
  request('loss');
  assert.equal(idle.timeoutMs, 0, 'a chart never rendered has waited long enough');
  idle.idle(50);
  request('norms');
  request('loss', 'loss again');
  assert.equal(idle.timeoutMs, 0);
  idle.idle(0);
  assert.deepEqual(rendered, ['loss', 'norms'], 'a timed-out callback renders one chart: the one never rendered');
  await sleep(50);
  assert.ok(idle.waiting && idle.timeoutMs <= 40, `once due, the loss chart waits for idle time at most one more interval, got ${idle.timeoutMs} ms`);
  idle.idle(0);
  assert.deepEqual(rendered, ['loss', 'norms', 'loss again']);
});

test('a snapshot frame renders one overdue chart, and none that is merely due', async () => {
  const { idle, pacer, rendered, request } = pacerOnManualIdle(30);
  request('loss');
  request('norms');
  idle.idle(50);
  request('loss', 'loss 2');
  request('norms', 'norms 2');
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
  const { idle, pacer, rendered, request } = pacerOnManualIdle(60);
  request('loss');
  request('norms');
  pacer.flush();
  assert.deepEqual(rendered, ['loss', 'norms']);
  assert.equal(pacer.pending, 0);
  assert.equal(idle.waiting, false, 'nothing left scheduled');
});

test('an immediate request renders at once and drops the one waiting for that chart only', () => {
  const { idle, rendered, request } = pacerOnManualIdle(60);
  request('loss', 'loss live');
  request('norms', 'norms live');
  request('loss', 'loss paused', true);
  assert.deepEqual(rendered, ['loss paused']);
  idle.idle(50);
  assert.deepEqual(rendered, ['loss paused', 'norms live'], 'the other chart still renders its request');
});

test('cancel drops the waiting render of one chart, or of all', () => {
  const { idle, pacer, rendered, request, chart } = pacerOnManualIdle(60);
  request('loss');
  request('norms');
  pacer.cancel(chart('loss'));
  idle.idle(50);
  assert.deepEqual(rendered, ['norms']);
  request('loss', 'old layout');
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
