// The diagnosis in the real extension host: while the deep sigmoid model trains, its vanishing
// lower layers get warnings on their own ranges of the model file; Reset clears them; the
// gradientLens.diagnosis.* settings change the judgement at once, in the file and in the panel.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GradientLensApi } from '../../../src/extension/session/api';
import { api, closeEverything, fixtureUri, LONG, waitFor } from './fixture';

const LAYER_TEXT = '{ "units": 16, "activation": "sigmoid" }';

/** Gradient Lens's diagnostics of `kind` on the file. */
function findings(uri: vscode.Uri, kind: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Gradient Lens' && d.code === kind);
}

/** 1-based layer of each diagnostic, found by where its range starts among the file's layer objects (one per line). */
function layersOf(document: vscode.TextDocument, diagnostics: readonly vscode.Diagnostic[]): number[] {
  const layerLines: number[] = [];
  for (let line = 0; line < document.lineCount; line++) if (/^\s*\{ "units": \d+, "activation": "sigmoid" \}/.test(document.lineAt(line).text)) layerLines.push(line);
  return diagnostics.map((d) => layerLines.indexOf(d.range.start.line) + 1).sort((a, b) => a - b);
}

describe('diagnosis in the model file', function () {
  this.timeout(90_000);
  let lens: GradientLensApi;
  const setting = (name: string, value: unknown) =>
    vscode.workspace.getConfiguration('gradientLens.diagnosis').update(name, value, vscode.ConfigurationTarget.Workspace);

  before(async () => {
    lens = await api();
  });
  afterEach(async () => {
    await setting('vanishingRatio', undefined);
    await closeEverything(lens);
  });

  it('warns on the vanishing lower layers\' ranges while the deep sigmoid model trains; Reset clears the warnings', async () => {
    const uri = fixtureUri('deep-sigmoid.nn.json');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: false });
    await vscode.commands.executeCommand('gradientLens.train', uri);
    await waitFor('vanishing warnings on layers 1–3', () => {
      const layers = layersOf(document, findings(uri, 'vanishing'));
      return [1, 2, 3].every((layer) => layers.includes(layer));
    }, LONG);
    const vanishing = findings(uri, 'vanishing');
    assert.ok(layersOf(document, vanishing).every((layer) => layer >= 1 && layer <= 6), `only lower layers: ${layersOf(document, vanishing)}`);
    for (const diagnostic of vanishing) {
      assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
      assert.equal(document.getText(diagnostic.range), LAYER_TEXT, 'the whole layer object, nothing more');
      assert.match(diagnostic.message, /Vanishing gradient \(layer \d\): .* < 1e−4\. .*he_normal/);
    }
    // Layer 1's warning sits on the first layer object of the file.
    const first = vanishing.find((d) => d.message.includes('(layer 1)'));
    assert.ok(first);
    assert.equal(document.offsetAt(first.range.start), document.getText().indexOf(LAYER_TEXT));

    await vscode.commands.executeCommand('gradientLens.reset', uri);
    assert.equal(lens.sessionState(uri), 'paused');
    assert.deepEqual(vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Gradient Lens'), [], 'Reset clears every training diagnostic');
    await new Promise((done) => setTimeout(done, 1500));
    assert.deepEqual(vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Gradient Lens'), [], 'and none come back while paused');
  });

  it('an edit of the model file clears its warnings', async () => {
    const uri = fixtureUri('deep-sigmoid.nn.json');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
    await vscode.commands.executeCommand('gradientLens.train', uri);
    await waitFor('vanishing warnings', () => findings(uri, 'vanishing').length > 0, LONG);
    await vscode.commands.executeCommand('gradientLens.pause', uri);
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '// edited\n'));
    try {
      await waitFor('the warnings to go', () => findings(uri, 'vanishing').length === 0, LONG);
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert'); // leave the fixture as it is on disk
    }
  });

  it('a changed threshold takes effect at once, in the model file and in the panel', async () => {
    const uri = fixtureUri('deep-sigmoid.nn.json');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
    await vscode.commands.executeCommand('gradientLens.train', uri);
    await waitFor('vanishing warnings', () => findings(uri, 'vanishing').length > 0, LONG);
    await vscode.commands.executeCommand('gradientLens.pause', uri);

    // Far below any ratio this net reaches: nothing vanishes any more (judged again while paused).
    await setting('vanishingRatio', 1e-12);
    await waitFor('the vanishing warnings to go', () => findings(uri, 'vanishing').length === 0, LONG);
    // Back to the default: the same paused network is judged vanishing again.
    await setting('vanishingRatio', undefined);
    await waitFor('the vanishing warnings to return', () => findings(uri, 'vanishing').length > 0, LONG);

    // The panel shows the host's judgement: it gets the findings judged anew when the thresholds change.
    await vscode.commands.executeCommand('gradientLens.openPanel', uri);
    await waitFor('the panel to be ready', () => lens.panelStats(uri)?.ready === true, LONG);
    const postedBefore = lens.panelStats(uri)?.posted.diagnosis ?? 0;
    await setting('vanishingRatio', 1e-3);
    await waitFor('the panel to get the re-judged findings', () => (lens.panelStats(uri)?.posted.diagnosis ?? 0) > postedBefore, LONG);
  });
});
