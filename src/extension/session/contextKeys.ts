import * as vscode from 'vscode';
import type { ActiveModel } from './activeModel';
import type { SessionManager } from './sessionManager';

/** `gradientLens.state`: the active model's run state, or `none` without a session (package.json `when` clauses read it). */
export const STATE_KEY = 'gradientLens.state';
/** `gradientLens.modelActive`: commands have a model to act on without asking. */
export const MODEL_ACTIVE_KEY = 'gradientLens.modelActive';
/** `gradientLens.hasSessions`: some model has a session (commands can pick one when no model is active). */
export const HAS_SESSIONS_KEY = 'gradientLens.hasSessions';

/** `gradientLens.hasSnapshot`: the active model's session (or, with no active model, some session) has a snapshot to export. */
export const HAS_SNAPSHOT_KEY = 'gradientLens.hasSnapshot';

/** Keeps the context keys in step with the active model and its session; the last values are readable by tests. */
export class ContextKeys implements vscode.Disposable {
  private state = '';
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly manager: SessionManager, private readonly activeModel: ActiveModel) {
    this.subscriptions = [manager.onDidChange(() => this.update()), activeModel.onDidChange(() => this.update())];
    this.update();
  }

  get value(): string {
    return this.state;
  }

  private update(): void {
    const uri = this.activeModel.uri;
    const state = uri ? (this.manager.get(uri)?.state ?? 'none') : 'none';
    if (state !== this.state) {
      this.state = state;
      void vscode.commands.executeCommand('setContext', STATE_KEY, state);
    }
    void vscode.commands.executeCommand('setContext', MODEL_ACTIVE_KEY, uri !== undefined);
    void vscode.commands.executeCommand('setContext', HAS_SESSIONS_KEY, this.manager.all().length > 0);
    const hasSnapshot = uri ? (this.manager.get(uri)?.hasSnapshot ?? false) : this.manager.all().some((session) => session.hasSnapshot);
    void vscode.commands.executeCommand('setContext', HAS_SNAPSHOT_KEY, hasSnapshot);
  }

  dispose(): void {
    this.subscriptions.forEach((subscription) => subscription.dispose());
  }
}
