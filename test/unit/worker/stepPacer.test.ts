import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StepPacer } from '../../../src/worker/stepPacer';

function pacerOnClock(pace: ConstructorParameters<typeof StepPacer>[0]) {
  const clock = { now: 0 };
  return { clock, pacer: new StepPacer(pace, () => clock.now) };
}

test('full speed: every step is due at once', () => {
  const { clock, pacer } = pacerOnClock('full');
  for (let i = 0; i < 5; i++) {
    assert.equal(pacer.waitMs, 0);
    pacer.stepped(clock.now);
  }
});

test('10 steps/s: the first step is due at once, the next 100 ms after the previous started', () => {
  const { clock, pacer } = pacerOnClock('10');
  assert.equal(pacer.waitMs, 0);
  pacer.stepped(0);
  clock.now = 3; // the step took 3 ms
  assert.equal(pacer.waitMs, 97);
  clock.now = 100;
  assert.equal(pacer.waitMs, 0);
});

test('a timer that wakes late is caught up on a fixed grid, so the average pace holds', () => {
  const { clock, pacer } = pacerOnClock('1000');
  pacer.stepped(0);
  // Woken 1.5 ms late, twice: the grid keeps 1 ms per step and the next step is already due.
  clock.now = 2.5;
  pacer.stepped(2.5);
  assert.equal(pacer.waitMs, 0, 'due at 2 ms, behind: no sleep');
  pacer.stepped(2.6);
  clock.now = 2.6;
  assert.ok(Math.abs(pacer.waitMs - 0.4) < 1e-9, `due at 3 ms, ${pacer.waitMs}`);
});

test('far behind (a slow model), the grid restarts instead of bursting', () => {
  const { clock, pacer } = pacerOnClock('10');
  pacer.stepped(0);
  clock.now = 1000; // 10 intervals late
  pacer.stepped(1000);
  assert.equal(pacer.waitMs, 100);
});

test('a new pace applies at once, and a rest makes the next step due at once', () => {
  const { clock, pacer } = pacerOnClock('1');
  pacer.stepped(0);
  clock.now = 10;
  assert.equal(pacer.waitMs, 990);
  pacer.setPace('100');
  assert.equal(pacer.waitMs, 0);
  pacer.stepped(10);
  assert.equal(pacer.waitMs, 10);
  pacer.restart();
  assert.equal(pacer.waitMs, 0);
});
