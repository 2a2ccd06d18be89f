// Hover and CodeLens with a run going: the providers are built here over a fake LiveFigures (the
// session implements the real one), and asked through their VS Code interfaces on real documents.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { COMMANDS } from '../../../src/extension/commandIds';
import { ModelCodeLensProvider } from '../../../src/extension/editor/codeLens';
import { DataCache } from '../../../src/extension/editor/dataCache';
import { ModelHoverProvider } from '../../../src/extension/editor/hover';
import { ModelDocuments } from '../../../src/extension/editor/modelDocuments';
import type { LiveFigures, LiveRun } from '../../../src/extension/liveFigures';
import type { LayerStats } from '../../../src/core/snapshot';
import { DEFAULT_DIAGNOSIS_THRESHOLDS } from '../../../src/core/diagnosisThresholds';
import { diagnose } from '../../../src/insight/diagnosis';
import { layerStats } from '../../fixtures/layerStats';
import { fixtureUri } from './fixture';

/** A layer with ‖∂L/∂W‖ = `gradientNorm`, ‖Δ‖ half of it and a quarter of its activations saturated. */
const stats = (gradientNorm: number): LayerStats => layerStats({ gradientNorm, deltaNorm: gradientNorm / 2, saturatedFraction: 0.25 });

class FakeLiveFigures implements LiveFigures {
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  private readonly runs = new Map<string, LiveRun>();
  set(uri: vscode.Uri, run: LiveRun): void {
    this.runs.set(uri.toString(), run);
    this.emitter.fire(uri);
  }
  latest(uri: vscode.Uri): LiveRun | undefined {
    return this.runs.get(uri.toString());
  }
  dispose(): void {
    this.emitter.dispose();
  }
}

describe('editor: live figures', () => {
  const data = new DataCache();
  const documents = new ModelDocuments(data);
  const live = new FakeLiveFigures();
  const token = new vscode.CancellationTokenSource().token;
  after(() => {
    live.dispose();
    documents.dispose();
    data.dispose();
  });

  it('hover adds the layer\'s norms and a vanishing-gradient warning at the current step', async () => {
    const document = await vscode.workspace.openTextDocument(fixtureUri('xor.nn.json'));
    // The session's findings for these figures (xor: tanh, sigmoid), as its one diagnosis gives them.
    const layers = [stats(3e-9), stats(0.02)];
    const findings = diagnose([{ index: 1, activation: 'tanh', stats: layers[0] }, { index: 2, activation: 'sigmoid', stats: layers[1] }], undefined, DEFAULT_DIAGNOSIS_THRESHOLDS);
    live.set(document.uri, { state: 'training', step: 120, epoch: 2, loss: 0.25, layers, findings });
    const hover = new ModelHoverProvider(documents, live).provideHover(document, document.positionAt(document.getText().indexOf('"units"') + 2), token);
    assert.ok(hover);
    const text = (hover.contents[0] as vscode.MarkdownString).value;
    assert.match(text, /step 120 · epoch 3/);
    assert.ok(text.includes('‖∂L/∂W⁽¹⁾‖ = 3e−9'), text);
    assert.ok(text.includes('‖Δ⁽¹⁾‖ = 1.5e−9'), text);
    // tanh saturates rather than dies.
    assert.match(text, /Saturated activations: 25.0%/);
    assert.match(text, /Vanishing gradient.*layer 2/);

    // The healthy output layer gets figures but no warning.
    const output = new ModelHoverProvider(documents, live).provideHover(document, document.positionAt(document.getText().indexOf('"sigmoid"') + 2), token);
    const outputText = (output?.contents[0] as vscode.MarkdownString).value;
    assert.ok(outputText.includes('‖∂L/∂W⁽²⁾‖ = 0.02'), outputText);
    assert.ok(!/Vanishing|Exploding/.test(outputText), outputText);
  });

  it('CodeLens shows Pause only while training, and refreshes when the run changes', async () => {
    const document = await vscode.workspace.openTextDocument(fixtureUri('xor.nn.json'));
    const provider = new ModelCodeLensProvider(documents, live);
    let refreshes = 0;
    const listener = provider.onDidChangeCodeLenses(() => refreshes++);
    try {
      live.set(document.uri, { state: 'training', step: 1, epoch: 0, loss: 0.7, layers: [], findings: [] });
      const training = provider.provideCodeLenses(document, token);
      const pause = training.find((lens) => lens.command?.command === COMMANDS.pause);
      assert.equal(pause?.command?.title, '$(debug-pause) Pause');
      assert.equal(String(pause?.command?.arguments?.[0]), document.uri.toString());
      // A new snapshot in the same state doesn't refresh; a state change does.
      live.set(document.uri, { state: 'training', step: 2, epoch: 0, loss: 0.6, layers: [], findings: [] });
      assert.equal(refreshes, 1);
      live.set(document.uri, { state: 'paused', step: 2, epoch: 0, loss: 0.6, layers: [], findings: [] });
      assert.equal(refreshes, 2);
      const paused = provider.provideCodeLenses(document, token);
      assert.ok(!paused.some((lens) => lens.command?.command === COMMANDS.pause));
      assert.equal(paused.length, 4);
    } finally {
      listener.dispose();
      provider.dispose();
    }
  });
});
