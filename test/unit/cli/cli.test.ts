// The built CLI (dist/cli.js) as a user runs it: exit codes, located messages, the dump format.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../../..');
const CLI = join(ROOT, 'dist/cli.js');

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** 1-based line and column of the first occurrence of `needle` in a file, found by the test itself. */
function locate(file: string, needle: string, from = 0): string {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const offset = text.indexOf(needle, from);
  assert.ok(offset >= 0, `${needle} not in ${file}`);
  const before = text.slice(0, offset).split('\n');
  return `${file}:${before.length}:${before[before.length - 1].length + 1}`;
}

test('check: a valid sample exits 0 and prints its shapes', () => {
  const { code, stdout } = cli('check', 'samples/spirals.nn.json');
  assert.equal(code, 0);
  assert.match(stdout, /valid/);
  assert.match(stdout, /layer 1: \d+×2 → \d+/);
});

test('check: rule violations exit 1 with file:line:col on the offending token', () => {
  const file = 'test/fixtures/models/broken-rules.nn.json';
  const { code, stderr } = cli('check', file);
  assert.equal(code, 1);
  assert.ok(stderr.includes(`${locate(file, '2.5')}: error:`), stderr);
  assert.ok(stderr.includes(`${locate(file, '"adamw"')}: error:`), stderr);
  assert.ok(stderr.includes(`${locate(file, '"lr"')}: warning:`), stderr);
  assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
});

test('check: a syntax error is located', () => {
  const file = 'test/fixtures/models/broken-syntax.nn.json';
  const { code, stderr } = cli('check', file);
  assert.equal(code, 1);
  const secondLayer = readFileSync(join(ROOT, file), 'utf8').indexOf('{ "units": 1');
  assert.ok(stderr.includes(`${locate(file, '{ "units": 1', secondLayer)}: error:`), stderr);
});

test('check: a bad CSV cell names its row and column, located on the data path', () => {
  const file = 'test/fixtures/models/csv-bad-cell.nn.json';
  const { code, stderr } = cli('check', file);
  assert.equal(code, 1);
  assert.ok(stderr.includes(`${locate(file, '"../data/non-numeric.csv"')}: error:`), stderr);
  assert.match(stderr, /row 3, column 2/);
});

test('check: a missing model file is one clear line, exit 1', () => {
  const { code, stderr } = cli('check', 'no/such/model.nn.json');
  assert.equal(code, 1);
  assert.match(stderr, /cannot read the model file: ENOENT/);
  assert.doesNotMatch(stderr, /\n\s+at /);
});

