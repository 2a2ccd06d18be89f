import * as vscode from 'vscode';
import { registerEditorFeatures } from './editor/register';
import { registerTraining } from './session/register';
import type { GradientLensApi, GradientLensTestHooks } from './session/api';
import type { SessionManager } from './session/sessionManager';

/** Kept for deactivate, which must wait until every training worker has exited. */
let sessions: SessionManager | undefined;

/** Activation wires providers and commands; each registration returns a disposable owned by the context. */
export function activate(context: vscode.ExtensionContext): GradientLensApi & Partial<GradientLensTestHooks> {
  const log = vscode.window.createOutputChannel('Gradient Lens', { log: true });
  context.subscriptions.push(
    log,
    vscode.commands.registerCommand('gradientLens.showOutput', () => log.show(true)),
  );
  const training = registerTraining(context, log);
  sessions = training.manager;
  const diagnostics = registerEditorFeatures(context, log, training.manager);
  log.info(`Gradient Lens ${context.extension.packageJSON.version} activated`);
  return { ...training.api, pendingDataLoads: () => diagnostics.pendingLoads };
}

export async function deactivate(): Promise<void> {
  await sessions?.disposeAll();
  sessions = undefined;
}
