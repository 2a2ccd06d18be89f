import * as vscode from 'vscode';
import {
  type DiagnosisSettingsMessage, type ErrorMessage, type ExportDataKind, type GradientCheckMessage, type HostToWebviewMessage, type ModelMessage, type PaceMessage, type RunCommand, type RunState, type SnapshotMessage,
} from '../../protocol/panelMessages';
import type { DiagnosisThresholds } from '../../core/diagnosisThresholds';
import type { InputPointsMessage, InputViewMessage } from '../../protocol/inputSpace';
import type { Pace } from '../../protocol/pace';
import type { QuantityName } from '../../core/snapshot';
import type { StepScalarsMessage } from '../../protocol/stepScalars';
import { parseWebviewMessage } from '../../host/panel/parseWebviewMessage';
import { panelHtml, panelResourceRoots } from './panelHtml';

export const PANEL_VIEW_TYPE = 'gradientLens.panel';

/** A panel button asked to save something: a dataset export by kind, or a PNG the webview rendered. */
export type PanelExportRequest = { readonly kind: ExportDataKind } | { readonly kind: 'image'; readonly name: string; readonly png: Uint8Array };

/** What the panel asks of the session that owns it (every request already validated). */
export interface PanelDelegate {
  command(name: RunCommand): void;
  /** The webview drew every snapshot up to `seq`. */
  acknowledge(seq: number): void;
  setLearningRate(value: number): void;
  selectSample(index: number): void;
  setView(quantities: readonly QuantityName[], layers: readonly number[]): void;
  export(request: PanelExportRequest): void;
  /** The panel's pace control: how fast the run trains from now on. */
  setPace(pace: Pace): void;
  /** The webview shows (or stopped showing) the input-space view. */
  setInputSpace(visible: boolean): void;
  /** The webview went away (hidden or closed) with snapshots possibly unacknowledged. */
  lostWebview(): void;
  /** The panel became the active editor tab. */
  activated(): void;
  closed(): void;
}

/** Counters for the integration tests (through the extension's API). */
export interface PanelStats {
  readonly ready: boolean;
  readonly visible: boolean;
  readonly title: string;
  /** Messages posted to the webview, by type. */
  readonly posted: Readonly<Record<string, number>>;
  /** Webview messages that failed validation. */
  readonly rejected: number;
  /** The last gradient check posted to the webview, if any (test hook: what the panel was sent). */
  readonly lastGradientCheck?: GradientCheckMessage['report'];
  /** Run and timeline budget of the last layout posted to the webview (test hook: did the panel hear of an edit's restart). */
  readonly lastLayout?: Pick<ModelMessage, 'run' | 'timeline'>;
}

/**
 * Host side of one model's panel. Posts nothing before the webview's `ready`, and since the
 * webview is not retained while hidden (it reloads and says `ready` again when shown), it keeps
 * the model layout, the newest snapshot and the run state to replay on every `ready`.
 */
export class GradientPanel implements vscode.Disposable {
  private ready = false;
  private model: ModelMessage | undefined;
  private latest: SnapshotMessage | undefined;
  private runState: RunState | undefined;
  /** An error that arrived after the newest snapshot (a snapshot clears the panel's banner). */
  private error: ErrorMessage | undefined;
  /** The latest gradient check of this layout, replayed on `ready` until a new layout replaces it. */
  private gradientCheck: GradientCheckMessage | undefined;
  private lastPostedCheck: GradientCheckMessage | undefined;
  private lastPostedLayout: Pick<ModelMessage, 'run' | 'timeline'> | undefined;
  private diagnosisSettings: DiagnosisSettingsMessage | undefined;
  /** A walk-through asked for before the webview was ready. */
  private walkthroughRequested = false;
  /** The run's pace, shown by the panel's pace control (replayed on `ready`). */
  private pace: PaceMessage | undefined;
  /** The data and the newest prediction (or first-layer images) of this layout, replayed on `ready`. */
  private inputPoints: InputPointsMessage | undefined;
  private inputView: InputViewMessage | undefined;
  private readonly posted: Record<string, number> = {};
  private rejected = 0;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Callers of `whenReady` waiting for the webview's `ready`. */
  private readyWaiters: (() => void)[] = [];

