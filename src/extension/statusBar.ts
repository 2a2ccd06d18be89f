import * as vscode from 'vscode';
import { formatValue } from '../core/numberFormat';
import { COMMANDS } from './commandIds';
import type { ActiveModel } from './session/activeModel';
import type { SessionManager } from './session/sessionManager';
import type { TrainingSession } from './session/trainingSession';

const ICONS: Record<string, string> = {
  idle: '$(circle-outline)', training: '$(sync~spin)', paused: '$(debug-pause)', finished: '$(pass)', diverged: '$(warning)', error: '$(error)',
};

/**
 * One status bar item while any session exists: the active model's run (or the most recently
 * changed one) as state · epoch · loss · steps/s. Clicking it focuses that model's panel.
 */
export class TrainingStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('gradientLens.run', vscode.StatusBarAlignment.Left, 50);
  private readonly subscriptions: vscode.Disposable[];
  private lastChanged: vscode.Uri | undefined;

  constructor(private readonly manager: SessionManager, private readonly activeModel: ActiveModel) {
    this.item.name = 'Gradient Lens training';
    this.subscriptions = [
      manager.onDidChange((uri) => { this.lastChanged = uri; this.update(); }),
      activeModel.onDidChange(() => this.update()),
    ];
  }

  /** The item's text, or undefined while it is hidden (for the integration tests). */
  get text(): string | undefined {
    return this.shown ? this.item.text : undefined;
  }

  private shown = false;

  private update(): void {
    const session = this.pick();
    if (!session) {
      this.item.hide();
      this.shown = false;
      return;
    }
    const run = session.live;
    const parts = [
      `${ICONS[run.state] ?? ''} ${session.name}: ${run.state}`,
      `epoch ${run.epoch}`,
      ...(Number.isFinite(run.loss) || run.state === 'diverged' ? [`L ${formatValue(run.loss)}`] : []),
      ...(run.state === 'training' ? [`${Math.round(session.stepsPerSecond)} steps/s`] : []),
    ];
    this.item.text = parts.join(' · ');
    this.item.tooltip = `Gradient Lens: ${session.name} at step ${run.step}. Click to show its panel.`;
    this.item.command = { title: 'Open Gradient Panel', command: COMMANDS.openPanel, arguments: [session.modelUri] };
    this.item.show();
    this.shown = true;
  }

  private pick(): TrainingSession | undefined {
    const active = this.activeModel.uri && this.manager.get(this.activeModel.uri);
    if (active) return active;
    const recent = this.lastChanged && this.manager.get(this.lastChanged);
    return recent || this.manager.all()[0];
  }

  dispose(): void {
    this.subscriptions.forEach((subscription) => subscription.dispose());
    this.item.dispose();
  }
}
