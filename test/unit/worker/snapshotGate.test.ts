import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LIMITS } from '../../../src/core/limits';
import { SnapshotGate } from '../../../src/worker/snapshotGate';

/** A gate on a hand-driven clock; `steps` simulates a training loop polling the gate each step. */
function simulate(rate: number, stepMs: number, durationMs: number, ackEvery: number | 'never') {
  let clock = 0;
  const gate = new SnapshotGate(rate, 2, () => clock);
  const sent: number[] = [];
  for (; clock <= durationMs; clock += stepMs) {
    if (gate.isDue) sent.push(gate.markSent());
    if (ackEvery !== 'never' && sent.length > 0 && Math.round(clock / stepMs) % ackEvery === 0) gate.acknowledge(sent[sent.length - 1]);
  }
  return { gate, sent };
}

test('a fast training loop sends at most `rate` snapshots per second', () => {
  // 1 step per 0.1 ms for 2 s, consumer acknowledges promptly: 30/s allows at most 61 (both ends).
  const { sent } = simulate(30, 0.1, 2000, 1);
  assert.ok(sent.length <= 61, `sent ${sent.length}`);
  assert.ok(sent.length >= 59, `a prompt consumer should get close to the rate, got ${sent.length}`);
});

test('a consumer that never acknowledges gets at most two snapshots, not a queue', () => {
  const { sent, gate } = simulate(60, 1, 5000, 'never');
  assert.equal(sent.length, 2);
  assert.equal(gate.inFlight, 2);
  assert.equal(gate.isDue, false);
});

test('acknowledging reopens the gate and acks are cumulative', () => {
  let clock = 0;
  const gate = new SnapshotGate(10, 2, () => clock);
  const first = gate.markSent();
  clock += 100;
  const second = gate.markSent();
  clock += 100;
  assert.equal(gate.isDue, false);
  gate.acknowledge(second);
  assert.equal(gate.inFlight, 0, `acking ${second} also acknowledges ${first}`);
  assert.equal(gate.isDue, true);
});

test('acks for unknown or stale sequence numbers are ignored', () => {
  const gate = new SnapshotGate(10, 2, () => 0);
  gate.markSent();
  gate.acknowledge(99);
  gate.acknowledge(-1);
  gate.acknowledge(0.5);
  assert.equal(gate.inFlight, 1);
});

test('the rate is bounded by LIMITS.minSnapshotRate and LIMITS.maxSnapshotRate and validated', () => {
  assert.throws(() => new SnapshotGate(0), /snapshot rate/);
  assert.throws(() => new SnapshotGate(LIMITS.minSnapshotRate / 2), /snapshot rate/);
  assert.throws(() => new SnapshotGate(Number.NaN), /snapshot rate/);
  assert.throws(() => new SnapshotGate(LIMITS.maxSnapshotRate + 1), new RegExp(`\\[${LIMITS.minSnapshotRate}, ${LIMITS.maxSnapshotRate}\\]`));
  assert.equal(new SnapshotGate(LIMITS.maxSnapshotRate).isDue, true, 'the limit itself is allowed');
  assert.equal(new SnapshotGate(LIMITS.minSnapshotRate).isDue, true, 'so is the minimum');
});

test('hasRoom ignores the rate so a pause can still deliver its final state', () => {
  let clock = 0;
  const gate = new SnapshotGate(1, 2, () => clock);
  gate.markSent();
  clock += 10;
  assert.equal(gate.isDue, false);
  assert.equal(gate.hasRoom, true);
});

test('slow steps still get the full rate: the gate keeps a fixed grid instead of restarting at each send', () => {
  // 20 ms steps at 30/s: restarting the interval at each send would give one snapshot per 40 ms (50 in 2 s).
  const { sent } = simulate(30, 20, 2000, 1);
  assert.ok(sent.length >= 58 && sent.length <= 61, `sent ${sent.length}`);
});
