// The PNG buttons in Chromium: a layer card's and the whole panel's image is rendered in the page,
// posted as a valid `exportImage`, and decodes to the element's size on screen, under the strict CSP.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ExportImageMessage } from '../../src/protocol/panelMessages';
import { parseWebviewMessage } from '../../src/host/panel/parseWebviewMessage';
import { decodePngDataUrl } from '../../src/protocol/pngImage';
import { MODEL_MESSAGE, syntheticSnapshot } from '../fixtures/snapshots/mlp2-16-16-3';
import type { PanelPage } from './support/panelPage';
import { useBrowser } from './support/session';

const { panel: openPanel } = useBrowser();

async function exportedImages(panel: PanelPage): Promise<ExportImageMessage[]> {
  return (await panel.posted()).filter((m): m is ExportImageMessage => m.type === 'exportImage');
}

/** Decodes the PNG in the page (createImageBitmap, no network) and counts its distinct colours. */
async function decodeInPage(panel: PanelPage, dataUrl: string): Promise<{ width: number; height: number; colours: number }> {
  return panel.page.evaluate(async (url) => {
    const binary = atob(url.slice(url.indexOf(',') + 1));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d')!;
    context.drawImage(bitmap, 0, 0);
    const pixels = context.getImageData(0, 0, bitmap.width, bitmap.height).data;
    const colours = new Set<number>();
    for (let i = 0; i < pixels.length; i += 4) colours.add((pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2]);
    return { width: bitmap.width, height: bitmap.height, colours: colours.size };
  }, dataUrl);
}

async function cssSize(panel: PanelPage, selector: string): Promise<{ width: number; height: number }> {
  return panel.page.$eval(selector, (node) => {
    const rect = node.getBoundingClientRect();
    return { width: Math.round(rect.width * window.devicePixelRatio), height: Math.round(rect.height * window.devicePixelRatio) };
  });
}

test('the PNG button of a layer card posts a valid PNG of that card, at its size', async () => {
  const panel = await openPanel();
  await panel.send(MODEL_MESSAGE, syntheticSnapshot(1));
  await panel.waitForAck(1);
  await panel.page.click('[data-layer="2"] [data-export="card-png"]');
  await panel.page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'exportImage'));
  const [image] = await exportedImages(panel);
  assert.ok(parseWebviewMessage(image).ok, 'the host validator accepts it');
  assert.equal(image.name, 'xor-2-16-16-3-layer2');
  const expected = await cssSize(panel, '[data-layer="2"]');
  const header = decodePngDataUrl(image.dataUrl);
  assert.ok(header.ok);
  assert.deepEqual({ width: header.width, height: header.height }, expected, 'IHDR size is the card size');
  const decoded = await decodeInPage(panel, image.dataUrl);
  assert.deepEqual({ width: decoded.width, height: decoded.height }, expected);
  // Heatmaps in two colour maps, text and background: far more than a blank card's one colour.
  assert.ok(decoded.colours > 50, `only ${decoded.colours} colours: the heatmaps were not composed`);
  assert.deepEqual(await panel.cspViolations(), []);
  await panel.close();
});

test('the panel PNG button posts a valid PNG of the whole panel, charts and cards included', async () => {
  const panel = await openPanel();
  await panel.send(MODEL_MESSAGE, syntheticSnapshot(1), syntheticSnapshot(2, 20));
  await panel.waitForAck(2);
  await panel.page.click('[data-export="panel-png"]');
  await panel.page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'exportImage'));
  const [image] = await exportedImages(panel);
  assert.ok(parseWebviewMessage(image).ok);
  assert.equal(image.name, 'xor-2-16-16-3-panel');
  const expected = await cssSize(panel, 'body');
  const decoded = await decodeInPage(panel, image.dataUrl);
  assert.deepEqual({ width: decoded.width, height: decoded.height }, expected);
  const cardHeights = await panel.page.$$eval('.layer-card', (cards) => cards.reduce((sum, card) => sum + card.getBoundingClientRect().height, 0));
  assert.ok(decoded.height >= cardHeights, 'the panel image is at least as tall as its three cards');
  assert.ok(decoded.colours > 50);
  assert.deepEqual(await panel.cspViolations(), []);
  await panel.close();
});

test('the export buttons post exportData for the snapshot and the norm history', async () => {
  const panel = await openPanel();
  await panel.send(MODEL_MESSAGE, syntheticSnapshot(1));
  await panel.waitForAck(1);
  await panel.page.click('[data-export="snapshot"]');
  await panel.page.click('[data-export="norm-history"]');
  const posted = (await panel.posted()).filter((m) => m.type === 'exportData');
  assert.deepEqual(posted, [{ type: 'exportData', kind: 'snapshot' }, { type: 'exportData', kind: 'normHistory' }]);
  for (const message of posted) assert.ok(parseWebviewMessage(message).ok);
  await panel.close();
});
