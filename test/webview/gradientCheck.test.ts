// The gradient check table at the top of the panel: one row per layer and parameter
// block (∂L/∂W⁽ˡ⁾, ∂L/∂b⁽ˡ⁾) with the report's numbers, PASS/FAIL per row against the precision's
// thresholds in the theme's pass and error colours, the overall verdict with ε and precision, and
// a dismiss button.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { GradientCheckMessage } from '../../src/protocol/panelMessages';
import { MODEL_MESSAGE } from '../fixtures/snapshots/mlp2-16-16-3';
import { THEMES, type ThemeKind } from './support/themes';
import type { PanelPage } from './support/panelPage';
import { useBrowser } from './support/session';

const { panel: openPanel } = useBrowser();

const ok = (max: number, mean: number, analytic: number, numerical: number, checked = 32) =>
  ({ checked, maxRelativeError: max, meanRelativeError: mean, worstAnalytic: analytic, worstNumerical: numerical });

/** f64, three layers; ∂L/∂W⁽²⁾ is wrong (a broken backward rule), so the check fails. */
const FAILING: GradientCheckMessage = {
  type: 'gradientCheck',
  report: {
    precision: 'f64',
    epsilon: 1e-6,
    rows: 8,
    passed: false,
    maxRelativeError: 0.25,
    meanRelativeError: 0.031,
    thresholds: { maxRelativeError: 1e-5, meanRelativeError: 1e-6 },
    layers: [
      { layer: 1, weights: ok(2.5e-9, 4e-10, 0.0123, 0.0123), bias: ok(1.5e-9, 3e-10, -0.0456, -0.0456, 16) },
      { layer: 2, weights: ok(0.25, 0.12, -0.0142, -0.0085), bias: ok(3e-9, 5e-10, 0.5, 0.5, 16) },
      { layer: 3, weights: ok(7e-8, 2e-8, 1.25, 1.25), bias: ok(6e-9, 1e-9, -2, -2, 3) },
    ],
  },
};

const PASSING: GradientCheckMessage = {
  type: 'gradientCheck',
  report: { ...FAILING.report, passed: true, maxRelativeError: 7e-8, meanRelativeError: 2e-9, layers: [FAILING.report.layers[0], FAILING.report.layers[2]] },
};

interface RowReading { layer: string | undefined; parameter: string | undefined; cells: string[]; rowClass: string; resultColor: string }

function readRows(panel: PanelPage): Promise<RowReading[]> {
  return panel.page.$$eval('.gradient-check tbody tr', (rows) => rows.map((row) => {
    const tr = row as HTMLTableRowElement;
    const result = tr.querySelector('[data-column="result"]')!;
    return {
      layer: tr.dataset.layer,
      parameter: tr.dataset.parameter,
      cells: Array.from(tr.cells, (cell) => cell.textContent ?? ''),
      rowClass: tr.className,
      resultColor: getComputedStyle(result).color,
    };
  }));
}

/** A CSS colour as the browser computes it (rgb(…)), resolved on a probe element. */
function computedColor(panel: PanelPage, color: string): Promise<string> {
  return panel.page.evaluate((value) => {
    const probe = document.createElement('span');
    document.body.append(probe);
    probe.style.color = value;
    const computed = getComputedStyle(probe).color;
    probe.remove();
    return computed;
  }, color);
}

