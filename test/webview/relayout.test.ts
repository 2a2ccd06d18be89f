// A relayout (a model message with other layer shapes, as after an edit of the model file) keeps
// the cards whose layer did not change together with their equation sections (KaTeX is not typeset
// again for them), rebuilds the rest, and frees the chart.js histograms of the cards it replaced.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LayerOutline, ModelMessage } from '../../src/protocol/panelMessages';
import { LAYER_SHAPES, MODEL_MESSAGE } from '../fixtures/snapshots/mlp2-16-16-3';
import { callHook, EQUATIONS_ON } from './support/hooks';
import type { PanelPage } from './support/panelPage';
import { useBrowser } from './support/session';

const { panel: openPanel } = useBrowser();
/** Loss, accuracy and ‖∂L/∂W⁽ˡ⁾‖: the charts above the cards, whatever the layout. */
const RUN_CHARTS = 3;

const liveCharts = (panel: PanelPage) => callHook(panel, 'liveCharts');

/** Tags every card and its equation section in the page, so a later check can tell kept nodes from new ones. */
function tagNodes(panel: PanelPage, tag: string): Promise<void> {
  return panel.page.evaluate((value) => {
    for (const node of document.querySelectorAll<HTMLElement>('.layer-card, .layer-card [data-section="equations"]')) node.dataset.tag = value;
  }, tag);
}

/** Per layer: the tag of its card and of its equation section ('' when the node is new). */
function tagsOf(panel: PanelPage): Promise<{ layer: string; card: string; equations: string }[]> {
  return panel.page.$$eval('.layer-card', (cards) => cards.map((card) => ({
    layer: (card as HTMLElement).dataset.layer ?? '',
    card: (card as HTMLElement).dataset.tag ?? '',
    equations: card.querySelector<HTMLElement>('[data-section="equations"]')?.dataset.tag ?? '',
  })));
}

const modelWith = (layers: readonly LayerOutline[]): ModelMessage => ({ ...MODEL_MESSAGE, layers });

test('a relayout keeps the cards that fit and their equation sections, and leaves no chart behind', async () => {
  const panel = await openPanel({ state: EQUATIONS_ON });
  await panel.send(MODEL_MESSAGE);
  assert.equal(await liveCharts(panel), RUN_CHARTS + 3, 'one histogram per card');
  await tagNodes(panel, 'first');

  // The output layer gets 5 units instead of 3: cards 1 and 2 still fit, card 3 is rebuilt. Layer
  // 2's equations name W⁽³⁾ᵀ (16×5 now), so its section is rebuilt too; layer 1's is kept.
  const [first, second] = LAYER_SHAPES;
  await panel.send(modelWith([first, second, { index: 3, units: 5, inputs: 16, activation: 'softmax' }]));
  assert.deepEqual(await tagsOf(panel), [
    { layer: '1', card: 'first', equations: 'first' },
    { layer: '2', card: 'first', equations: '' },
    { layer: '3', card: '', equations: '' },
  ]);
  assert.equal(await panel.page.locator('[data-layer="2"] [data-term="WnextT"] .term-shape').textContent(), '16×5 = (5×16)ᵀ');
  assert.equal(await panel.page.locator('[data-section="equations"]').count(), 3, 'the replaced sections are gone');
  assert.equal(await liveCharts(panel), RUN_CHARTS + 3, 'the replaced card took its histogram with it');

  // Back and forth between two and three layers: never more charts than cards.
  for (let round = 0; round < 3; round++) {
    await panel.send(modelWith([first, { index: 2, units: 3, inputs: 16, activation: 'softmax' }]));
    assert.equal(await liveCharts(panel), RUN_CHARTS + 2);
    await panel.send(MODEL_MESSAGE);
    assert.equal(await liveCharts(panel), RUN_CHARTS + 3);
  }
  assert.deepEqual((await tagsOf(panel)).map(({ card }) => card), ['first', '', ''], 'layer 1 fitted every layout');
  assert.deepEqual(await panel.cspViolations(), []);
  await panel.close();
});
