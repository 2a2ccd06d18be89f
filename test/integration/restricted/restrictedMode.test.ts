// Runs in the launcher's restricted-mode window: workspace trust on, the folder not trusted. A
// model file may read data inside the workspace only; paths that lead out (`..`, absolute, a
// symlink) are refused on the path value, with how to trust the folder, and nothing there is opened.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { constants, mkdirSync, openSync, closeSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { hoverAt, ours, positionOf } from '../suite/editorQueries';
import { api, fixtureUri, LONG, waitFor } from '../suite/fixture';
import { csvModel, twoClassCsv, writeWorkspaceFile } from '../suite/modelFiles';

/** True when some process has `fifo` open for reading (opening it to write without blocking fails with ENXIO otherwise). */
function fifoHasReader(fifo: string): boolean {
  try {
    closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENXIO') return false;
    throw error;
  }
}

async function restrictedProblem(name: string, path: string): Promise<{ document: vscode.TextDocument; diagnostic: vscode.Diagnostic }> {
  const uri = await writeWorkspaceFile(name, csvModel(path));
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document, { preview: false });
  const diagnostic = await waitFor(`the restricted-mode problem of ${name}`, () => ours(uri).find((d) => d.code === 'data-load-failed'), LONG);
  return { document, diagnostic };
}

describe('restricted mode (untrusted workspace)', () => {
  const workspace = fixtureUri('').fsPath;
  const outside = join(dirname(workspace), 'outside');
  const outsideCsv = join(outside, 'data.csv');
  const outsideFifo = join(outside, 'pipe.csv');

  before(() => {
    mkdirSync(outside, { recursive: true });
    writeFileSync(outsideCsv, twoClassCsv());
    const made = spawnSync('mkfifo', [outsideFifo]);
    assert.equal(made.status, 0, `mkfifo failed: ${made.stderr?.toString()}`);
    symlinkSync(outsideCsv, join(workspace, 'linked-out.csv'));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(outside, { recursive: true, force: true });
  });

  it('runs in an untrusted window', () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the launcher should open this window in restricted mode');
  });

  for (const [label, name, path] of [
    ['a relative path out of the workspace', 'escape-relative.nn.json', '../outside/data.csv'],
    ['an absolute path', 'escape-absolute.nn.json', join(dirname(fixtureUri('').fsPath), 'outside', 'data.csv')],
    ['a symlink that points out', 'escape-symlink.nn.json', 'linked-out.csv'],
  ] as const) {
    it(`refuses ${label}, on the path value, saying how to trust the folder`, async () => {
      const { document, diagnostic } = await restrictedProblem(name, path);
      assert.match(diagnostic.message, /restricted mode/);
      assert.match(diagnostic.message, /Manage Workspace Trust/);
      assert.equal(document.getText(diagnostic.range), JSON.stringify(path), 'the problem is underlined on the path value');
    });
  }

  it('never opens a FIFO outside the workspace, from the editor or from Train', async () => {
    const lens = await api();
    const { document } = await restrictedProblem('escape-fifo.nn.json', '../outside/pipe.csv');
    assert.equal(fifoHasReader(outsideFifo), false, 'the FIFO outside the workspace was opened');
    await vscode.commands.executeCommand('gradientLens.train', document.uri);
    assert.equal(lens.liveWorkerCount(), 0, 'Train started a worker on a refused model');
    assert.equal(fifoHasReader(outsideFifo), false, 'Train opened the FIFO outside the workspace');
  });

  it('reads data inside the workspace as in a trusted one', async () => {
    await writeWorkspaceFile('inside.csv', twoClassCsv());
    const uri = await writeWorkspaceFile('inside.nn.json', csvModel('inside.csv'));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: false });
    await waitFor('the data hover with the CSV read (40 samples)', async () => /40 samples/.test(await hoverAt(document, positionOf(document, '"data"', 0, 2))), LONG);
    assert.deepEqual(ours(uri).filter((d) => d.code === 'data-load-failed'), []);
  });
});
