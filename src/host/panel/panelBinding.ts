/**
 * What the session shows in its panel, and the one cache of it. A webview is not kept while hidden
 * (it reloads and says `ready` again when shown) and a closed panel may be opened again, so the
 * binding outlives panels: it keeps the layout, the run's scalars, the newest snapshot (with its
 * diagnosis), the run state and the rest, posts each as it comes while a panel is live, and replays
 * them all to a panel that becomes ready. It does not care where a snapshot came from.
 */
import type { InputPointsMessage, InputViewMessage } from '../../protocol/inputSpace';
import type { Pace } from '../../core/pace';
import type {
  DiagnosisView, ErrorMessage, GradientCheckMessage, HostToWebviewMessage, ModelMessage, PaceMessage, RunState, SnapshotMessage,
} from '../../protocol/panelMessages';
import type { StepScalarsMessage } from '../../protocol/stepScalars';
import { ScalarHistory } from './scalarHistory';

/** The webview side of a panel, as the binding needs it (the extension's GradientPanel). */
export interface PanelView {
  /** The webview is loaded, listening and on screen: what is posted now is drawn (and acked). */
  readonly live: boolean;
  post(message: HostToWebviewMessage): void;
}

export class PanelBinding {
  private view: PanelView | undefined;
  private model: ModelMessage | undefined;
  private readonly scalars = new ScalarHistory();
  private latest: SnapshotMessage | undefined;
  private runState: RunState | undefined;
  /** An error that arrived after the newest snapshot (a snapshot clears the panel's banner). */
  private error: ErrorMessage | undefined;
  /** The latest gradient check of this layout, until a new layout replaces it. */
  private gradientCheck: GradientCheckMessage | undefined;
  /** The run's pace, shown by the panel's pace control. */
  private pace: PaceMessage | undefined;
  /** The data and the newest prediction (or first-layer images) of this layout. */
  private inputPoints: InputPointsMessage | undefined;
  private inputView: InputViewMessage | undefined;
  /** A walk-through asked for while no panel was live. */
  private walkthroughRequested = false;

  /** A panel to show in (it is not live until its webview says `ready`); replaces any other. */
  attach(view: PanelView): void {
    this.view = view;
    this.walkthroughRequested = false; // asked of a panel that is gone
  }

  /** The panel closed: nothing is posted until another is attached. */
  detach(view: PanelView): void {
    if (this.view === view) this.view = undefined;
  }

  /** The newest snapshot of the run, with its diagnosis (undefined before the first, and after a reset). */
  get snapshot(): SnapshotMessage | undefined {
    return this.latest;
  }

  /** The attached panel's webview is live. */
  get live(): boolean {
    return this.view?.live ?? false;
  }

  /**
   * The attached panel's webview is ready: everything it needs, in the order it would have
   * arrived (the run's scalars before the snapshot that ends them).
   */
  ready(): void {
    if (this.pace) this.post(this.pace);
    if (this.model) this.post(this.model);
    for (const batch of this.scalars.all) this.post(batch);
    if (this.latest) this.post(this.latest);
    if (this.runState) this.post({ type: 'state', state: this.runState });
    if (this.error) this.post(this.error);
    if (this.gradientCheck) this.post(this.gradientCheck);
    if (this.inputPoints) this.post(this.inputPoints);
    if (this.inputView) this.post(this.inputView);
    if (this.walkthroughRequested) this.startWalkthrough();
  }

  /**
   * A new layout, with the data points its source sent while it was being built: cards are
   * rebuilt, and everything of the old layout goes.
   */
  setModel(model: ModelMessage, inputPoints?: InputPointsMessage): void {
    this.model = model;
    this.scalars.clear();
    this.latest = undefined;
    this.error = undefined;
    this.gradientCheck = undefined; // it checked the old layout's parameters
    this.inputPoints = undefined;
    this.inputView = undefined;
    this.post(model);
    if (inputPoints) this.setInputPoints(inputPoints);
  }

  /** The data points of the input-space view (once per layout; after `setModel`). */
  setInputPoints(points: InputPointsMessage): void {
    this.inputPoints = points;
    this.post(points);
  }

  offerInputView(view: InputViewMessage): void {
    this.inputView = view;
    this.post(view);
  }

  /** Every step's scalars since the last batch: kept for a panel shown later, posted to a live one. */
  offerScalars(message: StepScalarsMessage): void {
    this.scalars.record(message);
    this.post(message);
  }

  /**
   * A snapshot (with its diagnosis); true when posted to a live panel (which will ack it), false
   * otherwise, in which case the caller acks it: only the newest is kept, to show when a panel is.
   */
  offerSnapshot(snapshot: SnapshotMessage): boolean {
    this.latest = snapshot;
    this.error = undefined;
    return this.post(snapshot);
  }

  /** The newest snapshot judged again (the run stopped, or the thresholds changed). */
  rejudge(diagnosis: DiagnosisView): void {
    if (this.latest === undefined) return;
    this.latest = { ...this.latest, diagnosis };
    this.post({ type: 'diagnosis', seq: this.latest.seq, diagnosis });
  }

  /** A reset: the run starts again from step 0, and its old snapshot and scalars no longer apply. */
  clearRun(): void {
    this.latest = undefined;
    this.scalars.clear();
  }

  showGradientCheck(message: GradientCheckMessage): void {
    this.gradientCheck = message;
    this.post(message);
  }

  /** The pace the run trains at, for the panel's control (posted when it changes). */
  setPace(pace: Pace): void {
    if (this.pace?.pace === pace) return;
    this.pace = { type: 'pace', pace };
    this.post(this.pace);
  }

  /** The panel's own control chose `pace`: remembered for the next panel, not echoed back. */
  pacedByPanel(pace: Pace): void {
    this.pace = { type: 'pace', pace };
  }

  /** Starts the panel's walk-through of the paused step (now if a panel is live, else when one is ready). */
  startWalkthrough(): void {
    this.walkthroughRequested = !this.post({ type: 'walkthrough' });
  }

  setRunState(state: RunState): void {
    this.runState = state;
    this.post({ type: 'state', state });
  }

  showError(error: ErrorMessage): void {
    this.error = error;
    this.post(error);
  }

  /** Posts to the live panel; false when there is none. */
  private post(message: HostToWebviewMessage): boolean {
    if (!this.view?.live) return false;
    this.view.post(message);
    return true;
  }
}
