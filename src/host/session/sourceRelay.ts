/**
 * The fan-out of a snapshot source's news: each message goes to the panel binding (judged first,
 * if it is a snapshot) and to the session's own listeners (its state, the model file's warnings,
 * the log). Snapshots are diagnosed here, once, and acked for a panel that cannot draw them.
 * Knows nothing of which source it relays, nor of vscode.
 */
import type { DiagnosisThresholds } from '../../core/diagnosisThresholds';
import { QUANTITIES, type QuantityName } from '../../core/snapshot';
import type { Finding } from '../../insight/diagnosis';
import type { InputPointsMessage } from '../../protocol/inputSpace';
import type { ErrorMessage, RunState, SnapshotMessage } from '../../protocol/panelMessages';
import type { PanelBinding } from '../panel/panelBinding';
import type { SnapshotSource, SourceMessage } from '../snapshotSource';
import { SnapshotDiagnosis } from './snapshotDiagnosis';

/** What the session hears of the relayed news. */
export interface RelayListener {
  state(message: Extract<SourceMessage, { type: 'state' }>): void;
  epoch(message: Extract<SourceMessage, { type: 'epoch' }>): void;
  error(message: Extract<SourceMessage, { type: 'error' }>): void;
  /** A snapshot arrived, judged; `findings` are those on show after it. */
  snapshot(snapshot: SnapshotMessage, findings: readonly Finding[]): void;
  /** The newest snapshot was judged again (the run stopped, the thresholds changed): show `findings` at once. */
  settled(snapshot: SnapshotMessage, findings: readonly Finding[]): void;
}

const isQuantity = (name: string | undefined): name is QuantityName => (QUANTITIES as readonly (string | undefined)[]).includes(name);

export class SourceRelay {
  private readonly diagnosis: SnapshotDiagnosis;
  /** The data points the source sent for the configuration being built (they come before its layout is known). */
  private points: InputPointsMessage | undefined;

  constructor(private readonly binding: PanelBinding, thresholds: DiagnosisThresholds, private readonly listener: RelayListener) {
    this.diagnosis = new SnapshotDiagnosis(thresholds);
  }

  receive(source: SnapshotSource, message: SourceMessage): void {
    switch (message.type) {
      case 'state':
        return this.listener.state(message);
      case 'snapshot':
        return this.receiveSnapshot(source, message);
      case 'scalars':
        return this.binding.offerScalars(message);
      case 'epoch':
        return this.listener.epoch(message);
      case 'error':
        this.binding.showError(errorMessageOf(message));
        return this.listener.error(message);
      case 'inputPoints':
        this.points = message;
        return this.binding.setInputPoints(message);
      case 'predictionGrid':
      case 'firstLayerImages':
        return this.binding.offerInputView(message);
    }
  }

  /** The run's state changed (the source said so, or the session decided it): the panel shows it, a resting run's findings as judged. */
  showState(state: RunState): void {
    if (state !== 'training') this.rejudge(this.diagnosis.settle());
    this.binding.setRunState(state);
  }

  /** New thresholds: the newest snapshot is judged by them at once. */
  setThresholds(thresholds: DiagnosisThresholds): void {
    this.rejudge(this.diagnosis.setThresholds(thresholds));
  }

  /** The findings on show after the newest snapshot (the hover reads them). */
  get findings(): readonly Finding[] {
    return this.diagnosis.shown;
  }

  /** A configuration is being built: the points its source sends now belong to it. */
  beginConfiguration(): void {
    this.points = undefined;
  }

  /** The configuration's layout: the panel lays out its cards (with the points sent while it was built). */
  showLayout(model: Parameters<PanelBinding['setModel']>[0]): void {
    this.diagnosis.clear();
    this.binding.setModel(model, this.points);
  }

  /** A reset, or a fresh source for the same layout: no finding or snapshot of the old run applies. */
  clearRun(): void {
    this.diagnosis.clear();
    this.binding.clearRun();
  }

  private receiveSnapshot(source: SnapshotSource, snapshot: SnapshotMessage): void {
    const superseded = this.binding.snapshot;
    const judged: SnapshotMessage = { ...snapshot, diagnosis: this.diagnosis.observe(snapshot) };
    // Undeliverable snapshots are acked at once: the newest is kept and shown when the panel is back.
    if (!this.binding.offerSnapshot(judged)) source.acknowledge(snapshot.seq);
    // The previous snapshot's tensors went to the webview when it arrived (posting serializes at
    // once), and the binding now holds this one (the diagnosis reads only statistics): the source
    // may fill those buffers again instead of allocating new ones.
    if (superseded !== undefined) source.release(superseded);
    this.listener.snapshot(judged, this.diagnosis.shown);
  }

  private rejudge(view: ReturnType<SnapshotDiagnosis['settle']>): void {
    if (view === undefined) return;
    this.binding.rejudge(view);
    const snapshot = this.binding.snapshot;
    if (snapshot !== undefined) this.listener.settled(snapshot, this.diagnosis.shown);
  }
}

/** A source's error as the panel's banner shows it. */
function errorMessageOf(error: Extract<SourceMessage, { type: 'error' }>): ErrorMessage {
  const quantity = isQuantity(error.quantity) ? error.quantity : undefined;
  return { type: 'error', message: error.message, ...(error.layer !== undefined && error.layer > 0 ? { layer: error.layer } : {}), ...(quantity ? { quantity } : {}) };
}
