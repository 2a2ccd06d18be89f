// Requests with ids: each settles with the reply that carries its id, whatever arrives between,
// and none waits on a link that closed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RequestEndpoint } from '../../../../src/host/link/requestEndpoint';

type Out = { readonly type: 'ask'; readonly what: string };
type In = { readonly type: 'answer' | 'news'; readonly replyTo?: number; readonly text: string };

function endpoint(timeoutMs = 5_000) {
  const sent: (Out & { id: number })[] = [];
  return { sent, link: new RequestEndpoint<Out, In>((message) => sent.push(message), timeoutMs) };
}

test('two requests in flight each settle with the reply carrying their own id, in whatever order the replies come', async () => {
  const { sent, link } = endpoint();
  const first = link.request({ type: 'ask', what: 'a' });
  const second = link.request({ type: 'ask', what: 'b' });
  assert.deepEqual(sent.map((m) => [m.what, m.id]), [['a', 1], ['b', 2]]);
  assert.equal(link.receive({ type: 'news', text: 'a snapshot' }), false, 'news answers nothing');
  assert.equal(link.receive({ type: 'answer', replyTo: 2, text: 'for b' }), true);
  assert.equal(link.receive({ type: 'answer', replyTo: 1, text: 'for a' }), true);
  assert.equal((await first).text, 'for a');
  assert.equal((await second).text, 'for b');
  assert.equal(link.receive({ type: 'answer', replyTo: 1, text: 'again' }), false, 'a settled request takes no second reply');
  assert.equal(link.waiting, 0);
});

test('closing the link rejects every waiting request, and any made later', async () => {
  const { link } = endpoint();
  const waiting = link.request({ type: 'ask', what: 'a' });
  link.close(new Error('the worker exited (code 1)'));
  await assert.rejects(waiting, /exited/);
  await assert.rejects(link.request({ type: 'ask', what: 'b' }), /exited/);
});

test('a reply that never comes rejects after the timeout, naming the request', async () => {
  const { link } = endpoint(20);
  await assert.rejects(link.request({ type: 'ask', what: 'a' }), /no reply to 'ask' within 20 ms/);
  assert.equal(link.waiting, 0);
});

test('a send that throws rejects the request instead of leaving it waiting', async () => {
  const link = new RequestEndpoint<Out, In>(() => { throw new Error('posting failed'); }, 5_000);
  await assert.rejects(link.request({ type: 'ask', what: 'a' }), /posting failed/);
  assert.equal(link.waiting, 0);
});
