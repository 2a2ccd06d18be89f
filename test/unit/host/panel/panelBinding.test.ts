// The panel binding's replay: a walk-through asked for before the webview was ready starts once it
// is, once; a panel opened later does not inherit it. The pace is posted only when it changes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PanelBinding, type PanelView } from '../../../../src/host/panel/panelBinding';
import type { HostToWebviewMessage } from '../../../../src/protocol/panelMessages';

class FakeView implements PanelView {
  live = false;
  readonly posted: HostToWebviewMessage[] = [];
  post(message: HostToWebviewMessage): void { this.posted.push(message); }
}

const count = (view: FakeView, type: string) => view.posted.filter((m) => m.type === type).length;

test('a walk-through asked for before ready starts when the webview is ready, and only then', () => {
  const binding = new PanelBinding();
  const view = new FakeView();
  binding.attach(view);
  binding.startWalkthrough();
  assert.equal(count(view, 'walkthrough'), 0);
  view.live = true;
  binding.ready();
  assert.equal(count(view, 'walkthrough'), 1);
  binding.ready(); // the webview reloaded
  assert.equal(count(view, 'walkthrough'), 1, 'not started again');
});

test('a panel attached after the request does not inherit it', () => {
  const binding = new PanelBinding();
  binding.attach(new FakeView());
  binding.startWalkthrough();
  const next = new FakeView();
  next.live = true;
  binding.attach(next);
  binding.ready();
  assert.equal(count(next, 'walkthrough'), 0);
});

test('the pace is posted when it changes, and a pace the panel chose is not echoed back but replayed', () => {
  const binding = new PanelBinding();
  const view = new FakeView();
  view.live = true;
  binding.attach(view);
  binding.setPace('100');
  binding.setPace('100');
  assert.equal(count(view, 'pace'), 1);
  binding.pacedByPanel('1');
  assert.equal(count(view, 'pace'), 1);
  binding.ready();
  assert.deepEqual(view.posted.at(-1), { type: 'pace', pace: '1' });
});
