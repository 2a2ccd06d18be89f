// The panel's timeline inputs from the real extension host: every layout carries the run it
// starts and the timeline budget from the settings, and a saved architecture edit announces a
// new run with reason 'edit' (what makes the panel keep the old run to compare with), while a
// learning-rate edit keeps the run.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GradientLensApi } from '../../../src/extension/session/api';
import { api, closeEverything, fixtureUri, LONG, openPanel, replaceAndSave, waitFor } from './fixture';

describe('panel timeline: run starts', function () {
  this.timeout(60_000);
  let lens: GradientLensApi;
  const uri = fixtureUri('timeline-edit.nn.json');

  before(async () => {
    lens = await api();
  });
  after(async () => {
    const config = vscode.workspace.getConfiguration('gradientLens');
    await config.update('timeline.snapshots', undefined, vscode.ConfigurationTarget.Workspace);
    await config.update('timeline.maxMegabytes', undefined, vscode.ConfigurationTarget.Workspace);
    await closeEverything(lens);
    await vscode.workspace.fs.delete(uri);
  });

  it('an architecture edit restarts the run with reason "edit" and a new run id; a learning-rate edit does not', async () => {
    const config = vscode.workspace.getConfiguration('gradientLens');
    await config.update('timeline.snapshots', 37, vscode.ConfigurationTarget.Workspace);
    await config.update('timeline.maxMegabytes', 3, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.fs.writeFile(uri, await vscode.workspace.fs.readFile(fixtureUri('spirals.nn.json')));
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
    const replace = (from: string, to: string) => replaceAndSave(editor, from, to);
    const layout = () => lens.panelStats(uri)?.lastLayout;

    await openPanel(lens, uri);
    const first = await waitFor('the first layout', () => layout()?.run, LONG);
    assert.equal(first.reason, 'load');
    assert.deepEqual(layout()?.timeline, { snapshots: 37, maxBytes: 3 * 2 ** 20 });
    await vscode.commands.executeCommand('gradientLens.step10', uri);
    const layoutsBefore = lens.panelStats(uri)?.posted.model ?? 0;

    await replace('"learningRate": 0.01', '"learningRate": 0.02');
    await vscode.commands.executeCommand('gradientLens.step', uri);
    assert.equal(lens.liveRun(uri)?.step, 11, 'the run went on');
    assert.equal(lens.panelStats(uri)?.posted.model, layoutsBefore, 'no new layout for a learning-rate edit');
    assert.deepEqual(layout()?.run, first);

    await replace('{ "units": 16, "activation": "tanh" },\n    { "units": 16', '{ "units": 12, "activation": "tanh" },\n    { "units": 16');
    const edited = await waitFor('the edit-restart signal', () => (layout()?.run?.reason === 'edit' ? layout()?.run : undefined), LONG);
    assert.equal(edited.id, first.id + 1);
    assert.equal(lens.panelStats(uri)?.posted.model, layoutsBefore + 1);
  });
});
