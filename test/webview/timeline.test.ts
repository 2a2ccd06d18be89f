// The timeline and the comparison after an edit, in Chromium with snapshots of the real engine:
// scrubbing back shows that step's header, statistics, heatmap values and chart marker; a re-run
// of the same model compares to exactly zero, a changed learning rate does not, a changed layer
// shape says so, and a redraw of the same comparison recomputes nothing. The history grows to its
// limit whatever the rate. Screenshots of both views land in test-results/webview/.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { modelMessageOf } from '../../src/host/session/modelMessage';
import { DEFAULT_TIMELINE_BUDGET } from '../../src/protocol/timeline';
import { engineRun, spiralSpec } from '../fixtures/snapshots/engineRun';
import { MODEL_MESSAGE, type PlainSnapshotMessage } from '../fixtures/snapshots/mlp2-16-16-3';
import { runSnapshot } from '../fixtures/snapshots/runSeries';
import { callHook, chartReadings } from './support/hooks';
import { canvasPixel, type PanelPage } from './support/panelPage';
import { hoverCell, parseShown } from './support/readout';
import { figureCanvas, useBrowser } from './support/session';

const { panel: openPanel } = useBrowser();
const OUTPUT = join('test-results', 'webview');

const near = (shown: number, exact: number, what: string) =>
  assert.ok(Math.abs(shown - exact) <= 5e-3 * Math.abs(exact) + 1e-12, `${what}: shown ${shown}, snapshot has ${exact}`);

/** ‖∂L/∂W‖ computed here from the snapshot's own tensor (not from its stats). */
function frobenius(snapshot: PlainSnapshotMessage, layer: number): number {
  return Math.sqrt((snapshot.layers[layer - 1].tensors.dW?.data ?? []).reduce((sum, v) => sum + v * v, 0));
}

const timelineOf = (panel: PanelPage) => callHook(panel, 'timeline');
const headerStep = (panel: PanelPage) => panel.page.locator('[data-field="progress"]').textContent();
const shownStep = async (panel: PanelPage) => Number(await panel.page.locator('.timeline-label').getAttribute('data-step'));

async function waitForShownStep(panel: PanelPage, step: number): Promise<void> {
  await panel.page.waitForFunction((wanted) => document.querySelector('.timeline-label')?.getAttribute('data-step') === String(wanted), step, { timeout: 5000 });
}

