// Session lifecycle at its edges: a session that ends while Train is still reading its data never
// starts a worker (the worker count is kept by the threads themselves, so a leaked one shows).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GradientLensApi, GradientLensTestHooks } from '../../../src/extension/session/api';
import { api, closeEverything, fixtureUri, show, waitForLog } from './fixture';
import { csvModel, writeWorkspaceFile } from './modelFiles';

/** Rows of the CSV Train reads: enough that reading and parsing it outlasts closing the editor. */
const SLOW_ROWS = 400_000;

function slowCsv(): string {
  const lines = ['x,y,label'];
  for (let i = 0; i < SLOW_ROWS; i++) lines.push(`${(i % 997) / 997},${(i % 991) / 991},${i % 2 === 0 ? 'a' : 'b'}`);
  return `${lines.join('\n')}\n`;
}

describe('session lifecycle', function () {
  this.timeout(60_000);
  let lens: GradientLensApi & GradientLensTestHooks;

  before(async () => {
    lens = await api();
    await writeWorkspaceFile('slow.csv', slowCsv());
    await writeWorkspaceFile('slow.nn.json', csvModel('slow.csv'));
  });
  afterEach(async () => { await closeEverything(lens); });
  after(async () => {
    for (const name of ['slow.csv', 'slow.nn.json']) await vscode.workspace.fs.delete(fixtureUri(name));
  });

  it('a session closed while Train still loads its data never starts a worker', async () => {
    const uri = await show('slow.nn.json');
    const training = vscode.commands.executeCommand('gradientLens.train', uri);
    // Closing the model's only editor ends its session while Train reads slow.csv.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await training;
    assert.equal(lens.liveWorkerCount(), 0, 'a worker was started for a session that had ended');
    assert.equal(lens.sessionState(uri), undefined, 'the session is gone');
    // The close came while loading (not after a worker had started and was ended with the session).
    await waitForLog(/slow\.nn\.json: not started: the session of .* has ended/);
  });
});
