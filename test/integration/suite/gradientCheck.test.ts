// Check Gradients inside the real extension host: the worker's report reaches the open
// panel as a `gradientCheck` message with one entry per layer, and a panel opened later gets the
// latest report replayed on its `ready`. What the panel was sent comes from the extension's API.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GradientLensApi } from '../../../src/extension/session/api';
import { api, closeEverything, fixtureSpec, LONG, openPanel, panelTab, posted, show, waitFor } from './fixture';
import { checkedPerLayer, DEFAULT_THRESHOLDS, sampledPerTensor, tensorSizes } from './gradientCheckSpec';

describe('gradient check in the panel', function () {
  this.timeout(60_000);
  let lens: GradientLensApi;

  before(async () => { lens = await api(); });
  afterEach(async () => {
    await closeEverything(lens);
  });

  it('Check Gradients with the panel open posts the report to it: passed, one entry per layer', async () => {
    // Three layers in f64 (test/fixtures/workspace/gradcheck.nn.json); one of them has more weights than are sampled.
    const spec = await fixtureSpec('gradcheck.nn.json');
    const sampled = sampledPerTensor();
    assert.ok(tensorSizes(spec).some(([weights]) => weights > sampled), `a weight tensor larger than the ${sampled} sampled, or the sampling goes untested`);
    assert.ok(tensorSizes(spec).some(([weights]) => weights < sampled), 'a weight tensor smaller than the sample, checked in full');
    const { epsilon, ...thresholds } = DEFAULT_THRESHOLDS[spec.training.precision];

    const uri = await show('gradcheck.nn.json');
    await openPanel(lens, uri);
    assert.equal(posted(lens, uri, 'gradientCheck'), 0, 'no check before the command');

    await vscode.commands.executeCommand('gradientLens.checkGradients', uri);
    await waitFor('a gradientCheck message to the panel', () => posted(lens, uri, 'gradientCheck') >= 1, LONG);
    const report = lens.panelStats(uri)?.lastGradientCheck;
    assert.ok(report, 'the panel stats keep the last gradient check posted');
    assert.equal(report.passed, true);
    assert.equal(report.precision, spec.training.precision);
    assert.equal(report.epsilon, epsilon);
    assert.deepEqual(report.thresholds, thresholds);
    assert.deepEqual(report.layers.map((layer) => layer.layer), spec.layers.map((_, i) => i + 1));
    assert.deepEqual(report.layers.map((layer) => [layer.weights.checked, layer.bias.checked]), checkedPerLayer(spec, sampled));
    for (const layer of report.layers) {
      for (const check of [layer.weights, layer.bias]) {
        assert.ok(check.maxRelativeError <= thresholds.maxRelativeError, `layer ${layer.layer}: ${check.maxRelativeError}`);
        assert.ok(Number.isFinite(check.worstAnalytic) && Number.isFinite(check.worstNumerical));
      }
    }
    assert.ok(report.maxRelativeError <= thresholds.maxRelativeError, `max ${report.maxRelativeError}`);
    assert.ok(report.meanRelativeError <= thresholds.meanRelativeError, `mean ${report.meanRelativeError}`);
    // No step taken yet: the loss is evaluated on the first batch, a full one (96 samples leave 77 training rows).
    assert.equal(report.rows, spec.training.batchSize);
    assert.equal(posted(lens, uri, 'gradientCheck'), 1, 'posted once');
  });

  it('a panel opened after the check gets the latest report on ready', async () => {
    const layers = (await fixtureSpec('gradcheck.nn.json')).layers.length;
    const uri = await show('gradcheck.nn.json');
    // No panel yet: the report is kept by the session.
    await vscode.commands.executeCommand('gradientLens.checkGradients', uri);
    assert.equal(lens.panelStats(uri), undefined, 'no panel');
    await openPanel(lens, uri);
    await waitFor('the report replayed on ready', () => posted(lens, uri, 'gradientCheck') >= 1, LONG);
    assert.equal(lens.panelStats(uri)?.lastGradientCheck?.passed, true);
    assert.equal(lens.panelStats(uri)?.lastGradientCheck?.layers.length, layers);

    // Closed and reopened (the editor keeps the session): replayed again.
    const tab = panelTab();
    assert.ok(tab);
    await vscode.window.tabGroups.close(tab);
    await waitFor('the panel to close', () => lens.panelStats(uri) === undefined, LONG);
    await vscode.commands.executeCommand('gradientLens.openPanel', uri);
    await waitFor('the report replayed to the new panel', () => posted(lens, uri, 'gradientCheck') >= 1, LONG);
    assert.equal(lens.panelStats(uri)?.lastGradientCheck?.layers.length, layers);
  });
});
