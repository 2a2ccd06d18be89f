// The seam between a snapshot source and the panel: a fake source (not the worker) drives the
// relay and the panel binding, and a fake webview records what it was posted. What a panel gets
// does not depend on which source sent it: snapshots judged once and kept with their findings,
// the run's scalars kept while the panel is hidden and replayed without a gap, acks for what a
// hidden panel cannot draw, buffers given back.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_DIAGNOSIS_THRESHOLDS } from '../../../../src/core/diagnosisThresholds';
import { PanelBinding, type PanelView } from '../../../../src/host/panel/panelBinding';
import { SourceRelay, type RelayListener } from '../../../../src/host/session/sourceRelay';
import type { SnapshotSource } from '../../../../src/host/snapshotSource';
import type { HostToWebviewMessage, ModelMessage, SnapshotMessage } from '../../../../src/protocol/panelMessages';
import type { StepScalarsMessage } from '../../../../src/protocol/stepScalars';
import { layerStats } from '../../../fixtures/layerStats';

/** A source that only records what the host tells it about delivery. */
class FakeSource implements Pick<SnapshotSource, 'acknowledge' | 'release'> {
  readonly acked: number[] = [];
  readonly released: number[] = [];
  acknowledge(seq: number): void { this.acked.push(seq); }
  release(snapshot: SnapshotMessage): void { this.released.push(snapshot.seq); }
}

class FakeView implements PanelView {
  live = false;
  readonly posted: HostToWebviewMessage[] = [];
  post(message: HostToWebviewMessage): void { this.posted.push(message); }
}

const MODEL: ModelMessage = {
  type: 'model', name: 'two layers', input: 2, batchSize: 4,
  layers: [{ index: 1, units: 3, inputs: 2, activation: 'sigmoid' }, { index: 2, units: 1, inputs: 3, activation: 'sigmoid' }],
};

/** Step `step`; layer 1's ‖∂L/∂W‖ far below layer 2's when `vanishing` (a vanishing gradient by the default thresholds). */
function snapshot(step: number, vanishing = false): SnapshotMessage {
  const gradientNorm = (index: number) => (vanishing && index === 1 ? 1e-9 : 0.1);
  return {
    type: 'snapshot', seq: step, sample: undefined,
    run: { state: 'training', step, epoch: 0, loss: 0.5, stepsPerSecond: 0, learningRate: 0.1, sampleIndex: 0, batchSize: 4 },
    layers: MODEL.layers.map((shape) => ({ ...shape, stats: layerStats({ gradientNorm: gradientNorm(shape.index) }), tensors: {} })),
  };
}

function scalars(firstStep: number, count: number): StepScalarsMessage {
  return { type: 'scalars', firstStep, count, layers: 2, loss: new Float32Array(count), norms: new Float32Array(count * 2), validation: new Float64Array(0) };
}

function setup() {
  const events: string[] = [];
  const listener: RelayListener = {
    state: (message) => events.push(`state ${message.state}`),
    epoch: () => events.push('epoch'),
    error: (message) => events.push(`error ${message.message}`),
    snapshot: (message, findings) => events.push(`snapshot ${message.seq}: ${findings.map((f) => f.kind).join(',')}`),
    settled: (message, findings) => events.push(`settled ${message.seq}: ${findings.map((f) => f.kind).join(',')}`),
  };
  const binding = new PanelBinding();
  const relay = new SourceRelay(binding, DEFAULT_DIAGNOSIS_THRESHOLDS, listener);
  const source = new FakeSource();
  const view = new FakeView();
  binding.attach(view);
  relay.showLayout(MODEL);
  return { binding, relay, source: source as FakeSource & SnapshotSource, view, events };
}

const types = (messages: readonly HostToWebviewMessage[]) => messages.map((m) => (m.type === 'scalars' ? `scalars ${m.firstStep}+${m.count}` : m.type === 'snapshot' ? `snapshot ${m.seq}` : m.type));

