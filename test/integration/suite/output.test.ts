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
    const { version } = extensionUnderTest().packageJSON as { version: string };
    await waitFor(`the activation line of version ${version} in the channel`, () =>
      editor.document.getText().includes(`Gradient Lens ${version} activated`));
    assert.equal(editor.document.languageId, 'log');
  });
});
