// The input-space section in Chromium, fed by the real engine trained in this process: the
// decision boundary of a trained XOR, the regression curve of a trained sine, the first layer of
// digits as images, the note for other input sizes, and the `setInputSpace` requests.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { createTrainer, type FloatArray, type Trainer } from '../../src/engine';
import { modelMessageOf } from '../../src/host/session/modelMessage';
import { Random } from '../../src/core/random';
import type { Dataset } from '../../src/core/dataset';
import { parseModel, resolveModel, validateAgainstData } from '../../src/model';
import type { InputSpaceMessage } from '../../src/protocol/inputSpace';
import type { ModelMessage } from '../../src/protocol/panelMessages';
import { InputSpaceStream } from '../../src/worker/inputSpaceStream';
import { formatValue } from '../../src/core/numberFormat';
import { canvasPixel, type PanelPage } from './support/panelPage';
import { useBrowser } from './support/session';

const { panel: openPanel } = useBrowser();

const noFiles = { readFile: async (path: string): Promise<Uint8Array> => { throw new Error(`no files here (${path})`); } };
const bundled = { readFile: async (path: string) => new Uint8Array(await readFile(resolve('data', path))) };

const XOR = `{ "name": "XOR", "layers": [{ "units": 8, "activation": "tanh" }, { "units": 1, "activation": "sigmoid" }],
  "loss": "binary_cross_entropy", "data": { "source": "xor", "samples": 200, "noise": 0 },
  "training": { "optimizer": "adam", "learningRate": 0.05, "batchSize": 16, "epochs": 2000, "seed": 42 } }`;
const SINE = `{ "name": "Sine", "layers": [{ "units": 32, "activation": "tanh" }, { "units": 32, "activation": "tanh" }, { "units": 1, "activation": "linear" }],
  "loss": "mse", "data": { "source": "sine", "samples": 400, "noise": 0.05 },
  "training": { "optimizer": "adam", "learningRate": 0.01, "batchSize": 32, "epochs": 500, "seed": 3 } }`;
const SPIRALS = `{ "name": "Three spirals", "layers": [{ "units": 32, "activation": "tanh" }, { "units": 32, "activation": "tanh" }, { "units": 3, "activation": "softmax" }],
  "loss": "cross_entropy", "data": { "source": "spirals", "samples": 600, "classes": 3, "noise": 0.04 },
  "training": { "optimizer": "adam", "learningRate": 0.01, "batchSize": 32, "epochs": 500, "seed": 42, "precision": "f32", "validationSplit": 0.2 } }`;
const DIGITS = `{ "name": "Digits", "layers": [{ "units": 96, "activation": "relu" }, { "units": 10, "activation": "softmax" }],
  "loss": "cross_entropy", "data": { "source": "digits", "normalize": "minmax" },
  "training": { "optimizer": "adam", "learningRate": 0.003, "batchSize": 32, "epochs": 5 } }`;

async function trainerOf(text: string): Promise<{ trainer: Trainer<FloatArray>; model: ModelMessage }> {
  const resolved = await resolveModel(text, noFiles, bundled);
  if (!resolved.spec || !resolved.dataset) throw new Error(resolved.diagnostics.map((d) => d.message).join('; '));
  const imageShape = resolved.dataset.imageShape;
  // The JS reference kernels: this file is type-checked for the browser, without the .wasm module declaration.
  const trainer = createTrainer(resolved.spec, resolved.dataset);
  return { trainer, model: modelMessageOf(resolved.spec, { imageShape }) };
}

/** Saves the section to test-results/webview/<name>.png (gitignored) for a human to look at; docs/screenshots/ holds copies. */
async function screenshot(panel: PanelPage, name: string): Promise<void> {
  await panel.page.locator('.input-space').screenshot({ path: resolve('test-results', 'webview', `${name}.png`) });
}

