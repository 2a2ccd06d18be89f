// The input-space view inside the real extension host: with the panel open on a 2-input model,
// the worker's data points and prediction grids reach the webview while it shows the view, and
// stop when it says it no longer does. Counts come from the extension's API.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GradientLensApi, GradientLensTestHooks } from '../../../src/extension/session/api';
import { api, closeEverything, LONG, openPanel, posted, show, waitFor } from './fixture';

describe('input space', function () {
  this.timeout(60_000);
  let lens: GradientLensApi & GradientLensTestHooks;

  before(async () => {
    lens = await api();
  });
  afterEach(async () => {
    await closeEverything(lens);
  });

  it('training XOR with the panel open delivers the points and prediction grids to the panel, and none once it is hidden', async () => {
    const uri = await show('xor.nn.json');
    await openPanel(lens, uri);
    // The real webview asks for the view itself (its section is expanded by default).
    await waitFor('the webview to ask for the input-space view', () => lens.streamSettings(uri)?.inputSpace === true, LONG);
    await waitFor('the points', () => posted(lens, uri, 'inputPoints') >= 1, LONG);
    await waitFor('the prediction of the initial weights', () => posted(lens, uri, 'predictionGrid') >= 1, LONG);
    const beforeTraining = posted(lens, uri, 'predictionGrid');
    await vscode.commands.executeCommand('gradientLens.train', uri);
    // The fixture's 100 epochs of XOR take a second or two: grids come with snapshots, and one at the end.
    await waitFor('the run to finish', () => lens.sessionState(uri) === 'finished', LONG);
    await waitFor('prediction grids of the trained weights', () => posted(lens, uri, 'predictionGrid') > beforeTraining, LONG);
    assert.equal(posted(lens, uri, 'firstLayerImages'), 0, 'XOR has no image inputs');

    // The webview stops showing the view: the worker stops evaluating grids, also after a restart.
    assert.ok(lens.injectPanelMessage(uri, { type: 'setInputSpace', visible: false }));
    assert.equal(lens.streamSettings(uri)?.inputSpace, false);
    const settled = posted(lens, uri, 'predictionGrid');
    const points = posted(lens, uri, 'inputPoints');
    await vscode.commands.executeCommand('gradientLens.train', uri);
    await waitFor('the new run to finish', () => lens.sessionState(uri) === 'finished', LONG);
    assert.ok(posted(lens, uri, 'inputPoints') > points, 'a new worker sends its configuration\'s points');
    assert.equal(posted(lens, uri, 'predictionGrid'), settled, 'no grids while the view is not shown');

    const rejected = lens.panelStats(uri)!.rejected;
    assert.ok(lens.injectPanelMessage(uri, { type: 'setInputSpace', visible: 'yes' }));
    assert.equal(lens.panelStats(uri)!.rejected, rejected + 1);
    assert.equal(lens.streamSettings(uri)?.inputSpace, false);
  });
});
