// The equations view on a real engine snapshot of a 2-4-3-2 network (tanh, tanh, softmax +
// cross-entropy): each layer's equations with their live shapes, a heatmap of each term's shape,
// values that satisfy the equations of docs/notation.md when recomputed here with plain loops, the
// softmax chain equal to o − t, KaTeX rendered once per layout (not per snapshot), heatmaps drawn and
// terms computed only for sections on screen, fonts that all load, what the panel asks the host to
// stream, and no CSP violation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { modelMessageOf } from '../../src/host/session/modelMessage';
import type { SetViewMessage } from '../../src/protocol/panelMessages';
import { engineStep, plainSnapshot } from '../fixtures/snapshots/engineSnapshot';
import { layer, model, randomData } from '../unit/engine/helpers';
import { callHook, EQUATIONS_ON } from './support/hooks';
import type { PanelPage } from './support/panelPage';
import { useBrowser } from './support/session';

const { panel: openPanel } = useBrowser();

const SIZES = [2, 4, 3, 2] as const; // n_0 … n_3
const BATCH = 6;
const SAMPLE = 4;
const spec = model(2, [layer(4, 'tanh'), layer(3, 'tanh'), layer(2, 'softmax')], 'cross_entropy', { batchSize: BATCH, shuffle: false, precision: 'f64' });
const data = randomData(12, 2, 2, 'cross_entropy', 11);

const termsOf = (panel: PanelPage, l: number) => callHook(panel, 'equationTerms', l);

let seq = 0;
/** Lays out the model and draws a snapshot of its first step with `sample` selected. */
async function showStep(panel: PanelPage, sample = SAMPLE) {
  const step = engineStep(spec, data, sample);
  const snapshot = { ...step.snapshot, seq: ++seq };
  await panel.send(modelMessageOf(spec), plainSnapshot(snapshot));
  await panel.waitForAck(snapshot.seq);
  return { ...step, snapshot };
}

/** Text of `.term-shape` per term in one equation row of layer l, in order. */
function rowShapes(panel: PanelPage, l: number, equation: string): Promise<[string, string][]> {
  return panel.page.$$eval(`[data-layer="${l}"] [data-equation="${equation}"] .equation-term`, (cells) =>
    cells.map((cell) => [(cell as HTMLElement).dataset.term ?? '', cell.querySelector('.term-shape')?.textContent ?? '']));
}

