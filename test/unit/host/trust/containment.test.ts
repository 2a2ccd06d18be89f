/** Restricted mode's containment rule: which resolved paths count as inside a workspace folder. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isInsideAnyFolder, isInsideFolder } from '../../../../src/host/trust/containment';

describe('restricted mode containment', () => {
  it('accepts the folder itself and anything below it', () => {
    assert.equal(isInsideFolder('/work/ws', '/work/ws'), true);
    assert.equal(isInsideFolder('/work/ws/data/a.csv', '/work/ws'), true);
    assert.equal(isInsideFolder('/work/ws/data/a.csv', '/work/ws/'), true);
  });

  it('refuses siblings that share a prefix, parents and other trees', () => {
    assert.equal(isInsideFolder('/work/ws-evil/a.csv', '/work/ws'), false);
    assert.equal(isInsideFolder('/work', '/work/ws'), false);
    assert.equal(isInsideFolder('/etc/passwd', '/work/ws'), false);
  });

  it('uses the platform separator it is given', () => {
    assert.equal(isInsideFolder('C:\\ws\\data\\a.csv', 'C:\\ws', '\\'), true);
    assert.equal(isInsideFolder('C:\\ws2\\a.csv', 'C:\\ws', '\\'), false);
  });

  it('accepts a path inside any of several folders and none when there are no folders', () => {
    assert.equal(isInsideAnyFolder('/b/x.csv', ['/a', '/b']), true);
    assert.equal(isInsideAnyFolder('/c/x.csv', ['/a', '/b']), false);
    assert.equal(isInsideAnyFolder('/a/x.csv', []), false);
  });
});
