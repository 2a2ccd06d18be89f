// The Diagnosis strip on real training runs, fed the findings the host sends with each snapshot:
// the 10-layer sigmoid sample's vanishing lower layers, a healthy run's "No problems found", NaN/Inf
// shown at once, the host's re-judgement (new thresholds) taking effect, a scrubbed step showing its
// own findings, and a click on a finding scrolling to and highlighting its layer's card. Saves a
// screenshot of the strip to test-results/webview/diagnosis.png.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEFAULT_DIAGNOSIS_THRESHOLDS } from '../../src/core/diagnosisThresholds';
import { judgedByHost } from './support/hostDiagnosis';
import { sampleStatsRun } from './support/sampleStatsRun';
import type { PanelPage } from './support/panelPage';
import { useBrowser } from './support/session';

const { panel: openPanel } = useBrowser();
const OUTPUT = join('test-results', 'webview');

interface RowReading { kind: string; severity: string; layer: string | undefined; text: string }

function readRows(panel: PanelPage): Promise<RowReading[]> {
  return panel.page.$$eval('.diagnosis-strip .diagnosis-finding', (rows) => rows.map((row) => {
    const li = row as HTMLElement;
    return { kind: li.dataset.kind ?? '', severity: li.dataset.severity ?? '', layer: li.dataset.layer, text: li.querySelector('.diagnosis-reveal')?.textContent ?? '' };
  }));
}

/** Sends the messages and waits until the last snapshot among them is drawn. */
async function deliver(panel: PanelPage, ...messages: Parameters<PanelPage['send']>): Promise<void> {
  await panel.send(...messages);
  const last = [...messages].reverse().find((message) => message.type === 'snapshot');
  if (last?.type === 'snapshot') await panel.waitForAck(last.seq);
}

async function closeClean(panel: PanelPage): Promise<void> {
  assert.deepEqual(await panel.cspViolations(), []);
  await panel.close();
}