test('scalars that arrive while the panel is hidden reach it when it is shown again: its charts have no gap', () => {
  const { binding, relay, source, view } = setup();
  view.live = true;
  binding.ready();
  relay.receive(source, scalars(1, 10));
  relay.receive(source, snapshot(10));
  // Hidden: the webview is destroyed; everything now is kept, not posted.
  view.live = false;
  relay.receive(source, scalars(11, 10));
  relay.receive(source, snapshot(20));
  relay.receive(source, scalars(21, 10));
  relay.receive(source, snapshot(30));
  assert.deepEqual(source.acked, [20, 30], 'what a hidden panel cannot draw is acked for it');
  // Shown again: a new webview, empty charts, says `ready`.
  view.posted.length = 0;
  view.live = true;
  binding.ready();
  assert.deepEqual(types(view.posted), ['model', 'scalars 1+10', 'scalars 11+10', 'scalars 21+10', 'snapshot 30'], 'every step from the first, then the newest snapshot');
});

test('each snapshot is judged once and posted with its findings; a resting run is judged as final', () => {
  const { binding, relay, source, view, events } = setup();
  view.live = true;
  binding.ready();
  for (let step = 1; step <= DEFAULT_DIAGNOSIS_THRESHOLDS.persistence; step++) relay.receive(source, snapshot(step, true));
  const posted = view.posted.filter((m): m is SnapshotMessage => m.type === 'snapshot');
  assert.equal(posted[0].diagnosis?.findings.length, 0, 'not yet persisted');
  assert.ok((posted[0].diagnosis?.pending ?? 0) > 0, 'but pending');
  const last = posted[posted.length - 1].diagnosis!;
  assert.deepEqual(last.findings.map((f) => [f.kind, f.layer, f.title]), [['vanishing', 1, 'Vanishing gradient']]);
  assert.equal(events.at(-1), `snapshot ${DEFAULT_DIAGNOSIS_THRESHOLDS.persistence}: vanishing`, 'the session hears the same findings');

  // A healthy snapshot right after: still shown (absent from too few snapshots) until the run rests.
  relay.receive(source, snapshot(10));
  assert.equal((view.posted.at(-1) as SnapshotMessage).diagnosis?.findings.length, 1);
  relay.showState('paused');
  const rejudged = view.posted.find((m) => m.type === 'diagnosis');
  assert.deepEqual(rejudged, { type: 'diagnosis', seq: 10, diagnosis: { findings: [], pending: 0 } });
  assert.equal(events.at(-1), 'settled 10: ');
  assert.equal(binding.snapshot?.diagnosis?.findings.length, 0, 'the kept snapshot carries the final judgement, for the next replay');
});

test('new thresholds re-judge the kept snapshot at once, in the panel and for the session', () => {
  const { binding, relay, source, view, events } = setup();
  view.live = true;
  binding.ready();
  relay.receive(source, snapshot(1, true));
  relay.setThresholds({ ...DEFAULT_DIAGNOSIS_THRESHOLDS, vanishingRatio: 1e-12 });
  assert.deepEqual(view.posted.at(-1), { type: 'diagnosis', seq: 1, diagnosis: { findings: [], pending: 0 } });
  assert.equal(events.at(-1), 'settled 1: ');
  relay.setThresholds({ ...DEFAULT_DIAGNOSIS_THRESHOLDS, vanishingRatio: 1e-12 });
  assert.equal(view.posted.filter((m) => m.type === 'diagnosis').length, 1, 'the same thresholds again change nothing');
});

test('a newer snapshot gives the older one\'s buffers back to the source; a new layout drops the old run\'s scalars and snapshot', () => {
  const { binding, relay, source, view } = setup();
  relay.receive(source, scalars(1, 5));
  relay.receive(source, snapshot(5));
  relay.receive(source, snapshot(6));
  assert.deepEqual(source.released, [5]);
  relay.showLayout({ ...MODEL, name: 'edited' });
  view.live = true;
  binding.ready();
  assert.deepEqual(types(view.posted), ['model']);
});

test('a source\'s error reaches the banner (and is replayed until the next snapshot) and the session', () => {
  const { binding, relay, source, view, events } = setup();
  relay.receive(source, { type: 'error', code: 'exception', message: 'boom', layer: 2, quantity: 'dW' });
  assert.deepEqual(events, ['error boom']);
  view.live = true;
  binding.ready();
  assert.deepEqual(view.posted.at(-1), { type: 'error', message: 'boom', layer: 2, quantity: 'dW' });
  relay.receive(source, snapshot(1));
  view.posted.length = 0;
  binding.ready();
  assert.ok(!view.posted.some((m) => m.type === 'error'), 'a snapshot clears the banner');
});
