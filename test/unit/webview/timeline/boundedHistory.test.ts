// The timeline's ring buffer: eviction of the oldest items by count and by estimated bytes,
// the newest item always kept, and re-bounding in place.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BoundedHistory } from '../../../../webview/timeline/boundedHistory';

const contents = <T>(history: BoundedHistory<T>): T[] => Array.from({ length: history.length }, (_, i) => history.at(i));

test('evicts the oldest beyond the item bound, across many wrap-arounds of the ring', () => {
  const history = new BoundedHistory<number>({ maxItems: 3, maxBytes: 1e9 });
  for (let i = 1; i <= 10; i++) history.push(i, 10);
  assert.deepEqual(contents(history), [8, 9, 10]);
  assert.equal(history.totalBytes, 30);
  assert.equal(history.newest, 10);
});

test('evicts the oldest beyond the byte bound, however few items there are', () => {
  const history = new BoundedHistory<string>({ maxItems: 100, maxBytes: 250 });
  history.push('a', 100);
  history.push('b', 100);
  assert.deepEqual(contents(history), ['a', 'b']);
  history.push('c', 100); // 300 > 250: 'a' goes
  assert.deepEqual(contents(history), ['b', 'c']);
  history.push('d', 240); // 440, then 340, then 240 ≤ 250: only 'd' is left
  assert.deepEqual(contents(history), ['d']);
  assert.equal(history.totalBytes, 240);
});

test('the newest item stays even when it alone exceeds the byte bound', () => {
  const history = new BoundedHistory<string>({ maxItems: 5, maxBytes: 50 });
  history.push('small', 10);
  history.push('huge', 500);
  assert.deepEqual(contents(history), ['huge']);
  assert.equal(history.totalBytes, 500);
});

test('both bounds at once: the count bound and the byte bound each evict when they are the tighter one', () => {
  const history = new BoundedHistory<number>({ maxItems: 4, maxBytes: 1000 });
  for (let i = 0; i < 6; i++) history.push(i, 100); // count-bound: 4 × 100 = 400 bytes
  assert.deepEqual(contents(history), [2, 3, 4, 5]);
  history.push(6, 800); // byte-bound: 1200 → 1100 → 1000
  assert.deepEqual(contents(history), [4, 5, 6]);
  assert.equal(history.totalBytes, 1000);
});

test('setBounds keeps the newest items that fit, and later pushes obey the new bounds', () => {
  const history = new BoundedHistory<number>({ maxItems: 10, maxBytes: 1e6 });
  for (let i = 0; i < 8; i++) history.push(i, 1);
  history.setBounds({ maxItems: 3, maxBytes: 1e6 });
  assert.deepEqual(contents(history), [5, 6, 7]);
  history.push(8, 1);
  assert.deepEqual(contents(history), [6, 7, 8]);
  history.setBounds({ maxItems: 6, maxBytes: 2.5 });
  assert.deepEqual(contents(history), [7, 8]);
});

test('clear empties it; out-of-range reads and invalid bounds throw', () => {
  const history = new BoundedHistory<number>({ maxItems: 2, maxBytes: 10 });
  history.push(1, 1);
  history.clear();
  assert.equal(history.length, 0);
  assert.equal(history.totalBytes, 0);
  assert.equal(history.newest, undefined);
  assert.throws(() => history.at(0), RangeError);
  assert.throws(() => new BoundedHistory({ maxItems: 0, maxBytes: 10 }), RangeError);
  assert.throws(() => new BoundedHistory({ maxItems: 2, maxBytes: 0 }), RangeError);
});
