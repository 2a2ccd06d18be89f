// The exports inside the real extension host: "Export Snapshot…" as JSON and as CSV, "Export
// Gradient-Norm History…" and the panel's PNG, each written where the (stubbed) dialogs say and
// read back; a hostile image message writes nothing.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ExportPrompts, SnapshotFormat } from '../../../src/extension/export/exportPrompts';
import { pngDataUrl, tinyPng } from '../../fixtures/png';
import { readCsv } from '../../support/csvText';
import type { GradientLensApi, GradientLensTestHooks } from '../../../src/extension/session/api';
import { api, closeEverything, extensionUnderTest, LONG, openPanel, show, waitFor } from './fixture';

/** spirals.nn.json of the workspace fixture: 2 inputs, 16-16-3 units, batches of 32. */
const SPIRALS = { input: 2, units: [16, 16, 3], batchSize: 32 };

interface Tensor { shape: number[]; data: (number | null)[] }

/** Prompts that answer from the test and record every question and notice. */
function stubPrompts(dir: string, format: SnapshotFormat) {
  const calls = { saveFile: [] as string[], saved: [] as string[], failed: [] as string[] };
  const prompts: ExportPrompts = {
    pickFormat: () => Promise.resolve(format),
    saveFile: (defaultUri) => {
      const name = defaultUri.path.split('/').pop()!;
      calls.saveFile.push(name);
      return Promise.resolve(vscode.Uri.file(join(dir, name)));
    },
    pickFolder: () => Promise.resolve(vscode.Uri.file(dir)),
    saved: (message) => calls.saved.push(message),
    failed: (message) => calls.failed.push(message),
  };
  return { prompts, calls };
}