test('each layer shows its equations with the live shapes n_l×1, n_l×n_{l−1}, (n_{l−1}×1)ᵀ', async () => {
  const panel = await openPanel({ state: EQUATIONS_ON });
  await showStep(panel);
  const [n0, n1, n2, n3] = SIZES;
  // δ⁽ˡ⁾ = f′(z⁽ˡ⁾) ⊙ W⁽ˡ⁺¹⁾ᵀ δ⁽ˡ⁺¹⁾: n_l×1 = n_l×1 ⊙ (n_l×n_{l+1}) (n_{l+1}×1).
  assert.deepEqual(await rowShapes(panel, 1, 'delta'), [['delta', `${n1}×1`], ['fPrime', `${n1}×1`], ['WnextT', `${n1}×${n2} = (${n2}×${n1})ᵀ`], ['deltaNext', `${n2}×1`]]);
  assert.deepEqual(await rowShapes(panel, 2, 'delta'), [['delta', `${n2}×1`], ['fPrime', `${n2}×1`], ['WnextT', `${n2}×${n3} = (${n3}×${n2})ᵀ`], ['deltaNext', `${n3}×1`]]);
  // ∂ℓ/∂W⁽ˡ⁾ = δ⁽ˡ⁾ a⁽ˡ⁻¹⁾ᵀ: n_l×n_{l−1} = (n_l×1)(n_{l−1}×1)ᵀ, beside the batch's ∂L/∂W⁽ˡ⁾.
  for (const [l, n, m] of [[1, n1, n0], [2, n2, n1], [3, n3, n2]] as const) {
    assert.deepEqual(await rowShapes(panel, l, 'weight-gradient'),
      [['sampleWeightGradient', `${n}×${m}`], ['delta', `${n}×1`], ['aPrevT', `(${m}×1)ᵀ = 1×${m}`], ['weightGradient', `${n}×${m}`]]);
    assert.deepEqual(await rowShapes(panel, l, 'forward-z'), [['z', `${n}×1`], ['W', `${n}×${m}`], ['aPrev', `${m}×1`], ['b', `${n}×1`]]);
  }
  // The output layer: softmax + cross-entropy, δ⁽³⁾ = o τ − t, and the chain through the Jacobian.
  assert.deepEqual(await rowShapes(panel, 3, 'delta'), [['delta', `${n3}×1`], ['a', `${n3}×1`], ['target', `${n3}×1`]]);
  assert.deepEqual(await rowShapes(panel, 3, 'softmax-chain'),
    [['chain', `${n3}×1`], ['jacobian', `${n3}×${n3}`], ['lossGradient', `${n3}×1`], ['outputMinusTarget', `${n3}×1`]]);
  assert.equal(await panel.page.locator('[data-layer="3"] [data-equation="delta-elementwise"]').count(), 0, 'no f′ ⊙ form at a softmax output');
  assert.equal(await panel.page.locator('[data-layer="2"] [data-equation="weight-gradient"] .equation-batch-label').innerText(), `batch, B = ${BATCH}:`);
  assert.equal(await panel.page.locator('[data-layer="2"] [data-section="equations"] .section-title').innerText(), `EQUATIONS · SAMPLE ${SAMPLE}`);

  // Every term is a heatmap of exactly its shape (a transposed vector lies flat).
  const grids = await panel.page.$$eval('[data-layer="1"] [data-equation="delta"] canvas.heatmap, [data-layer="1"] [data-equation="weight-gradient"] canvas.heatmap',
    (canvases) => canvases.map((canvas) => `${(canvas as HTMLElement).dataset.rows}×${(canvas as HTMLElement).dataset.cols}`));
  assert.deepEqual(grids, [`${n1}×1`, `${n1}×1`, `${n1}×${n2}`, `${n2}×1`, `${n1}×${n0}`, `${n1}×1`, `1×${n0}`, `${n1}×${n0}`]);

  // The symbols are KaTeX (HTML for the eye, MathML for screen readers) of the notation of docs/notation.md.
  const tex = await panel.page.$$eval('[data-layer="2"] [data-equation="delta"] .term-symbol annotation', (nodes) => nodes.map((node) => node.textContent));
  assert.deepEqual(tex, ['\\delta^{(2)}', "f'(z^{(2)})", 'W^{(3)\\top}', '\\delta^{(3)}']);
  assert.ok(await panel.page.locator('[data-layer="2"] [data-equation="delta"] .katex-html').count() >= 4);
  assert.deepEqual(await panel.cspViolations(), []);
  await panel.close();
});

