import type * as vscode from 'vscode';
import type { Exports } from '../export/exportCommands';
import type { ExportPrompts } from '../export/exportPrompts';
import type { LiveRun } from '../liveFigures';
import type { PanelStats } from '../panel/gradientPanel';
import type { StreamSettings } from '../../protocol/workerMessages';
import type { TrainingStatusBar } from '../statusBar';
import type { ContextKeys } from './contextKeys';
import type { SessionManager } from './sessionManager';
import { WorkerLink } from './workerLink';

/**
 * What `activate()` returns: read-only views of the sessions (the integration tests read them;
 * nothing here changes state).
 */
export interface GradientLensApi {
  /** Training worker threads alive (also any that outlived its session). */
  liveWorkerCount(): number;
  /** The model's run state, undefined without a session. */
  sessionState(modelUri: vscode.Uri): string | undefined;
  /** The model's latest figures (what the hover reads), undefined without a session. */
  liveRun(modelUri: vscode.Uri): LiveRun | undefined;
  /** The status bar item's text, undefined while hidden. */
  statusBarText(): string | undefined;
  /** The current value of the `gradientLens.state` context key. */
  stateContextKey(): string;
  panelStats(modelUri: vscode.Uri): PanelStats | undefined;
  streamSettings(modelUri: vscode.Uri): StreamSettings | undefined;
  snapshotCount(modelUri: vscode.Uri): number | undefined;
  /** Rows of the model's gradient-norm history, undefined without a session. */
  normHistoryLength(modelUri: vscode.Uri): number | undefined;
  /** Data files the editor's checks are still reading (one that never ends stays counted). */
  pendingDataLoads(): number;
}

/** The part of the API the sessions answer (the editor features add the rest in extension.ts). */
export type SessionApi = Omit<GradientLensApi, 'pendingDataLoads'>;

/**
 * Hooks the integration tests drive what the UI would (the webview's messages, a crash, the
 * export dialogs) with. Only development builds have them: the packaged extension's API does not,
 * so no other extension can skip the export dialogs or post as the panel.
 */
export interface GradientLensTestHooks {
  /** Feeds `message` to the model's panel handler as if its webview had posted it; false without a panel. */
  injectPanelMessage(modelUri: vscode.Uri, message: unknown): boolean;
  /** Terminates the model's worker the way a crash would. */
  killWorkerForTest(modelUri: vscode.Uri): Promise<void>;
  /** Answers the exports' questions (format, destination) and takes their notices instead of the UI; undefined restores the UI. */
  useExportPromptsForTest(prompts: ExportPrompts | undefined): void;
}

export function createApi(manager: SessionManager, statusBar: TrainingStatusBar, contextKeys: ContextKeys, exports: Exports): SessionApi & Partial<GradientLensTestHooks> {
  const api: SessionApi = {
    liveWorkerCount: () => manager.liveWorkerCount(),
    sessionState: (uri) => manager.get(uri)?.state,
    liveRun: (uri) => manager.latest(uri),
    statusBarText: () => statusBar.text,
    stateContextKey: () => contextKeys.value,
    panelStats: (uri) => manager.get(uri)?.panelStats,
    streamSettings: (uri) => manager.get(uri)?.streamSettings,
    snapshotCount: (uri) => manager.get(uri)?.snapshotCount,
    normHistoryLength: (uri) => manager.get(uri)?.normHistoryLength,
  };
  if (!__TEST_HOOKS__) return api;
  const hooks: GradientLensTestHooks = {
    injectPanelMessage: (uri, message) => {
      const panel = manager.get(uri)?.openPanelView;
      panel?.receive(message);
      return panel !== undefined;
    },
    killWorkerForTest: async (uri) => {
      const source = manager.get(uri)?.source;
      if (source instanceof WorkerLink) await source.terminateAbruptly();
    },
    useExportPromptsForTest: (prompts) => exports.usePrompts(prompts),
  };
  return { ...api, ...hooks };
}
