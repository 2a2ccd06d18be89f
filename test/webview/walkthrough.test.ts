// The backprop walk-through on a real engine snapshot of a 2-4-3-2 network (tanh, tanh, softmax +
// cross-entropy, SGD): only while paused; Prev/Next and ←/→ step through forward, loss, δ and the
// gradients of each layer going backward, and the update, each phase highlighting the cards,
// figures, equation rows and terms it is about and explaining itself with the sample's values;
// leaving pause ends it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { modelMessageOf } from '../../src/host/session/modelMessage';
import type { SetViewMessage } from '../../src/protocol/panelMessages';
import { engineStep, plainSnapshot } from '../fixtures/snapshots/engineSnapshot';
import { layer, model, randomData } from '../unit/engine/helpers';
import { EQUATIONS_ON } from './support/hooks';
import type { PanelPage } from './support/panelPage';
import { parseShown } from './support/readout';
import { useBrowser } from './support/session';

const { panel: openPanel } = useBrowser();

const SAMPLE = 2;
const spec = model(2, [layer(4, 'tanh'), layer(3, 'tanh'), layer(2, 'softmax')], 'cross_entropy', { batchSize: 6, shuffle: false, learningRate: 0.1 });
const data = randomData(12, 2, 2, 'cross_entropy', 3);

const start = (panel: PanelPage) => panel.page.locator('[data-action="walkthrough"]');
const explanation = (panel: PanelPage) => panel.page.locator('.walkthrough-explanation').innerText();

let seq = 0;
async function showPausedStep(panel: PanelPage, keep?: readonly string[]) {
  const step = engineStep(spec, data, SAMPLE);
  const snapshot = { ...step.snapshot, seq: ++seq };
  const plain = plainSnapshot(snapshot);
  const sent = keep === undefined ? plain : { ...plain, layers: plain.layers.map((l) => ({ ...l, tensors: Object.fromEntries(Object.entries(l.tensors).filter(([name]) => keep.includes(name))) })) };
  await panel.send(modelMessageOf(spec), sent, { type: 'state', state: 'paused' });
  await panel.waitForAck(snapshot.seq);
  return { ...step, snapshot };
}

interface Highlights {
  phase: string | undefined;
  cards: string[];
  rows: string[];
  terms: string[];
  figures: string[];
}

function highlights(panel: PanelPage): Promise<Highlights> {
  return panel.page.evaluate(() => {
    const layerOf = (node: Element) => (node.closest('.layer-card') as HTMLElement).dataset.layer;
    const all = (selector: string, name: (node: HTMLElement) => string) => Array.from(document.querySelectorAll<HTMLElement>(selector), name).sort();
    return {
      phase: document.querySelector<HTMLElement>('.walkthrough')?.dataset.phase,
      cards: all('.layer-card.is-walkthrough-focus', (node) => node.dataset.layer ?? ''),
      rows: all('.equation-row.is-focus', (node) => `${layerOf(node)}:${node.dataset.equation}`),
      terms: all('.equation-term.is-focus', (node) => `${layerOf(node)}:${(node.closest('.equation-row') as HTMLElement).dataset.equation}:${node.dataset.term}`),
      figures: all('.figure.is-walkthrough-focus', (node) => `${layerOf(node)}:${node.dataset.figure}`),
    };
  });
}

