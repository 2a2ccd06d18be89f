// The panel host inside the real extension host: the real webview loads dist/webview.js, says
// `ready`, draws and acks snapshots. Counters come from the extension's API (the webview's DOM is
// out of reach here; the e2e test looks at it).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GradientLensApi, GradientLensTestHooks } from '../../../src/extension/session/api';
import { api, closeEverything, extensionUnderTest, fixtureSpec, LONG, openPanel, panelTab, posted, show, waitFor, waitForLog } from './fixture';

interface Manifest { contributes: { configuration: { properties: Record<string, { default: unknown }> } } }

describe('gradient panel', function () {
  this.timeout(60_000);
  let lens: GradientLensApi & GradientLensTestHooks;

  before(async () => { lens = await api(); });
  afterEach(async () => {
    await vscode.workspace.getConfiguration('gradientLens').update('pauseWhenPanelClosed', undefined, vscode.ConfigurationTarget.Workspace);
    await closeEverything(lens);
  });

  it('opens titled with the model, waits for ready, and streams snapshots acked by the webview', async () => {
    const uri = await show('spirals.nn.json');
    await vscode.commands.executeCommand('gradientLens.openPanel', uri);
    assert.equal(lens.panelStats(uri)?.title, 'Gradient Lens: Spirals');
    await waitFor('the webview to say ready', () => lens.panelStats(uri)?.ready, LONG);
    assert.equal(posted(lens, uri, 'model'), 1, 'the layout went out once, after ready');
    await vscode.commands.executeCommand('gradientLens.train', uri);
    // The host never acks for a visible panel and the worker stops at 2 unacknowledged snapshots,
    // so more than a few posted proves the webview's acks reach the worker.
    await waitFor('snapshots drawn and acked', () => posted(lens, uri, 'snapshot') >= 6, LONG);
    assert.ok(posted(lens, uri, 'state') >= 1);
  });

  it('Train opens the panel beside the model editor, and Train again reveals the same panel', async () => {
    const uri = await show('spirals.nn.json');
    assert.equal(panelTab(), undefined, 'no panel before Train');
    await vscode.commands.executeCommand('gradientLens.train', uri);
    assert.ok(lens.panelStats(uri), 'Train opened the panel');
    // The tab model reaches the extension host a moment after the panel was created.
    const tab = await waitFor('the panel\'s tab', () => panelTab(), LONG);
    assert.equal(tab.label, 'Gradient Lens: Spirals');
    assert.notEqual(tab.group.viewColumn, vscode.ViewColumn.One, 'beside the editor, not over it');
    assert.equal(lens.sessionState(uri), 'training');
    await vscode.commands.executeCommand('gradientLens.stop', uri);
    await vscode.commands.executeCommand('gradientLens.train', uri);
    const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((each) => each.label === 'Gradient Lens: Spirals');
    assert.equal(tabs.length, 1, 'the second Train reuses the panel');
  });

  it('while hidden, drops snapshots (acking them itself) and replays the newest when shown again', async () => {
    const uri = await show('spirals.nn.json');
    await openPanel(lens, uri);
    await vscode.commands.executeCommand('gradientLens.train', uri);
    await waitFor('snapshots', () => posted(lens, uri, 'snapshot') >= 2, LONG);
    // Cover the panel with another editor in its group.
    await show('xor.nn.json', vscode.ViewColumn.Two);
    await waitFor('the panel to be hidden', () => lens.panelStats(uri)?.visible === false, LONG);
    const postedWhenHidden = posted(lens, uri, 'snapshot');
    const receivedWhenHidden = lens.snapshotCount(uri) ?? 0;
    await waitFor('the worker to keep streaming', () => (lens.snapshotCount(uri) ?? 0) >= receivedWhenHidden + 6, LONG);
    assert.equal(posted(lens, uri, 'snapshot'), postedWhenHidden, 'nothing posted to a hidden panel');
    await openPanel(lens, uri);
    await waitFor('the newest snapshot replayed', () => posted(lens, uri, 'snapshot') > postedWhenHidden, LONG);
    assert.ok(posted(lens, uri, 'model') >= 2, 'the layout is replayed to the reloaded webview');
  });

  it('after being hidden, the reloaded webview gets every step\'s scalars from the run\'s first: its charts have no gap', async () => {
    const uri = await show('spirals.nn.json');
    await openPanel(lens, uri);
    await vscode.commands.executeCommand('gradientLens.train', uri);
    await waitFor('scalars drawn', () => lens.panelStats(uri)?.scalarSteps !== undefined, LONG);
    const firstStep = lens.panelStats(uri)!.scalarSteps!.first;
    await show('xor.nn.json', vscode.ViewColumn.Two);
    await waitFor('the panel to be hidden', () => lens.panelStats(uri)?.visible === false, LONG);
    const stepWhenHidden = lens.liveRun(uri)?.step ?? 0;
    await waitFor('the run to go on while hidden', () => (lens.liveRun(uri)?.step ?? 0) > stepWhenHidden + 50, LONG);
    await vscode.commands.executeCommand('gradientLens.pause', uri);
    const pausedAt = lens.liveRun(uri)!.step;
    await openPanel(lens, uri);
    await waitFor('the scalars up to the paused step', () => (lens.panelStats(uri)?.scalarSteps?.last ?? 0) >= pausedAt, LONG);
    const steps = lens.panelStats(uri)!.scalarSteps!;
    assert.equal(steps.first, firstStep, 'the reloaded webview\'s charts start where the run started');
    assert.ok(steps.contiguous, `every step in between, none missing: ${JSON.stringify(steps)}`);
  });

  it('rejects malformed webview messages (logged, ignored) and maps valid ones to commands', async () => {
    const uri = await show('spirals.nn.json');
    await vscode.commands.executeCommand('gradientLens.openPanel', uri);
    await vscode.commands.executeCommand('gradientLens.train', uri);
    const malformed = [{ type: 'command', name: 'format-disk' }, { type: 'setLearningRate', value: Number.NaN }, { type: 'ack' }, 'pause', null];
    for (const bad of malformed) assert.ok(lens.injectPanelMessage(uri, bad));
    assert.equal(lens.panelStats(uri)?.rejected, malformed.length);
    assert.equal(lens.sessionState(uri), 'training', 'the malformed messages changed nothing');
    await waitForLog(/Ignored a malformed message from the panel of .*spirals\.nn\.json: command: unknown name/);

    assert.ok(lens.injectPanelMessage(uri, { type: 'setView', quantities: ['W', 'dW'], layers: [1] }));
    // (Whether the input-space view is on depends on the webview's own request, tested in inputSpace.test.ts.)
    const { rate, quantities, layers, sample } = lens.streamSettings(uri)!;
    const defaultRate = (extensionUnderTest().packageJSON as Manifest).contributes.configuration.properties['gradientLens.snapshotRate'].default;
    assert.deepEqual({ rate, quantities, layers, sample }, { rate: defaultRate, quantities: ['W', 'dW'], layers: [1], sample: 0 }, 'the view changed, the rate setting kept');
    assert.ok(lens.injectPanelMessage(uri, { type: 'selectSample', index: 5000 }));
    const { batchSize } = (await fixtureSpec('spirals.nn.json')).training;
    assert.equal(lens.streamSettings(uri)?.sample, batchSize - 1, 'clamped to the batch');
    assert.ok(lens.injectPanelMessage(uri, { type: 'command', name: 'pause' }));
    await waitFor('the panel\'s pause to reach the session', () => lens.sessionState(uri) === 'paused', LONG);
  });

  it('closing the panel pauses the run; closing the editor too ends the session', async () => {
    const uri = await show('spirals.nn.json');
    await vscode.commands.executeCommand('gradientLens.openPanel', uri);
    await vscode.commands.executeCommand('gradientLens.train', uri);
    const tab = await waitFor('the panel tab', () => panelTab());
    await vscode.window.tabGroups.close(tab);
    await waitFor('the run to pause', () => lens.sessionState(uri) === 'paused', LONG);
    assert.equal(lens.liveWorkerCount(), 1, 'the editor is still open: the session lives');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor('the session to end', () => lens.sessionState(uri) === undefined, LONG);
    assert.equal(lens.liveWorkerCount(), 0);
  });

  it('keeps training with the panel closed when pauseWhenPanelClosed is off', async () => {
    await vscode.workspace.getConfiguration('gradientLens').update('pauseWhenPanelClosed', false, vscode.ConfigurationTarget.Workspace);
    const uri = await show('spirals.nn.json');
    await vscode.commands.executeCommand('gradientLens.openPanel', uri);
    await vscode.commands.executeCommand('gradientLens.train', uri);
    await vscode.window.tabGroups.close(await waitFor('the panel tab', () => panelTab()));
    await waitFor('the panel to be gone', () => lens.panelStats(uri) === undefined, LONG);
    const before = lens.liveRun(uri)?.step ?? 0;
    await waitFor('training to go on', () => (lens.liveRun(uri)?.step ?? 0) > before + 10, LONG);
    assert.equal(lens.sessionState(uri), 'training');
  });

  it('a diverging run: the panel gets the worker\'s error', async () => {
    const uri = await show('diverge.nn.json');
    await openPanel(lens, uri);
    await vscode.commands.executeCommand('gradientLens.train', uri);
    await waitFor('divergence', () => lens.sessionState(uri) === 'diverged', LONG);
    await waitFor('the error posted to the panel', () => posted(lens, uri, 'error') >= 1, LONG);
  });
});