for (const theme of ['dark', 'light'] as ThemeKind[]) {
  test(`renders one row per layer × parameter with the report's numbers and PASS/FAIL colours (${theme})`, async () => {
    const panel = await openPanel(theme);
    await panel.send(MODEL_MESSAGE, FAILING);
    await panel.page.locator('.gradient-check').waitFor({ state: 'visible' });

    const rows = await readRows(panel);
    assert.equal(rows.length, 6, 'two rows (W, b) for each of the three layers');
    assert.deepEqual(rows.map((row) => [row.layer, row.parameter]), [['1', 'W'], ['1', 'b'], ['2', 'W'], ['2', 'b'], ['3', 'W'], ['3', 'b']]);
    assert.deepEqual(rows.map((row) => row.cells[1]), ['∂L/∂W⁽¹⁾', '∂L/∂b⁽¹⁾', '∂L/∂W⁽²⁾', '∂L/∂b⁽²⁾', '∂L/∂W⁽³⁾', '∂L/∂b⁽³⁾']);
    // Layer, gradient, checked, max, mean, worst analytic g, numerical ĝ, result.
    assert.deepEqual(rows[2].cells, ['2', '∂L/∂W⁽²⁾', '32', '0.25', '0.12', '−0.0142', '−0.0085', 'FAIL']);
    assert.deepEqual(rows[1].cells, ['', '∂L/∂b⁽¹⁾', '16', '1.5e−9', '3e−10', '−0.0456', '−0.0456', 'PASS']);
    assert.deepEqual(rows[5].cells, ['', '∂L/∂b⁽³⁾', '3', '6e−9', '1e−9', '−2', '−2', 'PASS']);
    assert.deepEqual(rows.map((row) => row.cells[7]), ['PASS', 'PASS', 'FAIL', 'PASS', 'PASS', 'PASS']);

    // FAIL in the theme's error colour, PASS in another (the pass/green colour).
    const error = await computedColor(panel, THEMES[theme].variables['--vscode-errorForeground']);
    const failing = rows.filter((row) => row.cells[7] === 'FAIL');
    const passing = rows.filter((row) => row.cells[7] === 'PASS');
    assert.ok(failing.every((row) => row.rowClass.includes('is-fail') && row.resultColor === error), `FAIL rows in ${error}: ${JSON.stringify(failing)}`);
    assert.ok(passing.every((row) => row.rowClass.includes('is-pass') && row.resultColor !== error));
    assert.equal(new Set(passing.map((row) => row.resultColor)).size, 1);

    // The overall verdict, thresholds, ε and precision.
    const summary = await panel.page.locator('.gradient-check-summary').textContent();
    assert.match(summary ?? '', /^FAIL/);
    assert.ok(summary?.includes('max 0.25 (≤ 1e−5)'), summary ?? '');
    assert.ok(summary?.includes('ε = 1e−6'), summary ?? '');
    assert.ok(summary?.includes('f64'), summary ?? '');
    assert.equal(await panel.page.locator('.gradient-check').getAttribute('data-verdict'), 'fail');
    assert.equal(await panel.page.locator('.gradient-check-verdict').evaluate((node) => getComputedStyle(node).color), error);
    assert.deepEqual(await panel.cspViolations(), []);
    // For a human to look at (gitignored); docs/screenshots/gradient-check.png is a copy of the dark one.
    await panel.page.locator('.gradient-check').screenshot({ path: join('test-results', 'webview', `gradient-check-${theme}.png`) });
    await panel.close();
  });
}

test('sits below the header, above the view controls and the cards', async () => {
  const panel = await openPanel();
  await panel.send(MODEL_MESSAGE, PASSING);
  const order = await panel.page.evaluate(() => Array.from(document.body.children, (node) => node.className));
  const at = (name: string) => order.findIndex((className) => className.split(' ').includes(name));
  assert.ok(at('panel-top') < at('gradient-check'), order.join(', '));
  assert.ok(at('gradient-check') < at('layer-cards'), order.join(', '));
  const boxes = await panel.page.evaluate(() => ['.run-header', '.gradient-check', '.layer-cards'].map((selector) => document.querySelector(selector)!.getBoundingClientRect().top));
  assert.ok(boxes[0] < boxes[1] && boxes[1] < boxes[2], JSON.stringify(boxes));
  await panel.close();
});

test('dismiss hides the table; the next report shows it again, replaced', async () => {
  const panel = await openPanel();
  await panel.send(MODEL_MESSAGE, FAILING);
  const table = panel.page.locator('.gradient-check');
  await table.waitFor({ state: 'visible' });
  await panel.page.locator('button[data-action="dismiss-gradient-check"]').click();
  await table.waitFor({ state: 'hidden' });
  assert.equal(await table.isVisible(), false);

  await panel.send(PASSING);
  await table.waitFor({ state: 'visible' });
  assert.equal((await readRows(panel)).length, 4);
  assert.match((await panel.page.locator('.gradient-check-summary').textContent()) ?? '', /^PASS/);
  assert.equal(await table.getAttribute('data-verdict'), 'pass');

  // From the keyboard too.
  await panel.page.locator('button[data-action="dismiss-gradient-check"]').focus();
  await panel.page.keyboard.press('Enter');
  await table.waitFor({ state: 'hidden' });
  // Nothing went to the host: dismissing is the panel's own business.
  assert.deepEqual((await panel.posted()).map((m) => m.type).filter((type) => type !== 'setView' && type !== 'setInputSpace'), ['ready']);
  await panel.close();
});

test('hidden until a report arrives, and hidden again by a new layout', async () => {
  const panel = await openPanel();
  await panel.send(MODEL_MESSAGE);
  assert.equal(await panel.page.locator('.gradient-check').isVisible(), false);
  await panel.send(PASSING);
  await panel.page.locator('.gradient-check').waitFor({ state: 'visible' });
  await panel.send(MODEL_MESSAGE);
  await panel.page.locator('.gradient-check').waitFor({ state: 'hidden' });
  await panel.close();
});
