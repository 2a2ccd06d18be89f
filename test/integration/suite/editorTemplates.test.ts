// "New Model from Template": the command (given a template id, as walkthroughs and tests do)
// opens an untitled *.nn.json document that is a valid model and gets the editor features.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { COMMANDS } from '../../../src/extension/commandIds';
import { parseModel } from '../../../src/model';
import { extensionUnderTest, fixtureUri, waitFor } from './fixture';

describe('editor: new model from template', () => {
  before(async () => {
    await extensionUnderTest().activate();
  });
  afterEach(async () => {
    // Untitled and dirty: revert so closing doesn't ask to save.
    while (vscode.window.activeTextEditor?.document.uri.scheme === 'untitled') {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('opens the digits template as an untitled digits.nn.json in the workspace folder, valid and in jsonc', async () => {
    const document = await vscode.commands.executeCommand<vscode.TextDocument>(COMMANDS.newModel, 'digits');
    assert.ok(document, 'the command returned no document');
    assert.equal(document.uri.scheme, 'untitled');
    assert.equal(document.uri.path, fixtureUri('digits.nn.json').path);
    assert.equal(vscode.window.activeTextEditor?.document, document);
    assert.equal(document.languageId, 'jsonc');
    const parsed = parseModel(document.getText());
    assert.deepEqual(parsed.diagnostics, []);
    assert.equal(parsed.spec?.name, 'Digits (8×8)');
    assert.ok(!document.getText().includes('$schema'), 'a repo-relative $schema would not resolve in the user\'s folder');
    // It is a model file to the editor features too.
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
    assert.ok(lenses.some((lens) => lens.command?.command === COMMANDS.train));
  });

  it('never reuses a name taken on disk (xor.nn.json exists) or by an open document', async () => {
    const first = await vscode.commands.executeCommand<vscode.TextDocument>(COMMANDS.newModel, 'xor');
    assert.equal(first.uri.path, fixtureUri('xor-2.nn.json').path);
    const second = await vscode.commands.executeCommand<vscode.TextDocument>(COMMANDS.newModel, 'xor');
    assert.equal(second.uri.path, fixtureUri('xor-3.nn.json').path);
    assert.equal(second.getText(), first.getText());
  });

  it('gets diagnostics like a saved model file once edited', async () => {
    const document = await vscode.commands.executeCommand<vscode.TextDocument>(COMMANDS.newModel, 'iris');
    const at = document.getText().indexOf('"relu"');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(document.positionAt(at), document.positionAt(at + '"relu"'.length)), '"softmax"');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor('softmax-not-last on the untitled model', () =>
      vscode.languages.getDiagnostics(document.uri).some((d) => d.source === 'Gradient Lens' && d.code === 'softmax-not-last'));
  });
});