test('scrubbing back shows the kept step: header, a card statistic, a heatmap readout and the chart markers', async () => {
  const panel = await openPanel();
  const spec = spiralSpec();
  const run = engineRun(spec, 12);
  await panel.send(modelMessageOf(spec, { run: { id: 1, reason: 'load' } }), ...run);
  await panel.waitForAck(12);
  await panel.send({ type: 'state', state: 'paused' });
  await waitForShownStep(panel, 12);
  assert.deepEqual((await timelineOf(panel)).steps, run.map((s) => s.run.step));

  const slider = panel.page.locator('[data-control="timeline"]');
  assert.equal(await slider.isDisabled(), false, 'scrubbing is possible while paused');
  await slider.focus();
  await panel.page.keyboard.press('Home');
  await waitForShownStep(panel, 1);
  for (let i = 0; i < 4; i++) await panel.page.keyboard.press('ArrowRight');
  await waitForShownStep(panel, 5);
  const step5 = run[4];
  assert.equal(step5.run.step, 5);
  assert.match((await headerStep(panel)) ?? '', /^step 5 · epoch 0$/);
  assert.match((await panel.page.locator('.timeline-label').textContent()) ?? '', /step 5 \(of kept 1\.\.12, 12 snapshots\)/);
  assert.match((await panel.page.locator('[data-field="state"]').textContent()) ?? '', /paused/, 'the header keeps the live run state');

  // Layer 2's ‖∂L/∂W⁽²⁾‖ on the card is that of step 5's tensor, which differs from step 12's.
  const stats = (await panel.page.locator('[data-layer="2"] .layer-stats').textContent()) ?? '';
  const norm = /‖∂L\/∂W⁽²⁾‖ = ([^ ]+)/.exec(stats);
  assert.ok(norm, stats);
  near(parseShown(norm[1]), frobenius(step5, 2), '‖∂L/∂W⁽²⁾‖ at step 5');
  assert.ok(Math.abs(frobenius(step5, 2) - frobenius(run[11], 2)) > 1e-2 * frobenius(step5, 2), 'steps 5 and 12 must be told apart');

  // The tooltip over ∂L/∂W⁽²⁾[3,7] reads step 5's value, and follows the slider while the pointer rests.
  const dW = figureCanvas(2, 'dW');
  const cell = (snapshot: PlainSnapshotMessage) => snapshot.layers[1].tensors.dW!.data[3 * 16 + 7];
  const readout = await hoverCell(panel, dW, 3, 7);
  assert.match(readout, /^∂L\/∂W⁽²⁾\[3,7\] = /);
  near(parseShown(readout.split(' = ')[1]), cell(step5), 'the hovered cell at step 5');
  await slider.focus();
  await panel.page.keyboard.press('ArrowRight');
  await waitForShownStep(panel, 6);
  await panel.page.waitForFunction((text) => document.querySelector('.tooltip')?.textContent !== text, readout, { timeout: 2000 });
  near(parseShown(((await panel.page.locator('.tooltip').textContent()) ?? '').split(' = ')[1]), cell(run[5]), 'the hovered cell at step 6');
  await panel.page.keyboard.press('ArrowLeft');
  await waitForShownStep(panel, 5);
  await panel.page.mouse.move(1, 1);

  // Loss and norm charts carry a marker at step 5, where the x axis puts step 5, drawn in the foreground colour.
  const charts = await chartReadings(panel);
  const foreground = await panel.page.evaluate(() => getComputedStyle(document.body).color);
  for (const name of ['loss', 'norms'] as const) {
    const { marker, x, area } = charts[name];
    assert.equal(marker?.step, 5, `${name} marker`);
    const expectedX = area.left + ((5 - x.min) / (x.max - x.min)) * (area.right - area.left);
    assert.ok(marker?.x !== undefined && Math.abs(marker.x - expectedX) < 1, `${name} marker at ${marker?.x}, axis puts step 5 at ${expectedX}`);
    const pixel = await canvasPixel(panel.page, `[data-chart="${name}"] canvas`, Math.round(marker.x), area.top + 2);
    assert.equal(`rgb(${pixel.slice(0, 3).join(', ')})`, foreground, `${name} marker colour`);
  }

  mkdirSync(OUTPUT, { recursive: true });
  await hoverCell(panel, dW, 3, 7);
  await panel.page.screenshot({ path: join(OUTPUT, 'timeline.png'), fullPage: true });
  await panel.page.mouse.move(1, 1);

  // End, then Live: back to the newest, the markers go.
  await slider.focus();
  await panel.page.keyboard.press('End');
  await waitForShownStep(panel, 12);
  await panel.page.keyboard.press('Home');
  await waitForShownStep(panel, 1);
  await panel.page.locator('[data-action="live"]').click();
  await waitForShownStep(panel, 12);
  assert.match((await headerStep(panel)) ?? '', /^step 12 /);
  assert.equal((await chartReadings(panel)).loss.marker, undefined);

  // While training the slider follows the run and cannot be moved.
  await panel.send({ type: 'state', state: 'training' });
  await panel.page.waitForFunction(() => (document.querySelector('[data-control="timeline"]') as HTMLInputElement).disabled, undefined, { timeout: 2000 });
  assert.equal(await shownStep(panel), 12);
  assert.deepEqual(await panel.cspViolations(), []);
  await panel.close();
});

test('the timeline keeps at most the budget the host sends, evicting the oldest', async () => {
  const panel = await openPanel();
  const spec = spiralSpec();
  const run = engineRun(spec, 15);
  await panel.send({ ...modelMessageOf(spec, { run: { id: 1, reason: 'load' } }), timeline: { snapshots: 6, maxBytes: 64 * 2 ** 20 } }, ...run);
  await panel.waitForAck(15);
  assert.deepEqual((await timelineOf(panel)).steps, [10, 11, 12, 13, 14, 15]);
  await panel.send({ type: 'state', state: 'paused' });
  await waitForShownStep(panel, 15);
  assert.match((await panel.page.locator('.timeline-label').textContent()) ?? '', /of kept 10\.\.15, 6 snapshots/);
  await panel.close();
});

test('the timeline grows to its 200-snapshot limit however fast snapshots come, coalesced ones included', async () => {
  const panel = await openPanel();
  const count = 450;
  await panel.send({ ...MODEL_MESSAGE, run: { id: 1, reason: 'load' } });
  // Bursts of 50 in one tick each: the panel draws a few of them, but keeps every one.
  for (let from = 1; from <= count; from += 50) {
    await panel.send(...Array.from({ length: 50 }, (_, i) => runSnapshot(from + i, { step: from + i, loss: 1, norms: [0.1, 0.1, 0.1] })));
    await panel.waitForAck(from + 49);
  }
  const drawn = Number(await panel.page.evaluate(() => document.body.dataset.drawnFrames));
  assert.ok(drawn < count / 10, `most snapshots were coalesced away (${drawn} drawn)`);
  const { steps, bytes } = await timelineOf(panel);
  assert.equal(steps.length, DEFAULT_TIMELINE_BUDGET.snapshots);
  assert.deepEqual(steps, Array.from({ length: DEFAULT_TIMELINE_BUDGET.snapshots }, (_, i) => count - DEFAULT_TIMELINE_BUDGET.snapshots + 1 + i));
  assert.ok(bytes < DEFAULT_TIMELINE_BUDGET.maxBytes, 'bound by the count, not the bytes');
  await panel.close();
});

