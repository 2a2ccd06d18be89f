// Summing a V8 CPU profile: self time per function, and time with callees, where a sample counts
// once for each distinct function on its stack (recursion included) and the profiler's own
// pseudo-frames are left out of the latter.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inclusiveTime, selfTime, type CpuProfile } from '../../../bench/hostProfile';

const frame = (functionName: string, url = '') => ({ functionName, url, lineNumber: 0 });

// (root) → post (a.js:1) → copy (a.js:1) → copy (recursive); (root) → (idle).
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)'), children: [2, 5] },
    { id: 2, callFrame: frame('post', 'file:///x/a.js'), children: [3] },
    { id: 3, callFrame: frame('copy', 'file:///x/a.js'), children: [4] },
    { id: 4, callFrame: frame('copy', 'file:///x/a.js'), children: [] },
    { id: 5, callFrame: frame('(idle)'), children: [] },
  ],
  samples: [5, 5, 5, 5, 2, 3, 4, 4],
};

test('self time: each sample goes to the function it landed in', () => {
  const byName = Object.fromEntries(selfTime(profile).map((hot) => [hot.name, hot.percent]));
  assert.deepEqual(byName, { '(idle)': 50, 'copy a.js:1': 37.5, 'post a.js:1': 12.5, '(root)': 0 });
});

test('time with callees: a recursive function counts once per sample; pseudo-frames are left out', () => {
  const byName = Object.fromEntries(inclusiveTime(profile).map((hot) => [hot.name, hot.percent]));
  assert.deepEqual(byName, { 'post a.js:1': 50, 'copy a.js:1': 37.5 });
});
