import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StepScalarLog } from '../../../src/worker/stepScalarLog';

function record(log: StepScalarLog, step: number, loss: number, accuracy: number | undefined, norms: number[]): void {
  log.norms.set(norms);
  log.record(step, loss, accuracy);
}

test('gathers consecutive steps into compact arrays, handed out once by take', () => {
  const log = new StepScalarLog(2, true, 8);
  record(log, 5, 0.5, 0.25, [1, 2]);
  record(log, 6, 0.25, 0.5, [3, 4]);
  log.recordValidation(6, 0.75, null);
  const message = log.take();
  assert.ok(message);
  assert.equal(message.firstStep, 5);
  assert.equal(message.count, 2);
  assert.deepEqual([...message.loss], [0.5, 0.25]);
  assert.deepEqual([...message.accuracy!], [0.25, 0.5]);
  assert.deepEqual([...message.norms], [1, 2, 3, 4]);
  assert.deepEqual([...message.validation], [6, 0.75, Number.NaN]);
  assert.equal(log.take(), undefined, 'nothing left to send');
  record(log, 7, 1, 1, [0, 0]);
  assert.equal(log.take()?.firstStep, 7);
});

test('regression has no accuracy; a step that does not follow (a reset) starts over', () => {
  const log = new StepScalarLog(1, false, 8);
  record(log, 10, 1, undefined, [1]);
  record(log, 1, 2, undefined, [2]);
  const message = log.take();
  assert.equal(message?.accuracy, undefined);
  assert.equal(message?.firstStep, 1);
  assert.deepEqual([...message!.loss], [2]);
});

test('holds at most its capacity, says when it is full, and refuses more', () => {
  const log = new StepScalarLog(1, false, 3);
  for (let step = 1; step <= 3; step++) record(log, step, step, undefined, [step]);
  assert.equal(log.isFull, true);
  assert.throws(() => record(log, 4, 4, undefined, [4]), /at most 3 steps/);
  assert.equal(log.take()?.count, 3);
  assert.equal(log.isFull, false);
});
