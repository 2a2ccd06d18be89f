// The run commands as the palette and the CodeLens call them: which model they pick without a
// URI, refusing invalid models (message + selection, nothing started), Check Gradients.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GradientLensApi } from '../../../src/extension/session/api';
import { api, closeEverything, extensionUnderTest, fixtureSpec, fixtureUri, showEditor, waitFor, waitForLog } from './fixture';
import { checkedPerLayer, DEFAULT_THRESHOLDS, literally, sampledPerTensor } from './gradientCheckSpec';

describe('run commands', function () {
  this.timeout(60_000);
  let lens: GradientLensApi;

  before(async () => { lens = await api(); });
  afterEach(async () => {
    await closeEverything(lens);
  });

  it('declares every run command with the Gradient Lens category and an enablement on the state key', () => {
    const manifest = extensionUnderTest().packageJSON as { contributes: { commands: { command: string; category?: string; enablement?: string }[] } };
    const byId = new Map(manifest.contributes.commands.map((entry) => [entry.command, entry]));
    for (const id of ['train', 'pause', 'resume', 'step', 'step10', 'stop', 'reset', 'openPanel', 'checkGradients']) {
      const entry = byId.get(`gradientLens.${id}`);
      assert.ok(entry, `gradientLens.${id} is declared`);
      assert.equal(entry.category, 'Gradient Lens');
    }
    assert.match(byId.get('gradientLens.pause')?.enablement ?? '', /gradientLens\.state == 'training'/);
    assert.equal(byId.get('gradientLens.exportSnapshot')?.enablement, 'gradientLens.hasSnapshot');
  });

  it('without a URI, acts on the active model editor', async () => {
    const editor = await showEditor('spirals.nn.json');
    await vscode.commands.executeCommand('gradientLens.step');
    assert.equal(lens.sessionState(editor.document.uri), 'paused');
    assert.equal(lens.liveRun(editor.document.uri)?.step, 1);
  });

  for (const [file, culprit] of [['softmax-hidden.nn.json', /"softmax"/], ['missing-data.nn.json', /no-such-file\.csv/]] as const) {
    it(`refuses to train ${file}: nothing starts, the problem is selected in the editor`, async () => {
      await showEditor('xor.nn.json');
      const uri = fixtureUri(file);
      await vscode.commands.executeCommand('gradientLens.train', uri);
      assert.equal(lens.sessionState(uri), undefined, 'no session');
      assert.equal(lens.liveWorkerCount(), 0, 'no worker');
      const editor = await waitFor('the model editor to be active', () =>
        vscode.window.activeTextEditor?.document.uri.toString() === uri.toString() && vscode.window.activeTextEditor);
      assert.ok(!editor.selection.isEmpty, 'the problem range is selected');
      assert.match(editor.document.getText(editor.selection), culprit);
      await waitForLog(new RegExp(`${file.replace('.', '\\.')}: not started: `));
    });
  }

  it('Check Gradients logs per-layer relative errors', async () => {
    /** A relative error as the log prints numbers: 3 significant digits, an exponent (with U+2212) below 1e−3. */
    const FIGURE = '\\d+(\\.\\d+)?(e−\\d+)?';
    // xor.nn.json: f32, 2 → 4 → 1, every tensor smaller than the sample, so checked in full.
    const spec = await fixtureSpec('xor.nn.json');
    const { precision } = spec.training;
    const editor = await showEditor('xor.nn.json');
    await vscode.commands.executeCommand('gradientLens.checkGradients', editor.document.uri);
    const log = await waitForLog(/XOR: gradient check (passed|FAILED)/);
    assert.match(log, new RegExp(`XOR: gradient check passed \\(${precision}, ε = ${literally(String(DEFAULT_THRESHOLDS[precision].epsilon))}, `));
    checkedPerLayer(spec, sampledPerTensor()).forEach(([weights, biases], i) => {
      assert.match(log, new RegExp(`layer ${i + 1}: W max ${FIGURE} mean .* \\(${weights} checked\\), b max .* \\(${biases} checked\\)`));
    });
  });
});