test('the terms satisfy the equations of docs/notation.md, recomputed here from the engine\'s tensors', async () => {
  const panel = await openPanel({ state: EQUATIONS_ON });
  const { snapshot } = await showStep(panel);
  const B = snapshot.run.batchSize;
  const rowOf = (l: number, name: 'z' | 'a' | 'delta', b = SAMPLE) => {
    const layerSnapshot = snapshot.layers[l - 1];
    return Array.from(layerSnapshot.tensors[name]!.data.subarray(b * layerSnapshot.units, (b + 1) * layerSnapshot.units));
  };
  const close = (actual: number, expected: number, what: string, tolerance = 1e-5) =>
    assert.ok(Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)), `${what}: ${actual} vs ${expected}`);

  for (const l of [1, 2]) {
    const terms = await termsOf(panel, l);
    const [n, k] = [SIZES[l], SIZES[l + 1]];
    const z = rowOf(l, 'z');
    const delta = rowOf(l, 'delta').map((v) => v * B);
    const deltaNext = rowOf(l + 1, 'delta').map((v) => v * B);
    const nextW = snapshot.layers[l].tensors.W!.data; // [k × n]
    for (let i = 0; i < n; i++) {
      close(terms.fPrime.values[i], 1 - Math.tanh(z[i]) ** 2, `f′(z⁽${l}⁾)[${i}] = 1 − tanh²`);
      for (let j = 0; j < k; j++) assert.equal(terms.WnextT.values[i * k + j], nextW[j * n + i], `W⁽${l + 1}⁾ᵀ[${i},${j}]`);
      let back = 0;
      for (let j = 0; j < k; j++) back += nextW[j * n + i] * deltaNext[j];
      close(terms.backprop.values[i], back, `(W⁽${l + 1}⁾ᵀδ⁽${l + 1}⁾)[${i}]`);
      // The equation itself: the engine's δ⁽ˡ⁾ is f′(z) ⊙ Wᵀδ of the panel's own terms.
      close(terms.fPrime.values[i] * terms.backprop.values[i], delta[i], `δ⁽${l}⁾[${i}] = f′ ⊙ Wᵀδ`);
      close(terms.delta.values[i], delta[i], `δ⁽${l}⁾[${i}] = B·Δ`);
    }
  }
  // ∂ℓ/∂W⁽ˡ⁾ = δ a⁽ˡ⁻¹⁾ᵀ for the sample, and the batch's ∂L/∂W⁽ˡ⁾ is the mean of every sample's outer product.
  for (const l of [1, 2, 3]) {
    const terms = await termsOf(panel, l);
    const [n, m] = [SIZES[l], SIZES[l - 1]];
    const input = (b: number) => (l === 1 ? Array.from(data.inputs.subarray(b * m, (b + 1) * m)) : rowOf(l - 1, 'a', b));
    const aPrev = input(SAMPLE);
    const delta = rowOf(l, 'delta').map((v) => v * B);
    const mean = new Array<number>(n * m).fill(0);
    for (let b = 0; b < B; b++) {
      const deltaB = rowOf(l, 'delta', b);
      const aB = input(b);
      for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) mean[i * m + j] += deltaB[i] * aB[j]; // Δ carries the 1/B
    }
    for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) {
      close(terms.sampleWeightGradient.values[i * m + j], delta[i] * aPrev[j], `∂ℓ/∂W⁽${l}⁾[${i},${j}]`);
      close(terms.weightGradient.values[i * m + j], mean[i * m + j], `∂L/∂W⁽${l}⁾[${i},${j}] = mean of δ aᵀ`);
    }
  }
  await panel.close();
});

test('softmax + cross-entropy: the chain through ∂oⱼ/∂zₖ = oⱼ(δⱼₖ − oₖ) equals o − t and the engine\'s δ⁽ᴸ⁾', async () => {
  const panel = await openPanel({ state: EQUATIONS_ON });
  for (const sample of [SAMPLE, 0]) {
    const { snapshot, batchRows } = await showStep(panel, sample);
    const output = snapshot.layers[2];
    const o = Array.from(output.tensors.a!.data.subarray(sample * 2, sample * 2 + 2));
    const row = batchRows[sample];
    const t = Array.from(data.targets.subarray(row * 2, row * 2 + 2)); // from the data set, not from the snapshot
    const terms = await termsOf(panel, 3);
    for (let k = 0; k < 2; k++) {
      let chain = 0; // Σⱼ (∂ℓ/∂oⱼ)(∂oⱼ/∂zₖ) with ∂ℓ/∂oⱼ = −tⱼ/oⱼ
      for (let j = 0; j < 2; j++) chain += (t[j] === 0 ? 0 : -t[j] / o[j]) * o[j] * ((j === k ? 1 : 0) - o[k]);
      assert.ok(Math.abs(terms.chain.values[k] - (o[k] - t[k])) < 1e-6, `chain[${k}] ${terms.chain.values[k]} vs o − t ${o[k] - t[k]}`);
      assert.ok(Math.abs(terms.chain.values[k] - chain) < 1e-6, `chain[${k}] recomputed here: ${chain}`);
      assert.ok(Math.abs(terms.outputMinusTarget.values[k] - (o[k] - t[k])) < 1e-6);
      assert.ok(Math.abs(terms.delta.values[k] - output.tensors.delta!.data[sample * 2 + k] * snapshot.run.batchSize) < 1e-6);
      for (let j = 0; j < 2; j++) assert.ok(Math.abs(terms.jacobian.values[j * 2 + k] - o[j] * ((j === k ? 1 : 0) - o[k])) < 1e-7);
    }
    const targetValues = panel.page.locator('[data-layer="3"] [data-term="target"] .term-values').first();
    await targetValues.scrollIntoViewIfNeeded();
    await panel.page.waitForFunction(({ text }) => document.querySelector('[data-layer="3"] [data-term="target"] .term-values')?.textContent === text, { text: `[${t.join(', ')}]` });
  }
  await panel.close();
});