/** Sends run `before`, then an edit-restart and run `after`, pauses and turns compare on. */
async function compareRuns(panel: PanelPage, before: PlainSnapshotMessage[], after: PlainSnapshotMessage[], afterModel: ReturnType<typeof modelMessageOf>): Promise<void> {
  await panel.send(modelMessageOf(spiralSpec(), { run: { id: 1, reason: 'load' } }), ...before);
  await panel.waitForAck(before[before.length - 1].seq);
  await panel.send(afterModel, ...after, { type: 'state', state: 'paused' });
  await panel.waitForAck(after[after.length - 1].seq);
  await panel.page.locator('[data-control="compare"]').click();
  await panel.page.locator('.comparison').waitFor({ state: 'visible', timeout: 2000 });
}

test('compare after an unchanged re-run: every difference is exactly zero, drawn neutral grey', async () => {
  const panel = await openPanel();
  const spec = spiralSpec();
  // The same model run twice by the real engine (the host restarts with the same seed).
  const first = engineRun(spec, 6);
  const second = engineRun(spec, 6, 100);
  await compareRuns(panel, first, second, modelMessageOf(spec, { run: { id: 2, reason: 'edit' } }));
  assert.equal(await panel.page.locator('.layer-cards').isVisible(), false, 'the comparison replaces the cards');
  const maxima = await panel.page.locator('.comparison [data-max-abs]').evaluateAll((nodes) => nodes.map((node) => (node as HTMLElement).dataset.maxAbs));
  assert.equal(maxima.length, 3 * 4, 'a, Δ, ∂L/∂W and ∂L/∂b of three layers');
  assert.ok(maxima.every((value) => value === '0'), `maxima ${maxima.join(', ')}`);
  const pixel = (await canvasPixel(panel.page, '.comparison-card[data-layer="2"] [data-figure="change-dW"] canvas.heatmap', 20, 20)).slice(0, 3);
  assert.ok(Math.max(...pixel) - Math.min(...pixel) <= 2, `no change should be grey, got ${pixel}`);
  // The norm chart shows the run before the edit too: its own norms, per layer.
  const norms = (await chartReadings(panel)).norms;
  const dashed = norms.datasets.filter((dataset) => dataset.label.endsWith('before the edit'));
  assert.equal(dashed.length, 3);
  assert.ok(dashed.every((dataset) => dataset.dashed), 'the run before the edit is drawn dashed');
  assert.ok(norms.datasets.filter((dataset) => !dataset.label.endsWith('before the edit')).every((dataset) => !dataset.dashed), 'the live run is drawn solid');
  assert.deepEqual(dashed[0].data.map(([, y]) => y), first.map((s) => s.layers[0].stats.gradientNorm));
  assert.deepEqual(await panel.cspViolations(), []);
  await panel.close();
});

