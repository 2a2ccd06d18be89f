import * as vscode from 'vscode';
import type { GradientCheckReport } from '../core/gradientCheckReport';
import { formatValue } from '../core/numberFormat';
import { COMMANDS } from './commandIds';
import type { ActiveModel } from './session/activeModel';
import { unlessCancelled } from './session/loadModel';
import { SessionLimitError, type SessionManager } from './session/sessionManager';
import { ModelProblemError, SessionEndedError, type TrainingSession } from './session/trainingSession';

/** Which models a command may pick from when it gets no URI and no model is active. */
export type Needs = 'model' | 'session';

/**
 * The run commands. Each takes an optional model URI (the editor's CodeLens passes one), else
 * acts on the active model (editor or panel), else asks with a QuickPick.
 */
export function registerTrainingCommands(manager: SessionManager, activeModel: ActiveModel, log: vscode.LogOutputChannel): vscode.Disposable {
  const forModel = (needs: Needs, action: (session: TrainingSession) => Promise<unknown>) => async (arg?: unknown) => {
    const uri = await targetModel(arg, needs, manager, activeModel);
    if (!uri) return;
    let opened: { session: TrainingSession; created: boolean } | undefined;
    try {
      if (needs === 'session') {
        const session = runningSession(uri, manager);
        if (!session) return;
        opened = { session, created: false };
      } else {
        opened = await manager.open(uri);
      }
      await action(opened.session);
    } catch (error) {
      // A session made just for a command that could not start leaves nothing behind.
      if (opened?.created && !opened.session.hasLiveWorker && !opened.session.hasPanel) await manager.end(opened.session);
      await reportFailure(error, uri, log);
    }
  };

  return vscode.Disposable.from(
    // Train shows what it trains: the panel opens (or comes forward) and the run starts once it can draw, from its first step.
    vscode.commands.registerCommand(COMMANDS.train, forModel('model', async (session) => {
      await session.openPanel();
      await session.panelReady();
      await session.train();
    })),
    vscode.commands.registerCommand(COMMANDS.pause, forModel('session', (session) => session.pause())),
    vscode.commands.registerCommand(COMMANDS.resume, forModel('session', (session) => session.resume())),
    vscode.commands.registerCommand(COMMANDS.step, forModel('model', (session) => session.runSteps(1))),
    vscode.commands.registerCommand(COMMANDS.step10, forModel('model', (session) => session.runSteps(10))),
    vscode.commands.registerCommand(COMMANDS.stop, forModel('session', (session) => session.stop())),
    vscode.commands.registerCommand(COMMANDS.reset, forModel('session', (session) => session.reset())),
    vscode.commands.registerCommand(COMMANDS.openPanel, forModel('model', (session) => session.openPanel())),
    vscode.commands.registerCommand(COMMANDS.walkThroughStep, forModel('model', (session) => session.walkThroughStep())),
    vscode.commands.registerCommand(COMMANDS.checkGradients, forModel('model', (session) => checkGradients(session, log))),
  );
}

/** The model a command acts on: its URI argument, else the active model, else one the user picks. */
export async function targetModel(arg: unknown, needs: Needs, manager: SessionManager, activeModel: ActiveModel): Promise<vscode.Uri | undefined> {
  if (arg instanceof vscode.Uri) return arg;
  if (activeModel.uri) return activeModel.uri;
  const candidates = needs === 'session'
    ? manager.all().map((session) => session.modelUri)
    : await vscode.workspace.findFiles('**/*.nn.json', '**/node_modules/**', 500);
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(needs === 'session' ? 'Gradient Lens: no model is training.' : 'Gradient Lens: no *.nn.json model files in this workspace.');
    return undefined;
  }
  if (candidates.length === 1) return candidates[0];
  const picked = await vscode.window.showQuickPick(
    candidates.map((uri) => ({ label: baseName(uri), description: vscode.workspace.asRelativePath(uri), uri })),
    { placeHolder: 'Which model?' },
  );
  return picked?.uri;
}

async function checkGradients(session: TrainingSession, log: vscode.LogOutputChannel): Promise<void> {
  // Cancel returns at once, even while the check still waits behind another command or the
  // worker is busy: the session drops whatever arrives later.
  const report = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Gradient Lens: checking the gradients of ${session.name}`, cancellable: true },
    (progress, token) => unlessCancelled(session.checkGradients(token, progress), token)
      .catch((error: unknown) => { if (error instanceof vscode.CancellationError) return undefined; throw error; }),
  );
  if (!report) {
    log.info(`${session.name}: gradient check cancelled`);
    return;
  }
  log.info(formatReport(session.name, report));
  const verdict = report.passed ? 'passed' : 'FAILED';
  void vscode.window.showInformationMessage(`Gradient Lens: gradient check of ${session.name} ${verdict} (max relative error ${formatValue(report.maxRelativeError)}). Details in the output log.`);
}

/** One line per layer: relative errors of ∂L/∂W and ∂L/∂b against central differences. */
function formatReport(name: string, report: GradientCheckReport): string {
  const lines = report.layers.map((layer) =>
    `  layer ${layer.layer}: W max ${formatValue(layer.weights.maxRelativeError)} mean ${formatValue(layer.weights.meanRelativeError)} (${layer.weights.checked} checked), ` +
    `b max ${formatValue(layer.bias.maxRelativeError)} mean ${formatValue(layer.bias.meanRelativeError)} (${layer.bias.checked} checked)`);
  return [
    `${name}: gradient check ${report.passed ? 'passed' : 'FAILED'} (${report.precision}, ε = ${report.epsilon}, ${report.rows} rows): max ${formatValue(report.maxRelativeError)}, mean ${formatValue(report.meanRelativeError)}`,
    ...lines,
  ].join('\n');
}

async function reportFailure(error: unknown, uri: vscode.Uri, log: vscode.LogOutputChannel): Promise<void> {
  // The user cancelled loading the model: the session logged it; nothing to report.
  if (error instanceof vscode.CancellationError) return;
  // The user closed the model (editor and panel) while it was starting: nothing left to report on.
  if (error instanceof SessionEndedError) {
    log.info(`${uri.path}: not started: ${error.message}`);
    return;
  }
  if (error instanceof ModelProblemError) {
    log.warn(`${uri.path}: not started: ${error.message}`);
    void vscode.window.showErrorMessage(`Gradient Lens: ${baseName(uri)} cannot train: ${error.message}`);
    // Show the user where: select the offending range in the model's editor.
    await vscode.window.showTextDocument(uri, { selection: error.range, preview: false });
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  if (!(error instanceof SessionLimitError)) log.error(`${uri.path}: ${message}`);
  void vscode.window.showErrorMessage(error instanceof SessionLimitError ? message : `Gradient Lens: ${message}`);
}

/** The model file's name, `spirals.nn.json`, for messages and pickers. */
export function baseName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() ?? uri.toString();
}

/** The session training `uri`, or undefined after telling the user it is not training. */
export function runningSession(uri: vscode.Uri, manager: SessionManager): TrainingSession | undefined {
  const session = manager.get(uri);
  if (!session) void vscode.window.showInformationMessage(`Gradient Lens: ${baseName(uri)} is not training. Run "Gradient Lens: Train Model" first.`);
  return session;
}
