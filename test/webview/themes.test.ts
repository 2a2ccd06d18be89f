// The panel under VS Code's light, dark and high-contrast themes: chrome follows the theme
// variables, heatmap colours do not (they are chosen to read on every background), and a
// screenshot of each lands in test-results/webview/ for a human to look at.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { MODEL_MESSAGE, PLANTED, syntheticSnapshot } from '../fixtures/snapshots/mlp2-16-16-3';
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
    await panel.send(MODEL_MESSAGE, syntheticSnapshot(1, 42));
    await panel.waitForAck(1);
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
    await panel.close();
  });
}