/** Trains epoch by epoch until `done`, failing after `maxEpochs`. */
function trainUntil(trainer: Trainer<FloatArray>, done: () => boolean, maxEpochs: number): void {
  for (let epoch = 0; epoch < maxEpochs; epoch++) {
    for (let i = 0; i < trainer.stepsPerEpoch; i++) trainer.step();
    if (done()) return;
  }
  assert.fail(`not trained after ${maxEpochs} epochs`);
}

/** What the worker would post: the points (if any) and one view of the current weights. */
function workerMessages(trainer: Trainer<FloatArray>): InputSpaceMessage[] {
  const stream = new InputSpaceStream(trainer);
  stream.setEnabled(true);
  const view = stream.next(true);
  assert.ok(view);
  return stream.points ? [stream.points, view] : [view];
}

/** Trains until `done`, then shows the worker's points and prediction in a new panel, once drawn. */
async function showTrained(model: ModelMessage, trainer: Trainer<FloatArray>, done: () => boolean, maxEpochs: number) {
  trainUntil(trainer, done, maxEpochs);
  const [points, grid] = workerMessages(trainer);
  if (points.type !== 'inputPoints') assert.fail('points first');
  const panel = await openPanel();
  await panel.send(model, points, grid);
  await panel.page.waitForSelector('.input-space-legend :text("after step")');
  return { panel, points, grid };
}

function distance(a: readonly number[], b: readonly number[]): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

/** RGBA of the prediction canvas at data coordinates (x, y). */
async function planePixel(panel: PanelPage, domain: { min: readonly number[]; max: readonly number[] }, x: number, y: number): Promise<number[]> {
  return panel.page.$eval('.input-space canvas.input-plane', (node, [u, v]) => {
    const canvas = node as HTMLCanvasElement;
    const context = canvas.getContext('2d')!;
    return Array.from(context.getImageData(Math.floor(u * canvas.width), Math.floor((1 - v) * canvas.height), 1, 1).data);
  }, [(x - domain.min[0]) / (domain.max[0] - domain.min[0]), (y - domain.min[1]) / (domain.max[1] - domain.min[1])] as const);
}

test('decision boundary: a trained XOR colours opposite quadrants alike and neighbouring ones apart', async () => {
  const { trainer, model } = await trainerOf(XOR);
  const { panel, points } = await showTrained(model, trainer, () => trainer.evaluate('train')!.accuracy === 1, 400);
  assert.equal(await panel.page.locator('.input-space-toggle').textContent(), '▾ Decision boundary');
  const { domain } = points;
  // XOR: class 1 where x and y have different signs.
  const sameSigns = [await planePixel(panel, domain, 0.7, 0.7), await planePixel(panel, domain, -0.7, -0.7)];
  const otherSigns = [await planePixel(panel, domain, 0.7, -0.7), await planePixel(panel, domain, -0.7, 0.7)];
  for (const pixel of [...sameSigns, ...otherSigns]) assert.ok(pixel[3] > 128, `a confident cell is mostly opaque: ${pixel.join(',')}`);
  assert.ok(distance(sameSigns[0], sameSigns[1]) < 10, `class 0 corners: ${sameSigns.join(' / ')}`);
  assert.ok(distance(otherSigns[0], otherSigns[1]) < 10, `class 1 corners: ${otherSigns.join(' / ')}`);
  for (const a of sameSigns) for (const b of otherSigns) assert.ok(distance(a, b) > 80, `classes apart: ${a.join(',')} vs ${b.join(',')}`);
  assert.deepEqual(await panel.cspViolations(), []);
  await panel.close();
});

