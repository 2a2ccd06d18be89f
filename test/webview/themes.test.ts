// The panel under VS Code's light, dark and high-contrast themes: chrome follows the theme
// variables, heatmap colours do not (they are chosen to read on every background), and a
// screenshot of each lands in test-results/webview/ for a human to look at.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { MODEL_MESSAGE, PLANTED, syntheticSnapshot } from '../fixtures/snapshots/mlp2-16-16-3';
import { runSnapshot } from '../fixtures/snapshots/runSeries';
import { canvasPixel } from './support/panelPage';
import { figureCanvas, useBrowser } from './support/session';
import { THEMES, type ThemeKind } from './support/themes';

const { panel: openPanel } = useBrowser();
const OUTPUT = join('test-results', 'webview');

function hexToRgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}

for (const theme of Object.keys(THEMES) as ThemeKind[]) {
  test(`${theme} theme: chrome uses the theme variables, heatmaps keep their colours`, async () => {
    const panel = await openPanel(theme);
    // 41 steps of history for the charts (a falling loss, one vanishing layer), then a full snapshot.
    const history = Array.from({ length: 41 }, (_, i) => runSnapshot(i + 1, {
      step: i + 1, loss: 1.1 * Math.exp(-i / 15) + 0.05, valLoss: 1.2 * Math.exp(-i / 18) + 0.08,
      accuracy: 0.95 - 0.6 * Math.exp(-i / 12), valAccuracy: 0.9 - 0.6 * Math.exp(-i / 14),
      norms: [0.3 * Math.exp(-i / 6), 0.08 + 0.02 * Math.sin(i), 0.5],
    }));
    // The full snapshot continues the curves (same kind of values as step 41), so the charts do not jump at the end.
    const full = syntheticSnapshot(42, 42);
    const last = history[history.length - 1];
    await panel.send(MODEL_MESSAGE, ...history, {
      ...full,
      run: { ...full.run, loss: last.run.loss, accuracy: last.run.accuracy, valLoss: last.run.valLoss, valAccuracy: last.run.valAccuracy },
      layers: full.layers.map((layer, i) => ({ ...layer, stats: { ...layer.stats, gradientNorm: last.layers[i].stats.gradientNorm } })),
    });
    await panel.waitForAck(42);
    const colours = await panel.page.evaluate(() => {
      const body = getComputedStyle(document.body);
      return { background: body.backgroundColor, foreground: body.color, bodyClass: document.body.className };
    });
    assert.equal(colours.bodyClass, THEMES[theme].bodyClass);
    assert.equal(colours.background, hexToRgb(THEMES[theme].variables['--vscode-editor-background']));
    assert.equal(colours.foreground, hexToRgb(THEMES[theme].variables['--vscode-foreground']));
    // The zero cell is the same grey in every theme.
    const canvas = figureCanvas(PLANTED.layer, 'dW');
    const zero = (await canvasPixel(panel.page, canvas, 7, 7)).slice(0, 3);
    assert.ok(Math.max(...zero) - Math.min(...zero) <= 2, `zero cell should be grey, got ${zero}`);

    // Hover a cell so the screenshot shows the tooltip too (the mouse only reaches the viewport).
    await panel.page.locator(canvas).scrollIntoViewIfNeeded();
    const box = await panel.page.locator(canvas).boundingBox();
    assert.ok(box !== null);
    await panel.page.mouse.move(box.x + 7.5 * 14, box.y + 3.5 * 14);
    await panel.page.locator('.tooltip').waitFor({ state: 'visible', timeout: 2000 });
    mkdirSync(OUTPUT, { recursive: true });
    await panel.page.screenshot({ path: join(OUTPUT, `panel-${theme}.png`), fullPage: true });
    // The norm chart really drew its lines in the theme's chart colours (not chart.js's grey default).
    const chartColours = await panel.page.$eval('[data-chart="norms"] canvas', (node, wanted) => {
      const canvas = node as HTMLCanvasElement;
      const data = (canvas.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, canvas.width, canvas.height).data;
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(wanted.slice(i, i + 2), 16));
      let matches = 0;
      for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 12 && data[i + 3] > 200) matches++;
      return matches;
    }, THEMES[theme].variables['--vscode-charts-blue']);
    assert.ok(chartColours > 50, `the layer-1 norm line should be drawn in --vscode-charts-blue, found ${chartColours} pixels`);
    assert.deepEqual(await panel.cspViolations(), []);
    await panel.close();
  });
}
