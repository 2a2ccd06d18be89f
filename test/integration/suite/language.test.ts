import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fixtureUri } from './fixture';

describe('model file language', () => {
  it('opens *.nn.json as jsonc (comments allowed in model files)', async () => {
    const document = await vscode.workspace.openTextDocument(fixtureUri('xor.nn.json'));
    assert.equal(document.languageId, 'jsonc');
  });

  it('leaves other .json files alone', async () => {
    const document = await vscode.workspace.openTextDocument(fixtureUri('plain.json'));
    assert.equal(document.languageId, 'json');
  });
});