test('decision boundary: trained spirals colour the plane under each arm in one colour per class', async () => {
  const { trainer, model } = await trainerOf(SPIRALS);
  const { panel, points } = await showTrained(model, trainer, () => trainer.evaluate('train')!.accuracy! >= 0.97, 400);
  const colours = await panel.page.$eval('.input-space canvas.input-plane', (node, [inputs, min, max]) => {
    const canvas = node as HTMLCanvasElement;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    const result: number[][] = [];
    for (let k = 0; k < inputs.length / 2; k++) {
      const u = Math.min(canvas.width - 1, Math.floor(((inputs[2 * k] - min[0]) / (max[0] - min[0])) * canvas.width));
      const v = Math.min(canvas.height - 1, Math.floor((1 - (inputs[2 * k + 1] - min[1]) / (max[1] - min[1])) * canvas.height));
      const i = 4 * (v * canvas.width + u);
      result.push([data[i], data[i + 1], data[i + 2]]);
    }
    return result;
  }, [Array.from(points.inputs), points.domain.min, points.domain.max] as const);
  // Each class's most common colour under its training points, and how many of its points share it.
  const modal = [0, 1, 2].map((label) => {
    const counts = new Map<string, number>();
    colours.forEach((rgb, k) => { if (points.targets[k] === label && points.validation[k] === 0) counts.set(rgb.join(','), (counts.get(rgb.join(',')) ?? 0) + 1); });
    return [...counts].sort((a, b) => b[1] - a[1])[0][0].split(',').map(Number);
  });
  for (let a = 0; a < 3; a++) for (let b = a + 1; b < 3; b++) assert.ok(distance(modal[a], modal[b]) > 60, `classes ${a} and ${b} share a colour`);
  let agreeing = 0;
  let training = 0;
  colours.forEach((rgb, k) => {
    if (points.validation[k] === 1) return;
    training++;
    const nearest = modal.map((m) => distance(m, rgb)).reduce((best, d, label, all) => (d < all[best] ? label : best), 0);
    if (nearest === points.targets[k]) agreeing++;
  });
  assert.ok(agreeing / training >= 0.95, `${agreeing} of ${training} training points lie on their class's colour`);
  await screenshot(panel, 'boundary');
  assert.deepEqual(await panel.cspViolations(), []);
  await panel.close();
});