  /** Adopts `webviewPanel` (new, or restored by the serializer) and loads the page into it. */
  constructor(
    private readonly webviewPanel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    readonly modelUri: vscode.Uri,
    private readonly delegate: PanelDelegate,
    private readonly log: vscode.LogOutputChannel,
  ) {
    const webview = webviewPanel.webview;
    webview.options = { enableScripts: true, localResourceRoots: panelResourceRoots(extensionUri) };
    this.subscriptions.push(
      webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
      webviewPanel.onDidChangeViewState(() => {
        if (webviewPanel.active) this.delegate.activated();
        // Hidden means destroyed (no retainContextWhenHidden): wait for the next `ready`.
        if (!webviewPanel.visible && this.ready) {
          this.ready = false;
          this.delegate.lostWebview();
        }
      }),
      webviewPanel.onDidDispose(() => {
        this.ready = false;
        this.subscriptions.forEach((subscription) => subscription.dispose());
        this.delegate.closed();
      }),
    );
    // Set once: rewriting the HTML on view-state changes would reload the page for nothing.
    webview.html = panelHtml(webview, extensionUri, modelUri);
  }

  static create(extensionUri: vscode.Uri, modelUri: vscode.Uri, title: string, delegate: PanelDelegate, log: vscode.LogOutputChannel): GradientPanel {
    const webviewPanel = vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      localResourceRoots: panelResourceRoots(extensionUri),
    });
    return new GradientPanel(webviewPanel, extensionUri, modelUri, delegate, log);
  }

  /** The webview is loaded, listening and on screen: posts reach it and get drawn (and acked). */
  get live(): boolean {
    return this.ready && this.webviewPanel.visible;
  }

  get stats(): PanelStats {
    return { ready: this.ready, visible: this.webviewPanel.visible, title: this.webviewPanel.title, posted: { ...this.posted }, rejected: this.rejected,
      ...(this.lastPostedCheck ? { lastGradientCheck: this.lastPostedCheck.report } : {}),
      ...(this.lastPostedLayout ? { lastLayout: this.lastPostedLayout } : {}) };
  }

  setTitle(title: string): void {
    this.webviewPanel.title = title;
  }

  /** Resolves once the webview has said `ready` (at once if it has), or after `timeoutMs` at the latest. */
  whenReady(timeoutMs: number): Promise<void> {
    if (this.ready) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.readyWaiters.push(done);
    });
  }

  reveal(): void {
    this.webviewPanel.reveal(undefined, false);
  }

  /** A new layout: cards are rebuilt, and snapshots of the old layout are dropped. */
  setModel(model: ModelMessage): void {
    this.model = model;
    this.latest = undefined;
    this.error = undefined;
    this.gradientCheck = undefined; // it checked the old layout's parameters
    this.inputPoints = undefined;
    this.inputView = undefined;
    if (this.live) this.post(model);
  }

  /** The data points of the input-space view (once per layout; after `setModel`). */
  setInputPoints(points: InputPointsMessage): void {
    this.inputPoints = points;
    if (this.live) this.post(points);
  }

  /** A new prediction grid or first-layer images: posted when live, else kept for the next `ready`. */
  offerInputView(view: InputViewMessage): void {
    this.inputView = view;
    if (this.live) this.post(view);
  }

  /**
   * Every step's scalars since the last batch, for the charts: posted when live, else dropped (a
   * reloaded webview starts its charts from the next batch).
   */
  offerScalars(message: StepScalarsMessage): void {
    if (this.live) this.post(message);
  }

  /** Shows a gradient check's table (now if the webview is live, else on its next `ready`). */
  showGradientCheck(message: GradientCheckMessage): void {
    this.gradientCheck = message;
    if (this.live) this.post(message);
  }

  /** The thresholds the panel's Diagnosis strip judges snapshots by (posted when they change). */
  setDiagnosisThresholds(thresholds: DiagnosisThresholds): void {
    if (JSON.stringify(thresholds) === JSON.stringify(this.diagnosisSettings?.thresholds)) return;
    this.diagnosisSettings = { type: 'diagnosisSettings', thresholds };
    if (this.live) this.post(this.diagnosisSettings);
  }

  /** The pace the run trains at, for the panel's control (posted when it changes). */
  setPace(pace: Pace): void {
    if (this.pace?.pace === pace) return;
    this.pace = { type: 'pace', pace };
    if (this.live) this.post(this.pace);
  }

  /** Starts the panel's walk-through of the paused step (now if the webview is live, else on its next `ready`). */
  startWalkthrough(): void {
    this.walkthroughRequested = !this.live;
    if (this.live) this.post({ type: 'walkthrough' });
  }

  setRunState(state: RunState): void {
    this.runState = state;
    if (this.live) this.post({ type: 'state', state });
  }

  showError(error: ErrorMessage): void {
    this.error = error;
    if (this.live) this.post(error);
  }

  /**
   * Offers a snapshot; true when it was posted (the webview will ack it), false when the panel is
   * hidden or not ready, in which case only the newest is kept and the caller acks for it.
   */
  offerSnapshot(snapshot: SnapshotMessage): boolean {
    this.latest = snapshot;
    this.error = undefined;
    if (!this.live) return false;
    this.post(snapshot);
    return true;
  }

  dispose(): void {
    this.webviewPanel.dispose();
  }

  /** A message from the webview (or one fed to it the same way): validated before anything acts on it. */
  receive(raw: unknown): void {
    const parsed = parseWebviewMessage(raw);
    if (!parsed.ok) {
      this.rejected++;
      this.log.warn(`Ignored a malformed message from the panel of ${this.modelUri.path}: ${parsed.reason}`);
      return;
    }
    const message = parsed.message;
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.replay();
        this.readyWaiters.splice(0).forEach((resolve) => resolve());
        return;
      case 'ack':
        return this.delegate.acknowledge(message.seq);
      case 'command':
        return this.delegate.command(message.name);
      case 'setLearningRate':
        return this.delegate.setLearningRate(message.value);
      case 'selectSample':
        return this.delegate.selectSample(message.index);
      case 'setView':
        return this.delegate.setView(message.quantities, message.layers);
      case 'exportImage':
        // Decoded and checked by parseWebviewMessage: only the bytes travel on.
        return this.delegate.export({ kind: 'image', name: message.name, png: message.png });
      case 'exportData':
        return this.delegate.export({ kind: message.kind });
      case 'setInputSpace':
        return this.delegate.setInputSpace(message.visible);
      case 'setPace':
        this.pace = { type: 'pace', pace: message.pace };
        return this.delegate.setPace(message.pace);
    }
  }

  /** Everything a freshly loaded webview needs, in the order it would have arrived. */
  private replay(): void {
    // Thresholds first, so the first snapshot is judged by the user's.
    if (this.diagnosisSettings) this.post(this.diagnosisSettings);
    if (this.pace) this.post(this.pace);
    if (this.model) this.post(this.model);
    if (this.latest) this.post(this.latest);
    if (this.runState) this.post({ type: 'state', state: this.runState });
    if (this.error) this.post(this.error);
    if (this.gradientCheck) this.post(this.gradientCheck);
    if (this.inputPoints) this.post(this.inputPoints);
    if (this.inputView) this.post(this.inputView);
    if (this.walkthroughRequested) this.startWalkthrough();
  }

  private post(message: HostToWebviewMessage): void {
    this.posted[message.type] = (this.posted[message.type] ?? 0) + 1;
    if (message.type === 'gradientCheck') this.lastPostedCheck = message;
    if (message.type === 'model') this.lastPostedLayout = { run: message.run, timeline: message.timeline };
    void this.webviewPanel.webview.postMessage(message).then(undefined, (error: unknown) => this.log.warn(`Posting to the panel failed: ${String(error)}`));
  }
}
