// The time limit of a whole-file read that cannot be streamed or stopped (vscode.workspace.fs.readFile
// on a virtual file system), on a fake clock: the limit is the product's own, and no test waits for it.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { readWithinTime } from '../../../src/data/bytes';
import { LIMITS } from '../../../src/core/limits';
import { rejection } from './dataErrors';

/** A read whose outcome the test decides, like a provider's readFile that may never answer. */
function pendingRead(): { read: Promise<Uint8Array>; resolve: (bytes: Uint8Array) => void; reject: (error: Error) => void } {
  let resolve!: (bytes: Uint8Array) => void;
  let reject!: (error: Error) => void;
  const read = new Promise<Uint8Array>((res, rej) => { resolve = res; reject = rej; });
  return { read, resolve, reject };
}

/** Whether `promise` has settled once pending callbacks have run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  promise.then(() => { done = true; }, () => { done = true; });
  for (let turn = 0; turn < 5; turn++) await Promise.resolve();
  return done;
}

describe('readWithinTime', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }));
  afterEach(() => mock.timers.reset());

  it('gives up on a read that never answers at LIMITS.maxDataReadMs, not before, with a located error', async () => {
    const { read } = pendingRead();
    const bounded = readWithinTime(read, 'remote/images.idx', 'images');
    mock.timers.tick(LIMITS.maxDataReadMs - 1);
    assert.equal(await settled(bounded), false, 'still waiting just before the limit');
    mock.timers.tick(1);
    const error = await rejection(bounded);
    assert.equal(error.code, 'read-timeout');
    assert.equal(error.file, 'remote/images.idx');
    assert.equal(error.key, 'images');
    assert.match(error.message, new RegExp(`remote/images\\.idx did not finish reading within ${LIMITS.maxDataReadMs / 1000} s`));
  });

  it('passes on the bytes of a read that answers in time', async () => {
    const { read, resolve } = pendingRead();
    const bounded = readWithinTime(read, 'data.csv', 'path', 1_000);
    mock.timers.tick(999);
    resolve(new Uint8Array([1, 2, 3]));
    assert.deepEqual(await bounded, new Uint8Array([1, 2, 3]));
  });

  it('drops a late answer and a late failure: the caller keeps the time-out, nothing is left unhandled', async () => {
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', record);
    try {
      const late = pendingRead();
      const bounded = readWithinTime(late.read, 'slow.csv', 'path', 1_000);
      mock.timers.tick(1_000);
      late.reject(new Error('the provider failed after the limit'));
      assert.equal((await rejection(bounded)).code, 'read-timeout');
      await new Promise((resolve) => setImmediate(resolve)); // unhandled rejections are reported after the microtasks
      assert.deepEqual(unhandled, []);
    } finally {
      process.off('unhandledRejection', record);
    }
  });
});