test('regression curve: after training it passes near the sine data', async () => {
  const { trainer, model } = await trainerOf(SINE);
  const { panel } = await showTrained(model, trainer, () => trainer.evaluate('train')!.loss < 0.006, 300);
  assert.equal(await panel.page.locator('.input-space-toggle').textContent(), '▾ Regression curve');
  const caption = (await panel.page.locator('.input-space-caption').textContent())!;
  const numbers = [...caption.replaceAll('−', '-').matchAll(/from (-?[\d.]+) to (-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
  assert.equal(numbers.length, 2, caption);
  const [[xLow, xHigh], [yLow, yHigh]] = numbers;
  // Scan columns for the curve's colour (the theme's foreground) and compare its height with sin x.
  const curve = await panel.page.$eval('.input-space canvas.input-line', (node) => {
    const canvas = node as HTMLCanvasElement;
    const [r, g, b] = getComputedStyle(canvas).color.match(/\d+/g)!.map(Number);
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    const heights: (number | null)[] = [];
    for (let column = 0; column < canvas.width; column++) {
      const rows: number[] = [];
      for (let row = 0; row < canvas.height; row++) {
        const i = 4 * (row * canvas.width + column);
        if (data[i + 3] === 255 && Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 12) rows.push(row);
      }
      heights.push(rows.length > 0 ? (rows.reduce((s, v) => s + v, 0) / rows.length + 0.5) / canvas.height : null);
    }
    return heights;
  });
  let checked = 0;
  curve.forEach((height, column) => {
    const x = xLow + ((column + 0.5) / curve.length) * (xHigh - xLow);
    // Inside the data's range [−π, π], away from its ends, where few samples pin the fit down.
    if (height === null || Math.abs(x) > 2.9) return;
    const y = yHigh - height * (yHigh - yLow);
    assert.ok(Math.abs(y - Math.sin(x)) < 0.15, `at x = ${x.toFixed(2)} the curve is at ${y.toFixed(3)}, sin x = ${Math.sin(x).toFixed(3)}`);
    checked++;
  });
  assert.ok(checked > curve.length / 2, `the curve was found in ${checked} of ${curve.length} columns`);
  assert.deepEqual(await panel.cspViolations(), []);
  await panel.close();
});

test('prediction surface: a trained 2-input regression of x + y grows from one corner to the other', async () => {
  const random = new Random(11);
  const count = 400;
  const inputs = new Float64Array(2 * count).map(() => random.uniformIn(-1, 1));
  const targets = new Float64Array(count).map((_, i) => inputs[2 * i] + inputs[2 * i + 1]);
  const dataset: Dataset = { inputs, targets, count, inputWidth: 2, targetWidth: 1, task: 'regression', featureNames: ['u', 'v'] };
  const validated = validateAgainstData(parseModel(`{ "name": "Plane", "input": 2, "layers": [{ "units": 16, "activation": "tanh" }, { "units": 1, "activation": "linear" }],
    "loss": "mse", "data": { "source": "csv", "path": "plane.csv", "target": "w" }, "training": { "optimizer": "adam", "learningRate": 0.01, "batchSize": 16 } }`), dataset);
  assert.ok(validated.spec, validated.diagnostics.map((d) => d.message).join('; '));
  const trainer = createTrainer(validated.spec, dataset);
  const { panel, points, grid } = await showTrained(modelMessageOf(validated.spec), trainer, () => trainer.evaluate('train')!.loss < 0.005, 300);
  assert.equal(await panel.page.locator('.input-space-toggle').textContent(), '▾ Prediction surface');
  assert.match((await panel.page.locator('.input-space-caption').textContent())!, /^horizontal: u from .* · vertical: v from [^·]*$/);
  // A normalized dataset's axes read in its own units: here as if u = 10 + 2u', v = −5 + 0.5v'.
  await panel.send({ ...points, inputScaling: { shift: [10, -5], scale: [2, 0.5] } }, grid);
  const { min, max } = points.domain;
  const expected = `horizontal: u from ${formatValue(10 + 2 * min[0])} to ${formatValue(10 + 2 * max[0])} · vertical: v from ${formatValue(-5 + 0.5 * min[1])} to ${formatValue(-5 + 0.5 * max[1])} · in data units (the network sees them normalized)`;
  await panel.page.waitForSelector(`.input-space-caption:text-is("${expected}")`);
  // The sequential map runs from dark (low) to light (high): x + y = −1.6, 0, 0, +1.6 at the four probes.
  const luminance = ([r, g, b]: number[]) => 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const low = await planePixel(panel, points.domain, -0.8, -0.8);
  const high = await planePixel(panel, points.domain, 0.8, 0.8);
  const [mixedA, mixedB] = [await planePixel(panel, points.domain, -0.8, 0.8), await planePixel(panel, points.domain, 0.8, -0.8)];
  assert.ok(luminance(high) > luminance(mixedA) + 30 && luminance(mixedA) > luminance(low) + 30, `low ${low}, middle ${mixedA}, high ${high}`);
  assert.ok(distance(mixedA, mixedB) < 40, `x + y = 0 at both: ${mixedA} vs ${mixedB}`);
  assert.deepEqual(await panel.cspViolations(), []);
  await panel.close();
});

test('digits: one image per first-layer unit, 8×8, bounded to the first 64 with a note', async () => {
  const { trainer, model } = await trainerOf(DIGITS);
  assert.deepEqual(model.imageShape, [8, 8]);
  for (let i = 0; i < 3 * trainer.stepsPerEpoch; i++) trainer.step();
  const panel = await openPanel();
  await panel.send(model, ...workerMessages(trainer));
  await panel.page.waitForSelector('.first-layer-grid[data-figure="dW"] canvas');
  assert.equal(await panel.page.locator('.input-space-toggle').textContent(), '▾ First layer as images');
  for (const figure of ['W', 'dW']) {
    // One cell per image pixel (the heatmap's rows × cols), enlarged to 48 px: 6 px a cell.
    const sizes = await panel.page.$$eval(`.first-layer-grid[data-figure="${figure}"] canvas`, (canvases) => canvases.map((c) => {
      const box = c.getBoundingClientRect();
      return [(c as HTMLCanvasElement).dataset.rows, (c as HTMLCanvasElement).dataset.cols, box.width, box.height].join(' ');
    }));
    assert.equal(sizes.length, 64);
    assert.deepEqual([...new Set(sizes)], ['8 8 48 48']);
  }
  assert.equal(await panel.page.locator('.first-layer-images .figure-note').textContent(), 'Showing the first 64 of 96 units.');
  // Unit 1's W image shows W⁽¹⁾ row 1: its most positive pixel is orange, its most negative blue.
  const row = Array.from(trainer.network.layers[0].weights.subarray(0, 64));
  const [high, low] = [row.indexOf(Math.max(...row)), row.indexOf(Math.min(...row))];
  const unit1 = '.first-layer-grid[data-figure="W"] canvas[data-unit="1"]';
  const pixel = (index: number) => canvasPixel(panel.page, unit1, 6 * (index % 8) + 3, 6 * Math.floor(index / 8) + 3);
  const [orange, blue] = [await pixel(high), await pixel(low)];
  assert.ok(orange[0] > orange[2] && blue[2] > blue[0], `positive ${orange.join(',')}, negative ${blue.join(',')}`);
  // Hovering a pixel reads the tensor's own element, W⁽¹⁾[unit, pixel].
  await panel.page.locator(unit1).hover({ position: { x: 6 * (high % 8) + 3, y: 6 * Math.floor(high / 8) + 3 } });
  await panel.page.waitForFunction(() => document.querySelector('.tooltip:not([hidden])') !== null, undefined, { timeout: 2000 });
  assert.equal(await panel.page.locator('.tooltip').textContent(), `unit 1: W⁽¹⁾[0,${high}] = ${formatValue(Math.fround(row[high]))}`);
  await panel.page.mouse.move(1, 1);
  await screenshot(panel, 'first-layer');
  assert.deepEqual(await panel.cspViolations(), []);
  await panel.close();
});

test('other input sizes: the section says why there is no view, and asks the host for nothing', async () => {
  const panel = await openPanel();
  const wine: ModelMessage = { type: 'model', name: 'Wine', input: 13, batchSize: 16, layers: [{ index: 1, units: 3, inputs: 13, activation: 'softmax' }] };
  await panel.send(wine);
  await panel.page.waitForSelector('.input-space[data-state="none"]');
  assert.equal(await panel.page.locator('.input-space-note').textContent(), 'The decision boundary needs 1 or 2 inputs (or image inputs); this model has 13.');
  assert.deepEqual((await panel.posted()).filter((m) => m.type === 'setInputSpace'), []);
  assert.deepEqual(await panel.cspViolations(), []);
  await panel.close();
});

test('asks for the view while it is shown, stops when collapsed, and remembers the choice', async () => {
  const panel = await openPanel();
  const { model } = await trainerOf(XOR);
  await panel.send(model);
  const requests = async () => (await panel.posted()).filter((m) => m.type === 'setInputSpace');
  await panel.page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'setInputSpace'));
  assert.deepEqual(await requests(), [{ type: 'setInputSpace', visible: true }]);
  await panel.page.click('.input-space-toggle');
  assert.deepEqual(await requests(), [{ type: 'setInputSpace', visible: true }, { type: 'setInputSpace', visible: false }]);
  assert.equal(await panel.page.locator('.input-space-body').isHidden(), true);
  assert.equal((await panel.savedState() as { inputSpace: boolean }).inputSpace, false);
  await panel.close();
  // A reload with the section collapsed asks for nothing.
  const reloaded = await openPanel({ state: { inputSpace: false } });
  await reloaded.send(model);
  await reloaded.page.waitForSelector('.input-space-toggle:text("▸")');
  assert.deepEqual((await reloaded.posted()).filter((m) => m.type === 'setInputSpace'), []);
  await reloaded.close();
});