test('other output layers: sigmoid + BCE gives (a − y)/n_L, tanh + MSE gives f′(z) ⊙ 2(a − y)/n_L, as the engine\'s δ⁽ᴸ⁾', async () => {
  const panel = await openPanel({ state: EQUATIONS_ON });
  const cases = [
    { activation: 'sigmoid', loss: 'binary_cross_entropy', rows: [['delta', '2×1'], ['a', '2×1'], ['target', '2×1']] },
    { activation: 'tanh', loss: 'mse', rows: [['delta', '2×1'], ['fPrime', '2×1'], ['lossGradient', '2×1']] },
  ] as const;
  for (const { activation, loss, rows } of cases) {
    const outputSpec = model(3, [layer(4, 'relu'), layer(2, activation)], loss, { batchSize: 5, shuffle: false });
    const outputData = randomData(10, 3, 2, loss, 21);
    const { snapshot, batchRows } = engineStep(outputSpec, outputData, 1);
    const sent = { ...snapshot, seq: ++seq };
    await panel.send(modelMessageOf(outputSpec), plainSnapshot(sent));
    await panel.waitForAck(sent.seq);
    assert.deepEqual(await rowShapes(panel, 2, 'delta'), rows, `${activation} + ${loss}`);
    const terms = await termsOf(panel, 2);
    const a = snapshot.layers[1].tensors.a!.data.subarray(2, 4);
    const y = outputData.targets.subarray(batchRows[1] * 2, batchRows[1] * 2 + 2);
    const engineDelta = snapshot.layers[1].tensors.delta!.data.subarray(2, 4).map((v) => v * snapshot.run.batchSize);
    for (let j = 0; j < 2; j++) {
      if (loss === 'binary_cross_entropy') assert.ok(Math.abs((a[j] - y[j]) / 2 - engineDelta[j]) < 1e-6, `(a − y)/n_L = engine δ[${j}]`);
      else {
        assert.ok(Math.abs(terms.lossGradient.values[j] - (2 * (a[j] - y[j])) / 2) < 1e-6, `∂ℓ/∂a[${j}] = 2(a − y)/n_L`);
        assert.ok(Math.abs(terms.fPrime.values[j] - (1 - a[j] ** 2)) < 1e-6, `tanh′ = 1 − a²`);
        assert.ok(Math.abs(terms.fPrime.values[j] * terms.lossGradient.values[j] - engineDelta[j]) < 1e-6, `f′ ⊙ ∂ℓ/∂a = engine δ[${j}]`);
      }
      assert.ok(Math.abs(terms.delta.values[j] - engineDelta[j]) < 1e-6);
    }
    // A hidden ReLU layer: f′(z) is 1 where z > 0 and 0 elsewhere.
    const hidden = await termsOf(panel, 1);
    hidden.z.values.forEach((z, i) => assert.equal(hidden.fPrime.values[i], z > 0 ? 1 : 0, `relu′(${z})`));
  }
  await panel.close();
});

