// Editor features of model files in the real extension host: hover, CodeLens, inlay hints and
// diagnostics through VS Code's own command API, as the editor asks for them.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { COMMANDS } from '../../../src/extension/commandIds';
import { hoverAt, ours, positionOf } from './editorQueries';
import { extensionUnderTest, fixtureUri, waitFor } from './fixture';

async function openFixture(name: string): Promise<vscode.TextDocument> {
  await extensionUnderTest().activate();
  const document = await vscode.workspace.openTextDocument(fixtureUri(name));
  await vscode.window.showTextDocument(document);
  return document;
}

describe('editor: hover', () => {
  it('on a hidden layer\'s "units": index, role, W⁽¹⁾ shape, per-batch shapes, parameters, δ equation', async () => {
    const document = await openFixture('xor.nn.json');
    const text = await hoverAt(document, positionOf(document, '"units"', 0, 2));
    assert.match(text, /\*\*Layer 1 of 2\*\* · hidden layer · `tanh`/);
    assert.ok(text.includes('W⁽¹⁾ ∈ ℝ^{4×2}'), text);
    assert.ok(text.includes('b⁽¹⁾ ∈ ℝ⁴'), text);
    assert.ok(text.includes('12 parameters'), text);
    // xor.nn.json leaves batchSize at its default (32).
    assert.ok(text.includes('Z⁽¹⁾, A⁽¹⁾, Δ⁽¹⁾ ∈ ℝ^{32×4}'), text);
    assert.ok(text.includes('δ⁽¹⁾ [4] = f′(z⁽¹⁾) [4] ⊙ W⁽²⁾ᵀ [4×1] · δ⁽²⁾ [1]'), text);
    assert.ok(text.includes('∂ℓ/∂W⁽¹⁾ [4×2] = δ⁽¹⁾ a⁽⁰⁾ᵀ'), text);
    assert.ok(text.includes('tanh′(z) = 1 − tanh²(z)'), text);
  });

  it('on the output layer: the sigmoid + BCE error term', async () => {
    const document = await openFixture('xor.nn.json');
    const text = await hoverAt(document, positionOf(document, '"activation"', 1, 3));
    assert.match(text, /\*\*Layer 2 of 2\*\* · output layer · `sigmoid`/);
    assert.ok(text.includes('W⁽²⁾ ∈ ℝ^{1×4}'), text);
    assert.ok(text.includes('δ⁽²⁾ [1] = a⁽²⁾ − y'), text);
    assert.ok(text.includes('Δ⁽²⁾ [32×1] = (A⁽²⁾ − Y)/32'), text);
  });

  it('on "loss" and "data": the formula and the data facts', async () => {
    const document = await openFixture('xor.nn.json');
    const loss = await hoverAt(document, positionOf(document, '"loss"', 0, 2));
    assert.ok(loss.includes('L = −(1/(B·n_L)) Σ [y log a + (1−y) log(1−a)]'), loss);
    assert.ok(loss.includes('nn.BCELoss'), loss);
    const data = await hoverAt(document, positionOf(document, '"xor"', 0, 2));
    assert.match(data, /\*\*Data\*\* `xor`/);
    // The xor source defaults to 400 samples, 2 features, 2 classes on one sigmoid unit.
    assert.match(data, /400 samples/);
    assert.match(data, /2 features \(`x`, `y`\)/);
    assert.match(data, /2 classes \(`0`, `1`\) → 1 output unit/);
  });

  it('says nothing outside layers, input, loss and data', async () => {
    const document = await openFixture('xor.nn.json');
    const text = await hoverAt(document, positionOf(document, '"XOR"', 0, 2));
    assert.ok(!text.includes('Layer'), text);
  });
});

describe('editor: CodeLens and inlay hints', () => {
  it('puts Train, Step, Open Gradient Panel, Check Gradients on the model, each with the document URI', async () => {
    const document = await openFixture('xor.nn.json');
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
    const ourLenses = lenses.filter((lens) => lens.command?.command.startsWith('gradientLens.'));
    assert.deepEqual(ourLenses.map((lens) => lens.command?.title), ['$(play) Train', '$(debug-step-over) Step', 'Open Gradient Panel', 'Check Gradients']);
    assert.deepEqual(ourLenses.map((lens) => lens.command?.command), [COMMANDS.train, COMMANDS.step, COMMANDS.openPanel, COMMANDS.checkGradients]);
    for (const lens of ourLenses) {
      assert.equal(String(lens.command?.arguments?.[0]), document.uri.toString());
      assert.equal(lens.range.start.line, positionOf(document, '{').line);
    }
  });

  it('labels every layer with its shape as an inlay hint at the end of its object', async () => {
    const document = await openFixture('xor.nn.json');
    const whole = new vscode.Range(0, 0, document.lineCount, 0);
    const { hints, labels } = await inlayHints(document.uri, whole);
    assert.deepEqual(labels, ['4×2 → 4 · 12 params', '1×4 → 1 · 5 params']);
    // After `},` of layer 1 and after `}` of layer 2.
    assert.deepEqual(hints[0].position, positionOf(document, '"tanh" },', 0, '"tanh" },'.length));
    assert.deepEqual(hints[1].position, positionOf(document, '"sigmoid" }', 0, '"sigmoid" }'.length));
  });
});