describe('exports', function () {
  this.timeout(60_000);
  let lens: GradientLensApi & GradientLensTestHooks;
  let dir: string;

  before(async () => { lens = await api(); });
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'gradient-lens-export-')); });
  afterEach(async () => {
    lens.useExportPromptsForTest(undefined);
    rmSync(dir, { recursive: true, force: true });
    await closeEverything(lens);
  });

  async function steppedSpirals(steps: number): Promise<vscode.Uri> {
    const uri = await show('spirals.nn.json');
    for (let i = 0; i < steps; i++) await vscode.commands.executeCommand('gradientLens.step', uri);
    await waitFor('the snapshots of every step', () => lens.snapshotCount(uri) === steps, LONG);
    return uri;
  }

  it('declares both commands with the category, enabled when a session has a snapshot', () => {
    const manifest = extensionUnderTest().packageJSON as { contributes: { commands: { command: string; title: string; category?: string; enablement?: string }[] } };
    for (const [id, title] of [['gradientLens.exportSnapshot', 'Export Snapshot…'], ['gradientLens.exportNormHistory', 'Export Gradient-Norm History…']]) {
      const entry = manifest.contributes.commands.find((command) => command.command === id);
      assert.ok(entry, id);
      assert.equal(entry.title, title);
      assert.equal(entry.category, 'Gradient Lens');
      assert.equal(entry.enablement, 'gradientLens.hasSnapshot');
    }
  });

  it('Export Snapshot as JSON writes the dump format at the session step, with every tensor of every layer', async () => {
    const uri = await steppedSpirals(3);
    const { prompts, calls } = stubPrompts(dir, 'json');
    lens.useExportPromptsForTest(prompts);
    await vscode.commands.executeCommand('gradientLens.exportSnapshot', uri);
    assert.deepEqual(calls.failed, []);
    assert.deepEqual(calls.saveFile, ['spirals-step3.json']);
    const dump = JSON.parse(readFileSync(join(dir, 'spirals-step3.json'), 'utf8')) as {
      format: string; model: { name: string }; steps: { step: number; input: Tensor; layers: Record<string, Tensor>[] }[];
    };
    assert.equal(dump.format, 'gradient-lens/dump@1');
    assert.equal(dump.model.name, 'Spirals');
    assert.equal(dump.steps.length, 1);
    const [record] = dump.steps;
    assert.equal(record.step, lens.liveRun(uri)?.step, 'step k: the batch after the k steps the session took');
    assert.equal(lens.liveRun(uri)?.step, 3, 'exporting trained nothing');
    const B = SPIRALS.batchSize;
    assert.deepEqual(record.input.shape, [B, SPIRALS.input]);
    assert.equal(record.layers.length, SPIRALS.units.length);
    record.layers.forEach((layer, i) => {
      const units = SPIRALS.units[i];
      const inputs = i === 0 ? SPIRALS.input : SPIRALS.units[i - 1];
      const shapes = { W: [units, inputs], dW: [units, inputs], b: [units], db: [units], z: [B, units], a: [B, units], delta: [B, units] };
      for (const [quantity, shape] of Object.entries(shapes)) {
        assert.deepEqual(layer[quantity].shape, shape, `layer ${i + 1} ${quantity}`);
        assert.equal(layer[quantity].data.length, shape.reduce((p, d) => p * d, 1));
      }
    });
    assert.equal(calls.saved.length, 1);
    assert.match(calls.saved[0], /spirals-step3\.json/);
  });

  it('Export Snapshot as CSV writes one file per tensor that parses back to its shape', async () => {
    const uri = await steppedSpirals(2);
    const { prompts, calls } = stubPrompts(dir, 'csv');
    lens.useExportPromptsForTest(prompts);
    await vscode.commands.executeCommand('gradientLens.exportSnapshot', uri);
    assert.deepEqual(calls.failed, []);
    const folder = join(dir, 'spirals-step2-csv');
    const quantities = ['W', 'b', 'z', 'a', 'delta', 'dW', 'db'];
    const expected = ['input.csv', 'target.csv', ...[1, 2, 3].flatMap((l) => quantities.map((q) => `layer${l}-${q}.csv`))];
    assert.deepEqual(readdirSync(folder).sort(), expected.sort());
    const B = SPIRALS.batchSize;
    SPIRALS.units.forEach((units, i) => {
      const inputs = i === 0 ? SPIRALS.input : SPIRALS.units[i - 1];
      const shapes: Record<string, [number, number]> = { W: [units, inputs], dW: [units, inputs], b: [1, units], db: [1, units], z: [B, units], a: [B, units], delta: [B, units] };
      for (const [quantity, [rows, columns]] of Object.entries(shapes)) {
        const { header, rows: body } = readCsv(readFileSync(join(folder, `layer${i + 1}-${quantity}.csv`), 'utf8'));
        assert.deepEqual(header, Array.from({ length: columns }, (_, j) => String(j)), `layer ${i + 1} ${quantity} header`);
        assert.equal(body.length, rows, `layer ${i + 1} ${quantity} rows`);
        for (const row of body) {
          assert.equal(row.length, columns);
          for (const cell of row) assert.ok(Number.isFinite(Number(cell)) && cell !== '', `layer ${i + 1} ${quantity}: ${cell}`);
        }
      }
    });
    assert.match(calls.saved[0], new RegExp(`${expected.length} CSV files`));
  });

  it('Export Gradient-Norm History writes one row per recorded step', async () => {
    const uri = await steppedSpirals(4);
    assert.equal(lens.normHistoryLength(uri), 4);
    const { prompts, calls } = stubPrompts(dir, 'json');
    lens.useExportPromptsForTest(prompts);
    await vscode.commands.executeCommand('gradientLens.exportNormHistory', uri);
    assert.deepEqual(calls.failed, []);
    const { header, rows } = readCsv(readFileSync(join(dir, 'spirals-norms.csv'), 'utf8'));
    assert.deepEqual(header.slice(0, 7), ['step', 'epoch', 'loss', 'grad_norm_1', 'weight_norm_1', 'delta_norm_1', 'update_ratio_1']);
    assert.equal(header.length, 3 + 4 * SPIRALS.units.length);
    assert.deepEqual(rows.map((row) => Number(row[0])), [1, 2, 3, 4]);
    for (const row of rows) {
      assert.equal(row.length, header.length);
      assert.ok(Number(row[3]) > 0, 'a gradient norm');
    }
  });

  it('saves the PNG the panel sends, and writes nothing for a hostile image message', async () => {
    const uri = await show('spirals.nn.json');
    await openPanel(lens, uri);
    const { prompts, calls } = stubPrompts(dir, 'json');
    lens.useExportPromptsForTest(prompts);

    const rejectedBefore = lens.panelStats(uri)!.rejected;
    const png = tinyPng(5, 4);
    assert.ok(lens.injectPanelMessage(uri, { type: 'exportImage', name: '../../escape', dataUrl: pngDataUrl(png) }));
    assert.ok(lens.injectPanelMessage(uri, { type: 'exportImage', name: 'not-png', dataUrl: `data:image/png;base64,${Buffer.from('<svg/>').toString('base64')}` }));
    assert.equal(lens.panelStats(uri)!.rejected, rejectedBefore + 2);

    assert.ok(lens.injectPanelMessage(uri, { type: 'exportImage', name: 'Spirals-layer1', dataUrl: pngDataUrl(png) }));
    const saved = join(dir, 'Spirals-layer1.png');
    await waitFor('the PNG to be written', () => existsSync(saved) && calls.saved.length > 0, LONG);
    assert.deepEqual(readFileSync(saved), png);
    assert.deepEqual(calls.saveFile, ['Spirals-layer1.png'], 'the dialog was asked only for the valid image');
    assert.deepEqual(readdirSync(dir), ['Spirals-layer1.png']);
  });
});