test('check: a model file over the size limit or not a regular file is refused before it is read', () => {
  const folder = mkdtempSync(join(tmpdir(), 'gl-model-size-'));
  try {
    const large = join(folder, 'large.nn.json');
    // Sparse: 51 MiB on paper, no blocks on disk; reading it whole would take 51 MiB of memory.
    writeFileSync(large, '');
    truncateSync(large, 51 * 1024 * 1024);
    const tooLarge = cli('check', large);
    assert.equal(tooLarge.code, 1);
    assert.match(tooLarge.stderr, /51\.0 MiB; a model file may be at most 50 MiB/);
    const folderAsModel = cli('check', folder);
    assert.equal(folderAsModel.code, 1);
    assert.match(folderAsModel.stderr, /is a directory, not a regular file/);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('usage errors exit 2 with the usage', () => {
  const { code, stderr } = cli('train');
  assert.equal(code, 2);
  assert.match(stderr, /needs a model file/);
  assert.match(stderr, /Usage:/);
});

test('gradcheck: the f64 check of a sample passes and prints every layer', () => {
  const { code, stdout } = cli('gradcheck', 'samples/xor.nn.json', '--precision', 'f64');
  assert.equal(code, 0, stdout);
  assert.match(stdout, /^\s+1\s+W\s+\d+/m);
  assert.match(stdout, /^\s+2\s+b\s+\d+/m);
  assert.match(stdout, /^PASS/m);
});

test('train --json prints one JSON object per epoch and a closing one', () => {
  const { code, stdout } = cli('train', 'samples/xor.nn.json', '--epochs', '3', '--json');
  assert.equal(code, 0);
  const lines = stdout.trim().split('\n').map((line) => JSON.parse(line));
  assert.deepEqual(lines.map((l) => l.type), ['epoch', 'epoch', 'epoch', 'done']);
  assert.deepEqual(lines.slice(0, 3).map((l) => l.epoch), [1, 2, 3]);
  for (const row of lines.slice(0, 3)) {
    assert.equal(row.gradientNorms.length, 2);
    assert.ok(row.trainLoss > 0 && row.validationAccuracy >= 0 && row.validationAccuracy <= 1);
  }
});

interface Tensor { shape: number[]; data: (number | null)[] }
const at = (t: Tensor, r: number, c: number) => t.data[r * t.shape[1] + c] as number;

test('train --dump writes gradient-lens/dump@1 whose numbers satisfy the backprop equations', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gradient-lens-dump-'));
  try {
    const dumpPath = join(dir, 'dump.json');
    const { code } = cli('train', 'samples/spirals.nn.json', '--steps', '3', '--precision', 'f64', '--dump', dumpPath, '--dump-steps', '0,2');
    assert.equal(code, 0);
    const dump = JSON.parse(readFileSync(dumpPath, 'utf8'));
    assert.equal(dump.format, 'gradient-lens/dump@1');
    assert.equal(dump.precision, 'f64');
    assert.equal(dump.model.training.precision, 'f64');
    assert.deepEqual(dump.steps.map((s: { step: number }) => s.step), [0, 2]);
    const first = dump.steps[0];
    const B = first.input.shape[0];
    assert.deepEqual(first.input.shape, [B, dump.model.input]);
    assert.deepEqual(first.target.shape, [B, dump.model.layers.at(-1).units]);
    const layers = first.layers;
    assert.equal(layers.length, dump.model.layers.length);
    const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) <= 1e-10 * (1 + Math.abs(b)), `${what}: ${a} vs ${b}`);
    layers.forEach((layer: Record<string, Tensor> & { index: number; units: number; activation: string }, i: number) => {
      const below: Tensor = i === 0 ? first.input : layers[i - 1].a;
      const [n, m] = layer.W.shape;
      assert.equal(n, layer.units);
      assert.equal(m, below.shape[1]);
      assert.deepEqual(layer.z.shape, [B, n]);
      for (let b = 0; b < B; b++) {
        for (let j = 0; j < n; j++) {
          // z = a⁽ˡ⁻¹⁾ Wᵀ + b
          let z = layer.b.data[j] as number;
          for (let k = 0; k < m; k++) z += at(below, b, k) * at(layer.W, j, k);
          close(at(layer.z, b, j), z, `z⁽${i + 1}⁾[${b},${j}]`);
        }
      }
      for (let j = 0; j < n; j++) {
        // ∂L/∂W = Δᵀ A⁽ˡ⁻¹⁾ and ∂L/∂b = 𝟙ᵀ Δ
        for (let k = 0; k < m; k++) {
          let g = 0;
          for (let b = 0; b < B; b++) g += at(layer.delta, b, j) * at(below, b, k);
          close(at(layer.dW, j, k), g, `dW⁽${i + 1}⁾[${j},${k}]`);
        }
        let s = 0;
        for (let b = 0; b < B; b++) s += at(layer.delta, b, j);
        close(layer.db.data[j] as number, s, `db⁽${i + 1}⁾[${j}]`);
      }
    });
    // Hidden layers (tanh here, f′ = 1 − a²): Δ⁽ˡ⁾ = f′(Z⁽ˡ⁾) ⊙ (Δ⁽ˡ⁺¹⁾ W⁽ˡ⁺¹⁾), and a = tanh(z).
    for (let i = 0; i < layers.length - 1; i++) {
      const [layer, above] = [layers[i], layers[i + 1]];
      assert.equal(layer.activation, 'tanh');
      for (let b = 0; b < B; b++) {
        for (let j = 0; j < layer.units; j++) {
          close(at(layer.a, b, j), Math.tanh(at(layer.z, b, j)), `a⁽${i + 1}⁾`);
          let back = 0;
          for (let k = 0; k < above.units; k++) back += at(above.delta, b, k) * at(above.W, k, j);
          close(at(layer.delta, b, j), (1 - at(layer.a, b, j) ** 2) * back, `Δ⁽${i + 1}⁾[${b},${j}]`);
        }
      }
    }
    // Output Δ of softmax + mean cross-entropy with one-hot targets: (O − T)/B.
    const out = layers.at(-1);
    for (let b = 0; b < B; b++) for (let j = 0; j < out.units; j++) close(at(out.delta, b, j), (at(out.a, b, j) - at(first.target, b, j)) / B, 'Δ⁽ᴸ⁾');
    // Step 2 used weights updated twice since step 0.
    assert.notDeepEqual(dump.steps[1].layers[0].W.data, layers[0].W.data);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