describe('editor: diagnostics', () => {
  it('underlines a hidden softmax exactly, with code and source', async () => {
    const document = await openFixture('editor-softmax-hidden.nn.json');
    const diagnostic = await waitFor('softmax-not-last', () => ours(document.uri).find((d) => d.code === 'softmax-not-last'));
    const start = positionOf(document, '"softmax"');
    assert.deepEqual(diagnostic.range, new vscode.Range(start, start.translate(0, '"softmax"'.length)));
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
  });

  it('clears the diagnostic when an edit fixes the file', async () => {
    const document = await openFixture('editor-softmax-hidden.nn.json');
    await waitFor('softmax-not-last', () => ours(document.uri).find((d) => d.code === 'softmax-not-last'));
    const start = positionOf(document, '"softmax"');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(start, start.translate(0, '"softmax"'.length)), '"tanh"');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor('the diagnostic to clear', () => ours(document.uri).length === 0);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('reports a non-numeric CSV cell on the "path" value, then clears when the file is fixed on disk', async () => {
    const document = await openFixture('editor-csv-bad-cell.nn.json');
    const diagnostic = await waitFor('data-load-failed', () => ours(document.uri).find((d) => d.code === 'data-load-failed'));
    const start = positionOf(document, '"data/editor-non-numeric.csv"');
    assert.deepEqual(diagnostic.range, new vscode.Range(start, start.translate(0, '"data/editor-non-numeric.csv"'.length)));
    assert.match(diagnostic.message, /oops/);
    assert.match(diagnostic.message, /row 3/);

    // Before the fix n₀ is unknown; the file watcher re-validates once the CSV is repaired.
    const csv = fixtureUri('data/editor-non-numeric.csv');
    const original = new TextDecoder().decode(await vscode.workspace.fs.readFile(csv));
    await vscode.workspace.fs.writeFile(csv, new TextEncoder().encode(original.replace('oops', '0.4')));
    try {
      await waitFor('the data diagnostic to clear', () => !ours(document.uri).some((d) => d.code === 'data-load-failed'), 15_000);
      // The loaded file now fixes n₀ = 2 for the shape hints.
      const whole = new vscode.Range(0, 0, document.lineCount, 0);
      const labels = await waitForLabels(document.uri, whole, '4×2 → 4 · 12 params');
      assert.equal(labels[0], '4×2 → 4 · 12 params');
    } finally {
      await vscode.workspace.fs.writeFile(csv, new TextEncoder().encode(original));
    }
    await waitFor('the data diagnostic to return', () => ours(document.uri).some((d) => d.code === 'data-load-failed'), 15_000);
  });

  it('lets the JSON schema (contributes.jsonValidation) check model files too', async () => {
    const document = await openFixture('editor-schema-typo.nn.json');
    const fromSchema = await waitFor('a JSON-schema diagnostic', () =>
      vscode.languages.getDiagnostics(document.uri).find((d) => d.source !== 'Gradient Lens'), 20_000);
    const start = positionOf(document, '"hinge"');
    assert.equal(fromSchema.range.start.line, start.line, `${fromSchema.source}: ${fromSchema.message} at line ${fromSchema.range.start.line}`);
    assert.ok(ours(document.uri).some((d) => d.code === 'invalid-enum'));
  });
});

/** The inlay hints the editor asks for in `range`, and their labels as text. */
async function inlayHints(uri: vscode.Uri, range: vscode.Range): Promise<{ hints: vscode.InlayHint[]; labels: string[] }> {
  const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', uri, range);
  return { hints, labels: hints.map((hint) => (typeof hint.label === 'string' ? hint.label : hint.label.map((part) => part.value).join(''))) };
}

async function waitForLabels(uri: vscode.Uri, range: vscode.Range, first: string): Promise<string[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { labels } = await inlayHints(uri, range);
    if (labels[0] === first || Date.now() > deadline) return labels;
    await new Promise((done) => setTimeout(done, 200));
  }
}
