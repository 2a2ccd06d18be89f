// A restored panel's webview state is written by the webview: the serializer acts only on a
// `*.nn.json` file of the workspace that exists.
import * as assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import * as vscode from 'vscode';
import { restorableModel } from '../../../src/extension/panel/panelSerializer';
import { fixtureUri } from './fixture';

async function refusal(state: unknown): Promise<string> {
  const model = await restorableModel(state);
  assert.ok('refused' in model, `restored from ${JSON.stringify(state)}`);
  return model.refused;
}

describe('panel restore (webview state)', () => {
  it('restores the panel of an existing model file of the workspace', async () => {
    const model = await restorableModel({ modelUri: fixtureUri('spirals.nn.json').toString() });
    assert.ok('uri' in model);
    assert.equal(model.uri.toString(), fixtureUri('spirals.nn.json').toString());
  });

  it('refuses state without a model, another file type, a file outside the workspace, a missing file and a folder', async () => {
    assert.match(await refusal(undefined), /did not record/);
    assert.match(await refusal({ modelUri: 42 }), /did not record/);
    assert.match(await refusal({ modelUri: 'not a uri' }), /not a URI|not a model file/);
    assert.match(await refusal({ modelUri: fixtureUri('plain.json').toString() }), /not a model file/);
    assert.match(await refusal({ modelUri: vscode.Uri.file(`${tmpdir()}/elsewhere.nn.json`).toString() }), /not in a workspace folder/);
    assert.match(await refusal({ modelUri: fixtureUri('gone.nn.json').toString() }), /does not exist/);
    const folder = fixtureUri('folder.nn.json');
    await vscode.workspace.fs.createDirectory(folder);
    try {
      assert.match(await refusal({ modelUri: folder.toString() }), /not a file/);
    } finally {
      await vscode.workspace.fs.delete(folder, { recursive: true });
    }
  });
});