test('compare after a learning-rate change: zero at step 1 (same initial weights), the exact change later', async () => {
  const panel = await openPanel();
  const before = engineRun(spiralSpec(), 6);
  const changedSpec = spiralSpec({ learningRate: 0.5 });
  const after = engineRun(changedSpec, 6, 100);
  await compareRuns(panel, before, after, modelMessageOf(changedSpec, { run: { id: 2, reason: 'edit' } }));
  // Live at step 6: layer 1's ∂L/∂W change is after − before of the two runs' tensors.
  const expected = Math.max(...after[5].layers[0].tensors.dW!.data.map((v, i) => Math.abs(v - before[5].layers[0].tensors.dW!.data[i])));
  assert.ok(expected > 0);
  const shown = Number(await panel.page.locator('.comparison-card[data-layer="1"] [data-figure="change-dW"]').getAttribute('data-max-abs'));
  near(shown, expected, 'max |Δ ∂L/∂W⁽¹⁾| at step 6');
  // The readout of one cell is that element's change.
  const readout = await hoverCell(panel, '.comparison-card[data-layer="2"] [data-figure="change-dW"] canvas.heatmap', 4, 9);
  assert.match(readout, /^∂L\/∂W⁽²⁾\[4,9\] after − before = /);
  near(parseShown(readout.split(' = ')[1]), after[5].layers[1].tensors.dW!.data[4 * 16 + 9] - before[5].layers[1].tensors.dW!.data[4 * 16 + 9], 'cell change');
  await panel.page.locator('.comparison-card[data-layer="2"] [data-figure="change-dW"] canvas.heatmap').scrollIntoViewIfNeeded();
  mkdirSync(OUTPUT, { recursive: true });
  await panel.page.screenshot({ path: join(OUTPUT, 'compare.png'), fullPage: true });
  await panel.page.mouse.move(1, 1);

  // Step 1 ran on identical weights and batch: no change at all, whatever η.
  await panel.page.locator('[data-control="timeline"]').focus();
  await panel.page.keyboard.press('Home');
  await waitForShownStep(panel, 1);
  const maxima = await panel.page.locator('.comparison [data-max-abs]').evaluateAll((nodes) => nodes.map((node) => (node as HTMLElement).dataset.maxAbs));
  assert.ok(maxima.length > 0 && maxima.every((value) => value === '0'), `step 1 maxima ${maxima.join(', ')}`);
  assert.deepEqual(await panel.cspViolations(), []);
  await panel.close();
});

test('compare: a redraw of the same two snapshots recomputes nothing, and another step reuses the cards', async () => {
  const panel = await openPanel();
  const before = engineRun(spiralSpec(), 6);
  const changedSpec = spiralSpec({ learningRate: 0.5 });
  await compareRuns(panel, before, engineRun(changedSpec, 6, 100), modelMessageOf(changedSpec, { run: { id: 2, reason: 'edit' } }));
  const normRenders = async () => (await callHook(panel, 'chartRenders')).norms;
  await panel.page.evaluate(() => { for (const card of document.querySelectorAll<HTMLElement>('.comparison-card')) card.dataset.tag = 'kept'; });
  const tags = () => panel.page.$$eval('.comparison-card', (cards) => cards.map((card) => (card as HTMLElement).dataset.tag ?? 'new'));
  const renders = await normRenders();
  const maxima = () => panel.page.locator('.comparison [data-max-abs]').evaluateAll((nodes) => nodes.map((node) => (node as HTMLElement).dataset.maxAbs));
  const atStep6 = await maxima();

  // A repeated state redraws the panel: the same pair, so neither cards nor the dashed norm lines are rebuilt.
  await panel.send({ type: 'state', state: 'paused' });
  await panel.page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  assert.deepEqual(await tags(), ['kept', 'kept', 'kept']);
  assert.equal(await normRenders(), renders, 'the norm chart did not render again');
  assert.deepEqual(await maxima(), atStep6);

  // Step 1: new differences (all zero), drawn into the same cards.
  await panel.page.locator('[data-control="timeline"]').focus();
  await panel.page.keyboard.press('Home');
  await waitForShownStep(panel, 1);
  assert.deepEqual(await tags(), ['kept', 'kept', 'kept']);
  assert.ok((await maxima()).every((value) => value === '0'));
  assert.notDeepEqual(atStep6, await maxima());
  await panel.close();
});

test('compare after a shape change notes the changed layers; a step kept in one run only is explained', async () => {
  const panel = await openPanel();
  const before = engineRun(spiralSpec(), 4);
  const widerSpec = spiralSpec({}, 12);
  const after = engineRun(widerSpec, 6, 100);
  await compareRuns(panel, before, after, modelMessageOf(widerSpec, { run: { id: 2, reason: 'edit' } }));
  // Live at step 6, which the run before the edit never reached.
  assert.match((await panel.page.locator('.comparison-note').textContent()) ?? '', /Step 6 was not kept in the run before the edit .*steps 1\.\.4.*Only steps kept in both runs can be compared/);
  await panel.page.locator('[data-control="timeline"]').focus();
  await panel.page.keyboard.press('End'); // the slider moves through the common steps 1..4 only
  await waitForShownStep(panel, 4);
  assert.match((await panel.page.locator('.comparison-card[data-layer="1"]').textContent()) ?? '', /shape changed: 2 → 16 before the edit, 2 → 12 after/);
  assert.match((await panel.page.locator('.comparison-card[data-layer="2"]').textContent()) ?? '', /shape changed: 16 → 16 before the edit, 12 → 16 after/);
  assert.equal(await panel.page.locator('.comparison-card[data-layer="3"] [data-figure="change-dW"]').count(), 1, 'layer 3 kept its shape');
  await panel.close();
});