test('the 10-layer sigmoid run: the strip lists its lower layers as vanishing, with value, threshold and suggestion', async () => {
  const { model, snapshots } = await sampleStatsRun('deep-sigmoid-vanishing.nn.json', 8);
  const { judged } = judgedByHost(snapshots);
  const panel = await openPanel('dark');
  await deliver(panel, model, ...judged);
  assert.equal(await panel.page.isVisible('.diagnosis-strip'), true);
  const rows = await readRows(panel);
  const vanishing = rows.filter((row) => row.kind === 'vanishing').map((row) => Number(row.layer));
  assert.ok([1, 2, 3].every((layer) => vanishing.includes(layer)), `vanishing rows: ${JSON.stringify(rows)}`);
  assert.ok(vanishing.every((layer) => layer <= 6), `only lower layers: ${vanishing}`);
  const first = rows.find((row) => row.kind === 'vanishing' && row.layer === '1')!;
  assert.match(first.text, /L1.*Vanishing gradient.*‖∂L\/∂W‖ ÷ layer 10's = [0-9.e−]+ < 1e−4/);
  assert.equal(await panel.page.isVisible('.diagnosis-healthy'), false);

  // The suggestion: on hover (title) and behind the expand button.
  const row = panel.page.locator('.diagnosis-finding[data-kind="vanishing"][data-layer="1"]');
  assert.match(await row.locator('.diagnosis-reveal').getAttribute('title') ?? '', /Suggestion: .*relu.*he_normal/);
  assert.equal(await row.locator('.diagnosis-suggestion').isVisible(), false);
  await row.locator('.diagnosis-expand').click();
  assert.equal(await row.locator('.diagnosis-expand').getAttribute('aria-expanded'), 'true');
  assert.match(await row.locator('.diagnosis-suggestion').innerText(), /he_normal/);

  // For a human to look at (gitignored, like the theme screenshots); docs/screenshots/diagnosis.png is a copy.
  mkdirSync(OUTPUT, { recursive: true });
  await panel.page.locator('.diagnosis-strip').screenshot({ path: join(OUTPUT, 'diagnosis.png') });
  await closeClean(panel);
});

test('a finding appears only after it persisted over the configured number of snapshots', async () => {
  const { model, snapshots } = await sampleStatsRun('deep-sigmoid-vanishing.nn.json', DEFAULT_DIAGNOSIS_THRESHOLDS.persistence);
  const { judged } = judgedByHost(snapshots);
  const panel = await openPanel('light');
  await deliver(panel, model, ...judged.slice(0, -1));
  assert.deepEqual(await readRows(panel), [], 'not yet confirmed');
  assert.equal(await panel.page.getAttribute('.diagnosis-healthy', 'data-state'), 'checking', 'and not called healthy either');
  await deliver(panel, judged[judged.length - 1]);
  assert.ok((await readRows(panel)).some((row) => row.kind === 'vanishing'));
  await closeClean(panel);
});

test('a stopped run (paused, stepped, or a reloaded panel\'s replay) shows its newest snapshot as judged, without waiting', async () => {
  const { model, snapshots } = await sampleStatsRun('deep-sigmoid-vanishing.nn.json', 1);
  const { judge } = judgedByHost(snapshots);
  const panel = await openPanel('dark');
  // What the host replays to a freshly loaded panel of a paused run: layout, newest snapshot as judged once the run rested, state.
  await deliver(panel, model, { ...snapshots[0], diagnosis: judge.settle() }, { type: 'state', state: 'paused' });
  const vanishing = (await readRows(panel)).filter((row) => row.kind === 'vanishing').map((row) => Number(row.layer));
  assert.ok([1, 2, 3].every((layer) => vanishing.includes(layer)), `vanishing rows: ${vanishing}`);
  await closeClean(panel);
});

test('a healthy run (circles, steps 20–40) shows "No problems found"', async () => {
  const { model, snapshots } = await sampleStatsRun('circles.nn.json', 40);
  const { judged } = judgedByHost(snapshots);
  const panel = await openPanel('dark');
  await deliver(panel, model, ...judged.slice(19));
  assert.deepEqual(await readRows(panel), []);
  assert.equal(await panel.page.isVisible('.diagnosis-healthy'), true);
  assert.equal(await panel.page.innerText('.diagnosis-healthy-text'), 'No problems found');
  assert.equal(await panel.page.getAttribute('.diagnosis-healthy', 'data-state'), 'healthy');
  await closeClean(panel);
});

test('clicking a finding scrolls to its layer card and highlights only that card', async () => {
  const { model, snapshots } = await sampleStatsRun('deep-sigmoid-vanishing.nn.json', 5);
  const { judged } = judgedByHost(snapshots);
  const panel = await openPanel('dark');
  await deliver(panel, model, ...judged);
  const card = '.layer-card[data-layer="3"]';
  await panel.page.click('.diagnosis-finding[data-kind="vanishing"][data-layer="3"] .diagnosis-reveal');
  await panel.page.waitForFunction((selector) => {
    const box = document.querySelector(selector)!.getBoundingClientRect();
    return box.top >= 0 && box.top < window.innerHeight;
  }, card);
  assert.deepEqual(await panel.page.$$eval('.layer-card.diagnosis-highlight', (cards) => cards.map((c) => (c as HTMLElement).dataset.layer)), ['3']);
  // The highlight is distinguishable: an outline the other cards do not have.
  const outline = (selector: string) => panel.page.$eval(selector, (node) => getComputedStyle(node).outlineStyle);
  assert.equal(await outline(card), 'solid');
  assert.equal(await outline('.layer-card[data-layer="4"]'), 'none');
  await closeClean(panel);
});

test('the host\'s re-judgement of the shown snapshot (new thresholds) shows at once', async () => {
  const { model, snapshots } = await sampleStatsRun('deep-sigmoid-vanishing.nn.json', 5);
  const { judged, judge } = judgedByHost(snapshots);
  const panel = await openPanel('dark');
  await deliver(panel, model, ...judged);
  assert.ok((await readRows(panel)).some((row) => row.kind === 'vanishing'));
  const diagnosis = judge.setThresholds({ ...DEFAULT_DIAGNOSIS_THRESHOLDS, vanishingRatio: 1e-12, minUpdateRatio: 1e-12 });
  assert.ok(diagnosis);
  await panel.send({ type: 'diagnosis', seq: judged[judged.length - 1].seq, diagnosis });
  await panel.page.waitForFunction(() => document.querySelectorAll('.diagnosis-finding').length === 0);
  assert.equal(await panel.page.isVisible('.diagnosis-healthy'), true);
  await closeClean(panel);
});

test('NaN/Inf (the bad-init deep ReLU run) shows as an error at once, on the layer and quantity it appeared in', async () => {
  const { model, snapshots } = await sampleStatsRun('deep-relu-bad-init.nn.json', 20);
  const diverged = snapshots[snapshots.length - 1];
  assert.ok(diverged.nonFinite, 'the sample diverges within 20 steps');
  const { judged } = judgedByHost([diverged]);
  const panel = await openPanel('dark');
  await deliver(panel, model, ...judged);
  const rows = await readRows(panel);
  assert.deepEqual(rows.map((row) => [row.kind, row.severity]), [['non-finite', 'error']]);
  // The seeded run blows up inside the network, not in the loss: the row names that layer.
  assert.ok(diverged.nonFinite.layer >= 1, `first NaN/Inf in layer ${diverged.nonFinite.layer}`);
  assert.equal(rows[0].layer, String(diverged.nonFinite.layer));
  assert.ok(rows[0].text.includes(diverged.nonFinite.quantity), rows[0].text);
  await closeClean(panel);
});

test('scrubbing back on the timeline shows that step\'s own findings, not the newest step\'s', async () => {
  const { model, snapshots } = await sampleStatsRun('deep-sigmoid-vanishing.nn.json', DEFAULT_DIAGNOSIS_THRESHOLDS.persistence + 2);
  const { judged } = judgedByHost(snapshots);
  // Step 1's findings still wait for confirmation; the newest step's are confirmed.
  assert.equal(judged[0].diagnosis?.findings.length, 0);
  assert.ok((judged[judged.length - 1].diagnosis?.findings.length ?? 0) > 0);
  const panel = await openPanel('dark');
  await deliver(panel, model, ...judged, { type: 'state', state: 'paused' });
  assert.ok((await readRows(panel)).some((row) => row.kind === 'vanishing'));
  await panel.page.locator('[data-control="timeline"]').focus();
  await panel.page.keyboard.press('Home');
  await panel.page.waitForFunction(() => document.querySelector('.timeline-label')?.getAttribute('data-step') === '1');
  await panel.page.waitForFunction(() => document.querySelectorAll('.diagnosis-finding').length === 0);
  assert.equal(await panel.page.getAttribute('.diagnosis-healthy', 'data-state'), 'checking');
  await panel.page.keyboard.press('End');
  await panel.page.waitForFunction(() => document.querySelectorAll('.diagnosis-finding').length > 0);
  await closeClean(panel);
});
