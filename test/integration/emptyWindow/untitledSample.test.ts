// Runs in the launcher's empty window (no folder open), as the Get Started walkthrough promises:
// "Open the Spirals sample" makes an unsaved spirals.nn.json, and Train with no URI trains that
// untitled document, opening its panel, with nothing saved anywhere.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { COMMANDS } from '../../../src/extension/commandIds';
import { api, LONG, waitFor } from '../suite/fixture';

describe('an empty window', function () {
  this.timeout(60_000);

  after(async () => {
    // Untitled and dirty: revert so closing does not ask to save.
    while (vscode.window.activeTextEditor?.document.uri.scheme === 'untitled') {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('has no folder open', () => {
    assert.equal(vscode.workspace.workspaceFolders, undefined, 'the launcher should open this window without a folder');
  });

  it('trains the unsaved Spirals sample the walkthrough opens, from Train with no URI, and opens its panel', async () => {
    const lens = await api();
    const document = await vscode.commands.executeCommand<vscode.TextDocument>(COMMANDS.newModel, 'spirals');
    assert.equal(document.uri.scheme, 'untitled');
    assert.ok(document.isDirty, 'never saved');
    assert.equal(vscode.window.activeTextEditor?.document, document);
    await vscode.commands.executeCommand(COMMANDS.train);
    assert.equal(lens.sessionState(document.uri), 'training');
    await waitFor('the panel to load', () => lens.panelStats(document.uri)?.ready, LONG);
    await waitFor('steps on the unsaved model', () => (lens.liveRun(document.uri)?.step ?? 0) > 3, LONG);
    await vscode.commands.executeCommand(COMMANDS.stop, document.uri);
    assert.equal(lens.sessionState(document.uri), 'finished');
    await waitFor('the worker to end', () => lens.liveWorkerCount() === 0, LONG);
    assert.ok(document.isDirty, 'training saved nothing');
  });
});
