import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GradientLensApi } from '../../../src/extension/session/api';
import { contributedCommands, extensionUnderTest, fixtureUri, waitFor } from './fixture';

describe('activation', () => {
  it('activates when a *.nn.json document is opened', async () => {
    const document = await vscode.workspace.openTextDocument(fixtureUri('xor.nn.json'));
    await vscode.window.showTextDocument(document);
    const extension = extensionUnderTest();
    await waitFor('the extension to activate', () => extension.isActive);
    assert.equal(typeof (extension.exports as Partial<GradientLensApi> | undefined)?.liveWorkerCount, 'function', 'activate() returned the extension\'s API');
  });

  it('registers every command contributed in package.json', async () => {
    await waitFor('activation', () => extensionUnderTest().isActive);
    const contributed = contributedCommands();
    assert.ok(contributed.length > 0, 'package.json contributes no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((command) => !registered.has(command));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });
});
