import * as vscode from 'vscode';
import type { Pace } from '../../core/pace';
import type { PanelBinding } from '../../host/panel/panelBinding';
import { GradientPanel, type PanelDelegate } from '../panel/gradientPanel';

/** What the panel asks of its session: the webview's requests, minus the panel's own life cycle. */
export type PanelRequests = Omit<PanelDelegate, 'ready' | 'lostWebview' | 'activated' | 'closed'>;

/** What a session's panel room needs from the session. */
export interface SessionPanelHost {
  readonly extensionUri: vscode.Uri;
  readonly modelUri: vscode.Uri;
  readonly log: vscode.LogOutputChannel;
  /** What the panel shows: a new panel is attached to it, a closed one detached. */
  readonly binding: PanelBinding;
  readonly requests: PanelRequests;
  /** The pace a new panel's control starts at. */
  pace(): Pace;
  /**
   * The webview went away (hidden, or its panel closed): snapshots posted to it will never be
   * acknowledged, and the views it asked for are no longer shown.
   */
  lostWebview(): void;
  activated(): void;
  /** The panel was closed by the user (after `lostWebview`). */
  closed(): void;
  /** A panel appeared (the status bar and hover may say so). */
  changed(): void;
}

/**
 * The session's panel: zero or one at a time, created on Open Panel or Train, or adopted after
 * VS Code restored it. A panel that was replaced or disposed may still report late events (its
 * webview's messages, its dispose); they are ignored, so only the current panel acts.
 */
export class SessionPanel implements vscode.Disposable {
  private panel: GradientPanel | undefined;

  constructor(private readonly host: SessionPanelHost) {}

  get current(): GradientPanel | undefined {
    return this.panel;
  }

  /** Creates a panel beside the editor (the caller reveals an existing one instead). */
  create(title: string): void {
    const delegate = this.delegate();
    this.attach(delegate.own(GradientPanel.create(this.host.extensionUri, this.host.modelUri, title, delegate, this.host.log)));
  }

  /** Takes over a panel VS Code restored after a reload, replacing any current one. */
  adopt(webviewPanel: vscode.WebviewPanel): void {
    this.dispose();
    const delegate = this.delegate();
    this.attach(delegate.own(new GradientPanel(webviewPanel, this.host.extensionUri, this.host.modelUri, delegate, this.host.log)));
  }

  /** Reveals the panel; false without one. */
  reveal(): boolean {
    this.panel?.reveal();
    return this.panel !== undefined;
  }

  setTitle(title: string): void {
    this.panel?.setTitle(title);
  }

  /** Resolves once the webview can draw, or after `timeoutMs`; at once without a panel. */
  async whenReady(timeoutMs: number): Promise<void> {
    await this.panel?.whenReady(timeoutMs);
  }

  /** Closes the panel (its late `closed` event is ignored). */
  dispose(): void {
    const panel = this.panel;
    this.panel = undefined;
    if (panel) this.host.binding.detach(panel);
    panel?.dispose();
  }

  /** A new panel shows what the binding holds once its webview is ready. */
  private attach(panel: GradientPanel): void {
    this.panel = panel;
    this.host.binding.attach(panel);
    this.host.binding.setPace(this.host.pace());
    this.host.changed();
  }

  /** Callbacks for one panel; a replaced or disposed panel's life-cycle events are ignored. */
  private delegate(): PanelDelegate & { own(panel: GradientPanel): GradientPanel } {
    let owner: GradientPanel | undefined;
    const isCurrent = () => owner !== undefined && this.panel === owner;
    return {
      ...this.host.requests,
      own: (panel) => (owner = panel),
      ready: () => { if (isCurrent()) this.host.binding.ready(); },
      lostWebview: () => this.host.lostWebview(),
      activated: () => this.host.activated(),
      closed: () => {
        if (!isCurrent()) return;
        this.panel = undefined;
        this.host.binding.detach(owner!);
        this.host.lostWebview();
        this.host.closed();
      },
    };
  }
}
