import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionUnderTest, waitFor } from './fixture';

describe('output log', () => {
  it('gradientLens.showOutput shows the "Gradient Lens" channel with the activation line', async () => {
    await extensionUnderTest().activate();
    await vscode.commands.executeCommand('gradientLens.showOutput');
    // An output channel reaches extensions as a document of scheme `output` whose path ends with
    // the channel name; once shown, it is a visible editor (the Output panel's).
    const isOurChannel = (uri: vscode.Uri) => uri.scheme === 'output' && uri.path.endsWith('Gradient Lens');
    const editor = await waitFor('the "Gradient Lens" channel in a visible editor', () =>
      vscode.window.visibleTextEditors.find((candidate) => isOurChannel(candidate.document.uri)));
    await waitFor('the activation line in the channel', () =>
      editor.document.getText().includes('Gradient Lens 0.1.0 activated'));
    assert.equal(editor.document.languageId, 'log');
  });
});
