import * as vscode from 'vscode';

/** Activation wires providers and commands; each registration returns a disposable owned by the context. */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Gradient Lens', { log: true });
  context.subscriptions.push(
    log,
    vscode.commands.registerCommand('gradientLens.showOutput', () => log.show(true)),
  );
  log.info(`Gradient Lens ${context.extension.packageJSON.version} activated`);
}

export function deactivate(): void {}
