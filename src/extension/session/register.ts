import * as vscode from 'vscode';
import { registerTrainingCommands } from '../commands';
import { registerExports } from '../export/exportCommands';
import { registerPanelSerializer } from '../panel/panelSerializer';
import { TrainingStatusBar } from '../statusBar';
import { ActiveModel } from './activeModel';
import { createApi, type GradientLensTestHooks, type SessionApi } from './api';
import { ContextKeys } from './contextKeys';
import { SessionManager } from './sessionManager';

/**
 * Wires training: sessions, commands, panel restore, status bar and context keys, all owned by
 * the context. Returns the manager (deactivate awaits its workers) and the extension's API.
 */
export function registerTraining(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): { manager: SessionManager; api: SessionApi & Partial<GradientLensTestHooks> } {
  const activeModel = new ActiveModel();
  const manager = new SessionManager(context, log, activeModel);
  const statusBar = new TrainingStatusBar(manager, activeModel);
  const contextKeys = new ContextKeys(manager, activeModel);
  const exports = registerExports(manager, activeModel, log);
  // Disposed in reverse: views first, then the manager (which ends every worker), then the tracker.
  context.subscriptions.push(
    activeModel,
    manager,
    statusBar,
    contextKeys,
    registerTrainingCommands(manager, activeModel, log),
    exports,
    registerPanelSerializer(manager, log),
  );
  return { manager, api: createApi(manager, statusBar, contextKeys, exports) };
}