test('KaTeX renders once per layout: a new snapshot updates values, not the typeset symbols', async () => {
  const panel = await openPanel({ state: EQUATIONS_ON });
  await showStep(panel);
  await panel.page.evaluate(() => { (document.querySelector('[data-layer="2"] .term-symbol .katex') as HTMLElement & { __marked?: boolean }).__marked = true; });
  const values = panel.page.locator('[data-layer="2"] [data-equation="delta"] [data-term="delta"] .term-values');
  await values.scrollIntoViewIfNeeded();
  await panel.page.waitForFunction(() => document.querySelector('[data-layer="2"] [data-equation="delta"] [data-term="delta"] .term-values')?.textContent !== '');
  const before = await values.innerText();
  const later = { ...engineStep(spec, data, SAMPLE, 2).snapshot, seq: ++seq };
  await panel.send(plainSnapshot(later));
  await panel.waitForAck(later.seq);
  assert.notEqual(await values.innerText(), before, 'the values follow the snapshot');
  assert.equal(await panel.page.evaluate(() => (document.querySelector('[data-layer="2"] .term-symbol .katex') as HTMLElement & { __marked?: boolean }).__marked), true,
    'the same KaTeX node is still there');
  await panel.close();
});

test('only sections on screen draw their heatmaps; one scrolled into view draws the newest terms', async () => {
  const panel = await openPanel({ state: EQUATIONS_ON });
  await panel.page.setViewportSize({ width: 1000, height: 500 });
  const { snapshot } = await showStep(panel);
  const outputCell = '[data-layer="3"] [data-equation="softmax-chain"] [data-term="outputMinusTarget"]';
  assert.equal(await panel.page.locator(`${outputCell} canvas.heatmap`).isHidden(), true, 'layer 3 is far below: nothing drawn there yet');
  const draws = await panel.drawImageCalls();
  await panel.page.evaluate(() => window.scrollTo(0, 0));
  // The next step: every value changes, so every drawn grid repaints (unchanged ones are skipped).
  await panel.send(plainSnapshot({ ...engineStep(spec, data, SAMPLE, 2).snapshot, seq: ++seq }));
  await panel.waitForAck(seq);
  const perSnapshot = await panel.drawImageCalls() - draws;
  const cardFigures = await panel.page.locator('.figure canvas.heatmap:not([hidden])').count();
  // Term cells (each holds one grid) within the 200 px margin the sections watch.
  const visibleCells = await panel.page.$$eval('.equation-term', (cells) => cells.filter((cell) => {
    const box = cell.getBoundingClientRect();
    return box.bottom > -200 && box.top < window.innerHeight + 200;
  }).length);
  const allCells = await panel.page.locator('.equation-term').count();
  assert.ok(perSnapshot >= cardFigures, `a snapshot painted ${perSnapshot} canvases, fewer than the ${cardFigures} card figures (every value changed)`);
  assert.ok(perSnapshot <= visibleCells + cardFigures,
    `a snapshot painted ${perSnapshot} canvases; ${cardFigures} card figures, ${visibleCells} equation grids near the viewport, ${allCells} in all`);
  assert.ok(allCells > visibleCells + 10, 'most grids are off screen in this test');
  await panel.page.locator(outputCell).scrollIntoViewIfNeeded();
  await panel.page.locator(`${outputCell} canvas.heatmap`).waitFor({ state: 'visible' });
  const o = snapshot.layers[2].tensors.a!.data;
  assert.ok(Number.isFinite(o[SAMPLE * 2]));
  assert.match(await panel.page.locator(`${outputCell} .term-values`).innerText(), /^\[.+, .+\]$/);
  await panel.close();
});

