// Check Gradients inside the real extension host (issue 6): the worker's report reaches the open
// panel as a `gradientCheck` message with one entry per layer, and a panel opened later gets the
// latest report replayed on its `ready`. What the panel was sent comes from the extension's API.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GradientLensApi } from '../../../src/extension/session/api';
import { api, closeEverything, LONG, openPanel, panelTab, posted, show, waitFor } from './fixture';

describe('gradient check in the panel', function () {
  this.timeout(60_000);
  let lens: GradientLensApi;

  before(async () => { lens = await api(); });
  afterEach(async () => {
    await closeEverything(lens);
  });

  it('Check Gradients with the panel open posts the report to it: passed, one entry per layer', async () => {
    // Three layers in f64 (test/fixtures/workspace/gradcheck.nn.json).
    const uri = await show('gradcheck.nn.json');
    await openPanel(lens, uri);
    assert.equal(posted(lens, uri, 'gradientCheck'), 0, 'no check before the command');

    await vscode.commands.executeCommand('gradientLens.checkGradients', uri);
    await waitFor('a gradientCheck message to the panel', () => posted(lens, uri, 'gradientCheck') >= 1, LONG);
    const report = lens.panelStats(uri)?.lastGradientCheck;
    assert.ok(report, 'the panel stats keep the last gradient check posted');
    assert.equal(report.passed, true);
    assert.equal(report.precision, 'f64');
    assert.deepEqual(report.layers.map((layer) => layer.layer), [1, 2, 3]);
    assert.deepEqual(report.thresholds, { maxRelativeError: 1e-5, meanRelativeError: 1e-6 });
    // Layer 1 is 8×2 (16 weights, all checked), layer 2 is 6×8 (48, sampled down to 32), layer 3 is 3×6.
    assert.deepEqual(report.layers.map((layer) => [layer.weights.checked, layer.bias.checked]), [[16, 8], [32, 6], [18, 3]]);
    for (const layer of report.layers) {
      for (const check of [layer.weights, layer.bias]) {
        assert.ok(check.maxRelativeError <= report.thresholds.maxRelativeError, `layer ${layer.layer}: ${check.maxRelativeError}`);
        assert.ok(Number.isFinite(check.worstAnalytic) && Number.isFinite(check.worstNumerical));
      }
    }
    assert.ok(report.maxRelativeError <= 1e-5 && report.epsilon === 1e-6 && report.rows > 0);
    assert.equal(posted(lens, uri, 'gradientCheck'), 1, 'posted once');
  });

  it('a panel opened after the check gets the latest report on ready', async () => {
    const uri = await show('gradcheck.nn.json');
    // No panel yet: the report is kept by the session.
    await vscode.commands.executeCommand('gradientLens.checkGradients', uri);
    assert.equal(lens.panelStats(uri), undefined, 'no panel');
    await openPanel(lens, uri);
    await waitFor('the report replayed on ready', () => posted(lens, uri, 'gradientCheck') >= 1, LONG);
    assert.equal(lens.panelStats(uri)?.lastGradientCheck?.passed, true);
    assert.equal(lens.panelStats(uri)?.lastGradientCheck?.layers.length, 3);

    // Closed and reopened (the editor keeps the session): replayed again.
    const tab = panelTab();
    assert.ok(tab);
    await vscode.window.tabGroups.close(tab);
    await waitFor('the panel to close', () => lens.panelStats(uri) === undefined, LONG);
    await vscode.commands.executeCommand('gradientLens.openPanel', uri);
    await waitFor('the report replayed to the new panel', () => posted(lens, uri, 'gradientCheck') >= 1, LONG);
    assert.equal(lens.panelStats(uri)?.lastGradientCheck?.layers.length, 3);
  });
});