/** What each phase must highlight, written from the equations of docs/notation.md (not from the code's tables). */
function expected(phase: string): Omit<Highlights, 'phase'> {
  const [kind, layerText] = phase.split('-');
  const l = Number(layerText);
  const terms = (row: string, ids: string[]) => ids.map((id) => `${l}:${row}:${id}`);
  switch (kind) {
    case 'forward':
      return {
        cards: [String(l)], rows: [`${l}:forward-a`, `${l}:forward-z`],
        terms: [...terms('forward-a', ['a', 'z']), ...terms('forward-z', ['W', 'aPrev', 'b', 'z'])].sort(),
        figures: [`${l}:a-batch`, `${l}:a-sample`],
      };
    case 'loss':
      return { cards: ['3'], rows: ['3:delta', '3:forward-a'], terms: ['3:delta:a', '3:delta:target', '3:forward-a:a'], figures: ['3:a-sample'] };
    case 'delta':
      if (l === 3) {
        return {
          cards: ['3'], rows: ['3:delta', '3:softmax-chain'],
          terms: [...terms('delta', ['a', 'delta', 'target']), ...terms('softmax-chain', ['chain', 'jacobian', 'lossGradient', 'outputMinusTarget'])].sort(),
          figures: ['3:delta-batch', '3:delta-sample'],
        };
      }
      return {
        cards: [String(l), String(l + 1)], rows: [`${l}:delta`, `${l}:delta-elementwise`],
        terms: [...terms('delta', ['WnextT', 'delta', 'deltaNext', 'fPrime']), ...terms('delta-elementwise', ['backprop', 'delta', 'fPrime'])].sort(),
        figures: [`${l + 1}:W`, `${l + 1}:delta-sample`, `${l}:delta-sample`].sort(),
      };
    case 'gradient':
      return {
        cards: [String(l)], rows: [`${l}:bias-gradient`, `${l}:weight-gradient`],
        terms: [...terms('bias-gradient', ['biasGradient', 'delta']), ...terms('weight-gradient', ['aPrevT', 'delta', 'sampleWeightGradient', 'weightGradient'])].sort(),
        figures: [`${l}:dW`, `${l}:db`],
      };
    default:
      return {
        cards: ['1', '2', '3'], rows: [], terms: [],
        figures: [1, 2, 3].flatMap((k) => ['W', 'dW', 'db', 'update'].map((id) => `${k}:${id}`)).sort(),
      };
  }
}

test('walks forward layer by layer, the loss, then δ and the gradients of each layer backward, then the update', async () => {
  const panel = await openPanel({ state: EQUATIONS_ON });
  const { snapshot, batchRows } = await showPausedStep(panel);
  await start(panel).click();
  const order = ['forward-1', 'forward-2', 'forward-3', 'loss', 'delta-3', 'gradient-3', 'delta-2', 'gradient-2', 'delta-1', 'gradient-1', 'update'];
  for (const [i, phase] of order.entries()) {
    const seen = await highlights(panel);
    assert.equal(seen.phase, phase, `phase ${i + 1}`);
    assert.deepEqual({ ...seen, phase: undefined }, { ...expected(phase), phase: undefined }, `highlights of ${phase}`);
    assert.equal(await panel.page.locator('.walkthrough-counter').innerText(), `${i + 1} / ${order.length}`);
    const text = await explanation(panel);
    if (phase === 'forward-1') assert.match(text, /\(4×2 times 2×1, plus 4×1\)/);
    if (phase === 'loss') {
      // ℓ = −Σⱼ tⱼ log oⱼ of the sample, from the data set's one-hot t and the engine's o.
      const o = snapshot.layers[2].tensors.a!.data.subarray(SAMPLE * 2, SAMPLE * 2 + 2);
      const t = data.targets.subarray(batchRows[SAMPLE] * 2, batchRows[SAMPLE] * 2 + 2);
      const loss = -(t[0] * Math.log(o[0]) + t[1] * Math.log(o[1]));
      const shown = parseShown(/= (\S+) for this sample/.exec(text)![1]);
      assert.ok(Math.abs(shown - loss) <= 0.005 * loss, `ℓ shown ${shown}, computed ${loss}`);
    }
    if (phase === 'delta-3') {
      const difference = parseShown(/largest difference (\S+)\)/.exec(text)![1]);
      assert.ok(difference <= 1e-6, `the chain and o − t differ by ${difference}`);
    }
    if (phase === 'update') assert.match(text, /SGD: W ← W − η ∂L\/∂W and b ← b − η ∂L\/∂b with η = 0\.1\./);
    // Alternate the two ways forward.
    if (i % 2 === 0) await panel.page.keyboard.press('ArrowRight');
    else await panel.page.locator('[data-action="walkthrough-next"]').click();
  }
  assert.equal((await highlights(panel)).phase, 'update', 'Next stops at the last phase');
  await panel.page.keyboard.press('ArrowLeft');
  assert.equal((await highlights(panel)).phase, 'gradient-1', '← goes back');
  await panel.page.locator('[data-action="walkthrough-prev"]').click();
  assert.equal((await highlights(panel)).phase, 'delta-1', 'Prev goes back');
  assert.deepEqual(await panel.cspViolations(), []);
  await panel.close();
});

