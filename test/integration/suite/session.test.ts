// Training sessions inside the real extension host: command state transitions, workers, settings,
// the crash and divergence paths, live reload. Reads the session through the extension's API.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GradientLensApi, GradientLensTestHooks } from '../../../src/extension/session/api';
import { LIMITS } from '../../../src/core/limits';
import { api, closeEverything, fixtureUri, LONG, replaceAndSave, show, waitFor, waitForLog } from './fixture';


const step = (lens: GradientLensApi, uri: vscode.Uri) => lens.liveRun(uri)?.step ?? -1;

describe('training session', function () {
  this.timeout(60_000);
  let lens: GradientLensApi & GradientLensTestHooks;

  before(async () => { lens = await api(); });
  afterEach(async () => {
    await vscode.workspace.getConfiguration('gradientLens').update('snapshotRate', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.getConfiguration('gradientLens').update('pace', undefined, vscode.ConfigurationTarget.Workspace);
    await closeEverything(lens);
  });

  it('train → pause → step → resume → stop → reset, each confirmed by the worker', async () => {
    const uri = await show('spirals.nn.json');
    assert.equal(lens.sessionState(uri), undefined);
    await vscode.commands.executeCommand('gradientLens.train', uri);
    assert.equal(lens.sessionState(uri), 'training');
    assert.equal(lens.liveWorkerCount(), 1);
    await waitFor('snapshots from the worker', () => (lens.snapshotCount(uri) ?? 0) >= 2, LONG);

    await vscode.commands.executeCommand('gradientLens.pause', uri);
    assert.equal(lens.sessionState(uri), 'paused');
    const pausedAt = step(lens, uri);
    assert.ok(pausedAt > 0, `paused at step ${pausedAt}`);
    await new Promise((done) => setTimeout(done, 500));
    assert.equal(step(lens, uri), pausedAt, 'no steps while paused');

    await vscode.commands.executeCommand('gradientLens.step', uri);
    assert.equal(lens.sessionState(uri), 'paused');
    assert.equal(step(lens, uri), pausedAt + 1, 'Step runs exactly one batch');
    await vscode.commands.executeCommand('gradientLens.step10', uri);
    assert.equal(step(lens, uri), pausedAt + 11, 'Step 10 runs exactly ten batches');

    await vscode.commands.executeCommand('gradientLens.resume', uri);
    assert.equal(lens.sessionState(uri), 'training');
    await waitFor('steps after resume', () => step(lens, uri) > pausedAt + 11, LONG);

    await vscode.commands.executeCommand('gradientLens.stop', uri);
    assert.equal(lens.sessionState(uri), 'finished');
    assert.equal(lens.liveWorkerCount(), 0, 'Stop ends the worker');

    await vscode.commands.executeCommand('gradientLens.reset', uri);
    assert.equal(lens.sessionState(uri), 'paused');
    assert.equal(step(lens, uri), 0, 'Reset goes back to step 0');
    assert.equal(lens.liveWorkerCount(), 1, 'Reset after Stop starts a fresh worker');
  });

  it('sets the gradientLens.state context key and the status bar for the active model', async () => {
    const spirals = await show('spirals.nn.json');
    assert.equal(lens.stateContextKey(), 'none');
    assert.equal(lens.statusBarText(), undefined, 'no status bar item without a session');
    await vscode.commands.executeCommand('gradientLens.train', spirals);
    await waitFor('the context key to say training', () => lens.stateContextKey() === 'training');
    await waitFor('a loss in the status bar', () => /Spirals: training · epoch \d+ · L [\d.e−]+ · \d+ steps\/s/.test(lens.statusBarText() ?? ''), LONG);
    await vscode.commands.executeCommand('gradientLens.pause');
    await waitFor('the context key to say paused', () => lens.stateContextKey() === 'paused');
    assert.match(lens.statusBarText() ?? '', /Spirals: paused · epoch \d+ · L /);
    assert.doesNotMatch(lens.statusBarText() ?? '', /steps\/s/);
    await show('xor.nn.json');
    await waitFor('the context key to follow the active editor', () => lens.stateContextKey() === 'none');
    await show('spirals.nn.json');
    await waitFor('the context key to come back', () => lens.stateContextKey() === 'paused');
  });

  it('trains a second model in parallel in its own worker; closing editors ends both', async () => {
    const spirals = await show('spirals.nn.json');
    const circles = await show('circles.nn.json');
    await vscode.commands.executeCommand('gradientLens.train', spirals);
    await vscode.commands.executeCommand('gradientLens.train', circles);
    assert.equal(lens.liveWorkerCount(), 2);
    await waitFor('both to stream', () => (lens.snapshotCount(spirals) ?? 0) > 1 && (lens.snapshotCount(circles) ?? 0) > 1, LONG);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor('both sessions to end', () => lens.sessionState(spirals) === undefined && lens.sessionState(circles) === undefined, LONG);
    assert.equal(lens.liveWorkerCount(), 0);
  });

  it(`refuses a session beyond LIMITS.maxSessions with a message, and starts nothing`, async () => {
    const source = await vscode.workspace.fs.readFile(fixtureUri('xor.nn.json'));
    const uris: vscode.Uri[] = [];
    for (let i = 1; i <= LIMITS.maxSessions + 1; i++) {
      const uri = fixtureUri(`limit-${i}.nn.json`);
      await vscode.workspace.fs.writeFile(uri, source);
      uris.push(uri);
    }
    for (const uri of uris) await vscode.commands.executeCommand('gradientLens.step', uri);
    assert.deepEqual(uris.map((uri) => lens.sessionState(uri)), [...Array<string>(LIMITS.maxSessions).fill('paused'), undefined]);
    assert.equal(lens.liveWorkerCount(), LIMITS.maxSessions);
    await waitForLog(new RegExp(`Session opened for .*limit-${LIMITS.maxSessions}\\.nn\\.json`));
  });

  it('trains at the pace setting (default 100 steps/s); a changed setting and the panel\'s pace control apply to the running run', async () => {
    const uri = await show('spirals.nn.json');
    await vscode.commands.executeCommand('gradientLens.train', uri);
    assert.equal(lens.streamSettings(uri)?.pace, '100', 'the default');
    await vscode.workspace.getConfiguration('gradientLens').update('pace', '1', vscode.ConfigurationTarget.Workspace);
    await waitFor('the new pace', () => lens.streamSettings(uri)?.pace === '1');
    await vscode.workspace.getConfiguration('gradientLens').update('pace', 'warp', vscode.ConfigurationTarget.Workspace);
    await waitFor('an invalid pace to fall back to the default', () => lens.streamSettings(uri)?.pace === '100');
    assert.ok(lens.injectPanelMessage(uri, { type: 'setPace', pace: 'full' }));
    assert.equal(lens.streamSettings(uri)?.pace, 'full', 'the panel\'s control');
    const rejected = lens.panelStats(uri)!.rejected;
    assert.ok(lens.injectPanelMessage(uri, { type: 'setPace', pace: '5' }));
    assert.equal(lens.panelStats(uri)!.rejected, rejected + 1);
    assert.equal(lens.streamSettings(uri)?.pace, 'full', 'an unknown pace changes nothing');
  });

  it('applies the snapshot-rate setting to a running stream', async () => {
    const uri = await show('spirals.nn.json');
    await vscode.workspace.getConfiguration('gradientLens').update('snapshotRate', 2, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('gradientLens.train', uri);
    assert.equal(lens.streamSettings(uri)?.rate, 2);
    const slowStart = lens.snapshotCount(uri) ?? 0;
    await new Promise((done) => setTimeout(done, 2000));
    const slow = (lens.snapshotCount(uri) ?? 0) - slowStart;
    assert.ok(slow <= 6, `at 2/s, ${slow} snapshots in 2 s`);
    await vscode.workspace.getConfiguration('gradientLens').update('snapshotRate', 60, vscode.ConfigurationTarget.Workspace);
    await waitFor('the new rate', () => lens.streamSettings(uri)?.rate === 60);
    const fastStart = lens.snapshotCount(uri) ?? 0;
    await new Promise((done) => setTimeout(done, 2000));
    const fast = (lens.snapshotCount(uri) ?? 0) - fastStart;
    assert.ok(fast > slow + 4, `at 60/s, ${fast} snapshots in 2 s (vs ${slow} at 2/s)`);
  });

  it('defaultPrecision and defaultSeed apply to a model whose file sets neither', async () => {
    const config = vscode.workspace.getConfiguration('gradientLens');
    const uri = await show('circles.nn.json');
    /** The loss of the first batch with the current settings, from a fresh worker. */
    const firstLoss = async (): Promise<number> => {
      await vscode.commands.executeCommand('gradientLens.step', uri);
      const run = await waitFor('the first step', () => (lens.liveRun(uri)?.step === 1 ? lens.liveRun(uri) : undefined), LONG);
      await closeEverything(lens);
      await show('circles.nn.json');
      return run.loss;
    };
    try {
      await config.update('defaultPrecision', 'f64', vscode.ConfigurationTarget.Workspace);
      await config.update('defaultSeed', 7, vscode.ConfigurationTarget.Workspace);
      const seven = await firstLoss();
      await waitForLog(/Circles: worker ready: .*kernels js-f64/);
      assert.equal(await firstLoss(), seven, 'the same default seed gives the same first loss');
      await config.update('defaultSeed', 8, vscode.ConfigurationTarget.Workspace);
      assert.notEqual(await firstLoss(), seven, 'another default seed initializes other weights');
    } finally {
      await config.update('defaultPrecision', undefined, vscode.ConfigurationTarget.Workspace);
      await config.update('defaultSeed', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('a crashed worker: error state, logged; Train recovers with a fresh worker', async () => {
    const uri = await show('spirals.nn.json');
    await vscode.commands.executeCommand('gradientLens.train', uri);
    await lens.killWorkerForTest(uri);
    await waitFor('the error state', () => lens.sessionState(uri) === 'error', LONG);
    assert.equal(lens.liveWorkerCount(), 0);
    await waitForLog(/training worker for Spirals exited unexpectedly/);
    await vscode.commands.executeCommand('gradientLens.train', uri);
    assert.equal(lens.sessionState(uri), 'training');
    assert.equal(lens.liveWorkerCount(), 1);
    await waitFor('the fresh worker to stream', () => (lens.liveRun(uri)?.step ?? 0) > 0, LONG);
  });

  it('NaN/Inf: diverged, with a diagnostic on the layer; Reset clears it', async () => {
    const uri = await show('diverge.nn.json');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.commands.executeCommand('gradientLens.train', uri);
    await waitFor('divergence', () => lens.sessionState(uri) === 'diverged', LONG);
    const ours = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Gradient Lens' && d.code === 'non-finite');
    const [diagnostic] = await waitFor('the training diagnostic', () => ours().length > 0 && ours());
    assert.match(diagnostic.message, /smaller learning rate/);
    assert.match(document.getText(diagnostic.range), /^\{ "units": (16|1), "activation": "(relu|linear)" \}$/, 'on a layer object');
    await vscode.commands.executeCommand('gradientLens.reset', uri);
    assert.equal(lens.sessionState(uri), 'paused');
    assert.equal(ours().length, 0, 'Reset clears the diagnostic');
  });

  it('live reload: a learning-rate edit keeps the run, an architecture edit reconfigures, an invalid save is ignored', async () => {
    const uri = fixtureUri('reload.nn.json');
    await vscode.workspace.fs.writeFile(uri, await vscode.workspace.fs.readFile(fixtureUri('spirals.nn.json')));
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document, { preview: false });
    const replace = (from: string, to: string) => replaceAndSave(editor, from, to);

    await vscode.commands.executeCommand('gradientLens.step10', uri);
    assert.equal(step(lens, uri), 10);
    await replace('"learningRate": 0.01', '"learningRate": 0.02');
    await waitForLog(/Spirals: learning rate set to 0\.02/);
    await vscode.commands.executeCommand('gradientLens.step', uri);
    assert.equal(step(lens, uri), 11, 'a learning-rate change does not reset the run');

    await vscode.commands.executeCommand('gradientLens.train', uri);
    await replace('{ "units": 16, "activation": "tanh" },\n    { "units": 16', '{ "units": 12, "activation": "tanh" },\n    { "units": 16');
    await waitForLog(/Spirals: reloaded after save .*training restarted/);
    assert.equal(lens.sessionState(uri), 'training');

    await replace('"name": "Spirals"', '"name": ');
    await waitForLog(/saved model is invalid .*the last valid run continues/);
    assert.equal(lens.sessionState(uri), 'training');
    assert.equal(lens.liveWorkerCount(), 1);
  });
});