test('terms are computed only for sections on screen, once per snapshot; one scrolled into view computes its own', async () => {
  const panel = await openPanel({ state: EQUATIONS_ON });
  await panel.page.setViewportSize({ width: 1000, height: 500 });
  const computed = () => callHook(panel, 'equationTermsComputed');
  await showStep(panel);
  // Sections within the 200 px margin the sections watch.
  const nearSections = await panel.page.$$eval('[data-section="equations"]', (sections) => sections.filter((section) => {
    const box = section.getBoundingClientRect();
    return box.bottom > -200 && box.top < window.innerHeight + 200;
  }).length);
  assert.ok(nearSections < 3, 'at least one section is far off screen in this test');
  const before = await computed();
  await panel.send(plainSnapshot({ ...engineStep(spec, data, SAMPLE, 2).snapshot, seq: ++seq }));
  await panel.waitForAck(seq);
  assert.equal(await computed() - before, nearSections, 'one computation per section on screen');
  // Layer 3 scrolls into view: its terms, of the newest snapshot, are computed then, once.
  const outputCell = '[data-layer="3"] [data-equation="softmax-chain"] [data-term="outputMinusTarget"]';
  await panel.page.locator(outputCell).scrollIntoViewIfNeeded();
  await panel.page.locator(`${outputCell} canvas.heatmap`).waitFor({ state: 'visible' });
  assert.equal(await computed() - before, nearSections + 1);
  // Asking for a layer's terms again (the walk-through, the test hook) reuses them.
  await termsOf(panel, 3);
  assert.equal(await computed() - before, nearSections + 1);
  await panel.close();
});

test('the fonts KaTeX uses all load from the resource root; no CSP violation', async () => {
  const panel = await openPanel({ state: EQUATIONS_ON });
  await showStep(panel);
  const fonts = await panel.page.evaluate(async () => {
    await document.fonts.ready;
    return Array.from(document.fonts, (face) => ({ family: face.family, style: face.style, weight: face.weight, status: face.status }));
  });
  const failed = fonts.filter((face) => face.status === 'error');
  assert.deepEqual(failed, [], 'a face KaTeX needed is not shipped (add it to KATEX_FONTS in esbuild.mjs)');
  const loaded = new Set(fonts.filter((face) => face.status === 'loaded').map((face) => face.family.replace(/"/g, '')));
  for (const family of ['KaTeX_Main', 'KaTeX_Math', 'KaTeX_Size1']) assert.ok(loaded.has(family), `${family} loaded (${[...loaded].join(', ')})`);
  assert.deepEqual(await panel.cspViolations(), []);
  await panel.close();
});

test('setView asks for every term\'s tensors, and the neighbours of expanded cards, only while the equations are shown', async () => {
  const panel = await openPanel();
  await showStep(panel);
  const lastView = async () => (await panel.posted()).filter((m): m is SetViewMessage => m.type === 'setView').at(-1)!;
  assert.deepEqual(await lastView(), { type: 'setView', quantities: ['a', 'delta', 'dW', 'db'], layers: [1, 2, 3] });
  await panel.page.locator('[data-quantity="equations"]').click();
  assert.deepEqual(await lastView(), { type: 'setView', quantities: ['z', 'a', 'delta', 'dW', 'db', 'W', 'b'], layers: [1, 2, 3] });
  assert.equal(await panel.page.locator('[data-layer="1"] [data-section="equations"]').isVisible(), true);
  // Only layer 2 expanded: its equations still need a⁽¹⁾ and W⁽³⁾, δ⁽³⁾.
  await panel.page.locator('[data-layer="1"] .collapse-button').click();
  await panel.page.locator('[data-layer="3"] .collapse-button').click();
  assert.deepEqual((await lastView()).layers, [1, 2, 3]);
  await panel.page.locator('[data-quantity="equations"]').click();
  assert.deepEqual(await lastView(), { type: 'setView', quantities: ['a', 'delta', 'dW', 'db'], layers: [2] });
  assert.equal(await panel.page.locator('[data-layer="2"] [data-section="equations"]').isVisible(), false);
  const saved = await panel.savedState() as { quantities: Record<string, boolean> };
  assert.equal(saved.quantities.equations, false, 'the toggle is saved in the view state');
  await panel.close();
});