test('only while paused: disabled while training, and leaving pause ends it and clears the highlights', async () => {
  const panel = await openPanel({ state: EQUATIONS_ON });
  await showPausedStep(panel);
  await panel.send({ type: 'state', state: 'training' });
  await panel.page.waitForFunction(() => document.querySelector('[data-action="walkthrough"]')?.getAttribute('aria-disabled') === 'true');
  assert.match(await panel.page.locator('.walkthrough-hint').innerText(), /pause training/);
  await panel.send({ type: 'state', state: 'paused' });
  await panel.page.waitForFunction(() => document.querySelector('[data-action="walkthrough"]')?.getAttribute('aria-disabled') === 'false');
  await start(panel).click();
  await panel.page.keyboard.press('ArrowRight');
  assert.equal((await highlights(panel)).phase, 'forward-2');
  await panel.send({ type: 'state', state: 'training' });
  await panel.page.waitForFunction(() => document.querySelector<HTMLElement>('.walkthrough')?.dataset.active === 'false');
  assert.deepEqual(await highlights(panel), { phase: undefined, cards: [], rows: [], terms: [], figures: [] });
  await panel.page.keyboard.press('ArrowRight');
  assert.equal((await highlights(panel)).phase, undefined, 'the arrow keys do nothing once it ended');
  await panel.close();
});

test('moving to a phase scrolls its terms into view; a redraw of the same phase does not scroll', async () => {
  const panel = await openPanel({ state: EQUATIONS_ON });
  await showPausedStep(panel);
  await start(panel).click();
  for (let i = 0; i < 6; i++) await panel.page.keyboard.press('ArrowRight');
  const scrolled = await panel.page.evaluate(() => window.scrollY);
  assert.ok(scrolled > 0, 'the phase brought rows further down into view');
  // The user scrolls back up (to the timeline, say); a redraw (here the same step re-sent) must leave the page there.
  await panel.page.evaluate(() => window.scrollTo(0, 0));
  const again = await showPausedStep(panel);
  await panel.waitForAck(again.snapshot.seq);
  assert.equal(await panel.page.evaluate(() => window.scrollY), 0);
  assert.notEqual((await highlights(panel)).phase, undefined, 'the walk-through is still on');
  await panel.close();
});

test('starting it turns the equations on (and asks for their tensors); a snapshot without them says to Step', async () => {
  const panel = await openPanel();
  await showPausedStep(panel, ['a', 'delta', 'dW', 'db']);
  await start(panel).click();
  assert.equal(await panel.page.locator('[data-quantity="equations"]').evaluate((node) => (node as HTMLInputElement).checked), true);
  const views = (await panel.posted()).filter((m): m is SetViewMessage => m.type === 'setView');
  assert.deepEqual(views.at(-1)!.quantities, ['z', 'a', 'delta', 'dW', 'db', 'W', 'b']);
  await panel.page.waitForFunction(() => document.querySelector('[data-layer="1"] .equations-note')?.textContent?.includes('press Step'));
  assert.match(await explanation(panel), /Some terms are missing: press Step/);
  // The step the user then runs brings every tensor: the hint goes and the values come.
  await showPausedStep(panel);
  await panel.page.waitForFunction(() => !document.querySelector('.walkthrough-explanation')?.textContent?.includes('press Step'));
  assert.match(await explanation(panel), /for this sample a⁽¹⁾ = \[/);
  await panel.close();
});

test('the update phase says what the configured optimizer does', async () => {
  const panel = await openPanel({ state: EQUATIONS_ON });
  await showPausedStep(panel);
  const adam = model(2, [...spec.layers], 'cross_entropy', { optimizer: 'adam', learningRate: 0.01 });
  const momentum = model(2, [...spec.layers], 'cross_entropy', { momentum: 0.9, nesterov: true, weightDecay: 1e-4 });
  const texts: string[] = [];
  for (const variant of [adam, momentum]) {
    await panel.send(modelMessageOf(variant));
    await start(panel).click();
    await panel.page.keyboard.press('End'); // not a walk-through key: nothing happens
    for (let i = 0; i < 12; i++) await panel.page.keyboard.press('ArrowRight');
    texts.push(await explanation(panel));
    await start(panel).click(); // end it
  }
  assert.match(texts[0], /^Adam: .*W ← W − η·m̂\/\(√v̂ \+ ε\) with η = 0\.1/);
  assert.match(texts[0], /not simply −η ∂L\/∂W/);
  assert.match(texts[1], /^SGD with momentum μ = 0\.9 \(after adding λW, λ = 1e−4, to the gradient\): v ← μv \+ ∂L\/∂W, W ← W − η\(∂L\/∂W \+ μv\)/);
  await panel.close();
});
