import * as vscode from 'vscode';
import { LIMITS } from '../../core/limits';
import type { RunCommand } from '../../protocol/panelMessages';
import { COMMANDS } from '../commandIds';
import type { LiveFigures, LiveRun } from '../liveFigures';
import { isModelFile } from '../modelFiles';
import type { PanelExportRequest } from '../panel/gradientPanel';
import { onDidChangeTrainingSettings, readTrainingSettings } from '../settings';
import type { ActiveModel } from './activeModel';
import { TrainingDiagnostics } from '../editor/trainingDiagnostics';
import { TrainingSession, type SessionHost } from './trainingSession';
import { WorkerLink } from './workerLink';

/** Figures-only changes reach listeners (hover, status bar) at most this often per model. */
const FIGURES_INTERVAL_MS = 250;

export class SessionLimitError extends Error {}

/**
 * All training sessions, one per model file, at most LIMITS.maxSessions. Decides when a session
 * ends (its model has neither an editor tab nor a panel), applies saves and settings to running
 * sessions, and publishes throttled changes for the hover, the status bar and the context keys.
 */
export class SessionManager implements LiveFigures, vscode.Disposable {
  private readonly sessions = new Map<string, TrainingSession>();
  private readonly diagnostics = new TrainingDiagnostics();
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changeEmitter.event;
  private readonly exportEmitter = new vscode.EventEmitter<{ readonly session: TrainingSession; readonly request: PanelExportRequest }>();
  /** A panel asked for an export; the export commands listen. */
  readonly onDidRequestExport = this.exportEmitter.event;
  private readonly lastFired = new Map<string, { at: number; state: string; timer?: NodeJS.Timeout }>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly host: SessionHost;

  constructor(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, private readonly activeModel: ActiveModel) {
    const workerScript = context.asAbsolutePath('dist/worker.js');
    this.host = {
      extensionUri: context.extensionUri,
      createSource: (listener) => new WorkerLink(workerScript, listener),
      log,
      diagnostics: this.diagnostics,
      settings: (uri) => readTrainingSettings(uri),
      changed: (session) => this.publish(session),
      panelClosed: (session) => void this.panelClosed(session),
      panelActivated: (session) => this.activeModel.set(session.modelUri),
      runCommand: (session, name) => void vscode.commands.executeCommand(commandFor(name), session.modelUri),
      exportRequested: (session, request) => this.exportEmitter.fire({ session, request }),
    };
    this.subscriptions.push(
      this.diagnostics,
      this.changeEmitter,
      this.exportEmitter,
      vscode.workspace.onDidSaveTextDocument((document) => {
        const session = this.get(document.uri);
        if (session) session.reload().catch((error: unknown) => log.error(`${session.name}: reload failed: ${String(error)}`));
      }),
      vscode.window.tabGroups.onDidChangeTabs(() => this.endOrphans()),
      onDidChangeTrainingSettings(() => this.sessions.forEach((session) => session.applySettings(readTrainingSettings(session.modelUri)))),
    );
  }

  get(uri: vscode.Uri): TrainingSession | undefined {
    return this.sessions.get(uri.toString());
  }

  all(): TrainingSession[] {
    return [...this.sessions.values()];
  }

  /** The model's session, created if needed (and its file shown, so the session has an owner). */
  async open(uri: vscode.Uri): Promise<{ session: TrainingSession; created: boolean }> {
    const existing = this.get(uri);
    if (existing) return { session: existing, created: false };
    if (!isModelFile(uri)) throw new Error(`${uri.path} is not a model file (*.nn.json)`);
    if (this.sessions.size >= LIMITS.maxSessions) {
      throw new SessionLimitError(`Gradient Lens trains at most ${LIMITS.maxSessions} models at once. Stop one (Gradient Lens: Stop) or close its editor and panel first.`);
    }
    const session = new TrainingSession(uri, this.host);
    this.sessions.set(uri.toString(), session);
    this.host.log.info(`Session opened for ${uri.path}`);
    if (!hasEditorTab(uri)) await vscode.window.showTextDocument(uri, { preview: false, preserveFocus: true });
    this.publish(session);
    return { session, created: true };
  }

  /** Ends a session: its panel closes and its worker is terminated. */
  async end(session: TrainingSession): Promise<void> {
    if (this.sessions.get(session.modelUri.toString()) !== session) return;
    this.sessions.delete(session.modelUri.toString());
    const fired = this.lastFired.get(session.modelUri.toString());
    if (fired?.timer) clearTimeout(fired.timer);
    this.lastFired.delete(session.modelUri.toString());
    await session.dispose();
    this.host.log.info(`Session ended for ${session.modelUri.path}`);
    this.changeEmitter.fire(session.modelUri);
  }

  latest(modelUri: vscode.Uri): LiveRun | undefined {
    return this.get(modelUri)?.live;
  }

  /** Worker threads alive, counted by the threads themselves: one a session left behind counts too. */
  liveWorkerCount(): number {
    return WorkerLink.liveCount;
  }

  /** Terminates every worker; deactivate awaits it so no thread outlives the extension. */
  async disposeAll(): Promise<void> {
    await Promise.all(this.all().map((session) => this.end(session)));
  }

  dispose(): void {
    void this.disposeAll();
    this.lastFired.forEach((fired) => { if (fired.timer) clearTimeout(fired.timer); });
    this.subscriptions.forEach((subscription) => subscription.dispose());
  }

  private async panelClosed(session: TrainingSession): Promise<void> {
    if (!hasEditorTab(session.modelUri)) return this.end(session);
    if (readTrainingSettings(session.modelUri).pauseWhenPanelClosed && session.state === 'training') {
      this.host.log.info(`${session.name}: panel closed, pausing (setting gradientLens.pauseWhenPanelClosed)`);
      await session.pause().catch((error: unknown) => this.host.log.error(`${session.name}: pause failed: ${String(error)}`));
    }
  }

  private endOrphans(): void {
    for (const session of this.all()) {
      if (!session.hasPanel && !hasEditorTab(session.modelUri)) void this.end(session);
    }
  }

  /** State changes fire at once; figure-only changes at most every FIGURES_INTERVAL_MS. */
  private publish(session: TrainingSession): void {
    const key = session.modelUri.toString();
    const fired = this.lastFired.get(key) ?? { at: 0, state: '' };
    this.lastFired.set(key, fired);
    const fire = () => {
      fired.timer = undefined;
      fired.at = Date.now();
      fired.state = session.state;
      if (this.sessions.get(key) === session) this.changeEmitter.fire(session.modelUri);
    };
    const wait = fired.at + FIGURES_INTERVAL_MS - Date.now();
    if (session.state !== fired.state || wait <= 0) {
      if (fired.timer) clearTimeout(fired.timer);
      fire();
    } else if (!fired.timer) {
      fired.timer = setTimeout(fire, wait);
    }
  }
}

function hasEditorTab(uri: vscode.Uri): boolean {
  const key = uri.toString();
  return vscode.window.tabGroups.all.some((group) => group.tabs.some((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === key));
}

function commandFor(name: RunCommand): string {
  const ids: Record<RunCommand, string> = {
    train: COMMANDS.train, pause: COMMANDS.pause, resume: COMMANDS.resume, step: COMMANDS.step, reset: COMMANDS.reset, stop: COMMANDS.stop,
  };
  return ids[name];
}
