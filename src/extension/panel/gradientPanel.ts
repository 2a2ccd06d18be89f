import * as vscode from 'vscode';
import type { ExportDataKind, GradientCheckMessage, HostToWebviewMessage, ModelMessage, RunCommand } from '../../protocol/panelMessages';
import type { Pace } from '../../core/pace';
import type { QuantityName } from '../../core/snapshot';
import type { PanelView } from '../../host/panel/panelBinding';
import { parseWebviewMessage } from '../../host/panel/parseWebviewMessage';
import { panelHtml, panelResourceRoots } from './panelHtml';

export const PANEL_VIEW_TYPE = 'gradientLens.panel';

/** A panel button asked to save something: a dataset export by kind, or a PNG the webview rendered. */
export type PanelExportRequest = { readonly kind: ExportDataKind } | { readonly kind: 'image'; readonly name: string; readonly png: Uint8Array };

/** What the panel asks of the session that owns it (every request already validated). */
export interface PanelDelegate {
  /** The webview is loaded and listening: it needs everything to show (the panel binding replays it). */
  ready(): void;
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
  /**
   * The steps of the `scalars` posted since the webview last said `ready` (its charts hold
   * exactly these): the first and last step, and whether they follow each other without a gap.
   */
  readonly scalarSteps?: { readonly first: number; readonly last: number; readonly contiguous: boolean };
}

/**
 * The webview of one model's panel: loads the page, checks every message the webview sends before
 * the session acts on it, and posts what the session's panel binding sends (which keeps and
 * replays what a reloaded webview needs: the webview is not retained while hidden, it reloads and
 * says `ready` again when shown). Posts nothing before `ready`.
 */
export class GradientPanel implements vscode.Disposable, PanelView {
  private ready = false;
  private lastPostedCheck: GradientCheckMessage | undefined;
  private lastPostedLayout: Pick<ModelMessage, 'run' | 'timeline'> | undefined;
  private scalarSteps: PanelStats['scalarSteps'];
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
      ...(this.lastPostedLayout ? { lastLayout: this.lastPostedLayout } : {}),
      ...(this.scalarSteps ? { scalarSteps: this.scalarSteps } : {}) };
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
        this.scalarSteps = undefined; // a reloaded webview starts with empty charts
        this.delegate.ready();
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
        return this.delegate.setPace(message.pace);
    }
  }

  /** Posts to the webview (the binding posts only while `live`). */
  post(message: HostToWebviewMessage): void {
    this.posted[message.type] = (this.posted[message.type] ?? 0) + 1;
    if (message.type === 'gradientCheck') this.lastPostedCheck = message;
    if (message.type === 'model') this.lastPostedLayout = { run: message.run, timeline: message.timeline };
    if (message.type === 'scalars' && message.count > 0) {
      const last = message.firstStep + message.count - 1;
      const before = this.scalarSteps;
      // A batch that does not continue the last starts a new run, as the webview's charts take it.
      this.scalarSteps = before === undefined || message.firstStep <= before.last
        ? { first: message.firstStep, last, contiguous: true }
        : { first: before.first, last, contiguous: before.contiguous && message.firstStep === before.last + 1 };
    }
    void this.webviewPanel.webview.postMessage(message).then(undefined, (error: unknown) => this.log.warn(`Posting to the panel failed: ${String(error)}`));
  }
}
