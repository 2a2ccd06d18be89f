// `npm run bench:data`: the figures README gives for data, each printed here.
//   1. Loading a 1 000 000-row CSV (LIMITS.maxSamples rows) the way the extension and the CLI do
//      (streamed 1 MiB at a time): seconds and the loading process's peak resident memory. Each
//      load runs in a fresh child process, so the peak is that load's alone.
//   2. One decision-boundary grid (64 × 64 forward rows) of the spirals sample, as the worker
//      computes it while training, in ms and in training steps of the same run.
//   npm run bench:data                 both
//   node out/bench/data.js --rows 100000   a smaller CSV (a smoke run)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { folderReader } from '../src/cli/files';
import { loadDataset } from '../src/data/load';
import { createTrainer } from '../src/engine';
import { createKernels } from '../src/engine/kernels/select';
import { resolveModel } from '../src/model';
import type { CsvDataSpec } from '../src/core/spec';
import { LIMITS } from '../src/core/limits';
import { Random } from '../src/core/random';
import { InputSpaceStream } from '../src/worker/inputSpaceStream';
import { median } from './stats';

const CSV_ROUNDS = 3;
const GRID_ROUNDS = 40;
const STEPS_BETWEEN_GRIDS = 50;
const FEATURES = 4;
const CLASSES = 3;

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  return value;
}

/** `rows` rows of FEATURES seeded normal features (3 decimals) and a class label. */
function writeCsv(path: string, rows: number): void {
  const random = new Random(1);
  const lines = [`${Array.from({ length: FEATURES }, (_, i) => `x${i + 1}`).join(',')},label`];
  for (let r = 0; r < rows; r++) {
    lines.push(`${Array.from({ length: FEATURES }, () => random.normal().toFixed(3)).join(',')},c${random.int(CLASSES)}`);
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

/** Child mode: load the CSV once and print seconds and peak RSS as JSON. */
async function loadOnce(path: string): Promise<void> {
  const started = performance.now();
  const spec: CsvDataSpec = { source: 'csv', path, target: 'label', normalize: 'standard' };
  const dataset = await loadDataset(spec, 'cross_entropy', folderReader(tmpdir()));
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`${JSON.stringify({ rows: dataset.count, seconds, peakMb: (process.resourceUsage().maxRSS * 1024) / 2 ** 20 })}\n`);
}

function measureCsv(rows: number): void {
  const dir = mkdtempSync(join(tmpdir(), 'gradient-lens-bench-data-'));
  try {
    const path = join(dir, 'rows.csv');
    writeCsv(path, rows);
    const megabytes = statSync(path).size / 1e6;
    const runs = [];
    for (let round = 0; round < CSV_ROUNDS; round++) {
      const child = spawnSync(process.execPath, [__filename, '--load', path], { encoding: 'utf8', timeout: 600_000 });
      if (child.status !== 0) throw new Error(`loading ${path} failed: ${child.stderr}`);
      runs.push(JSON.parse(child.stdout) as { rows: number; seconds: number; peakMb: number });
    }
    const loaded = runs[0].rows;
    if (loaded !== rows) throw new Error(`loaded ${loaded} rows of ${rows}`);
    console.log(`CSV load, ${rows.toLocaleString('en-US')} rows × ${FEATURES} features + label (${megabytes.toFixed(1)} MB), streamed, ${CSV_ROUNDS} fresh processes:`);
    console.log(`  ${median(runs.map((r) => r.seconds)).toFixed(2)} s (all: ${runs.map((r) => r.seconds.toFixed(2)).join(', ')}), ` +
      `peak resident memory ${median(runs.map((r) => r.peakMb)).toFixed(0)} MB (all: ${runs.map((r) => r.peakMb.toFixed(0)).join(', ')}) — the Node process included`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measureGrid(): Promise<void> {
  const samples = resolve(__dirname, '../../samples');
  const resolved = await resolveModel(readFileSync(join(samples, 'spirals.nn.json'), 'utf8'), folderReader(samples));
  if (!resolved.spec || !resolved.dataset) throw new Error('samples/spirals.nn.json did not resolve');
  const trainer = createTrainer(resolved.spec, resolved.dataset, { kernels: createKernels(resolved.spec.training.precision) });
  const stream = new InputSpaceStream(trainer);
  stream.setEnabled(true);
  const gridMs: number[] = [];
  const stepMs: number[] = [];
  for (let round = 0; round < GRID_ROUNDS; round++) {
    const t0 = performance.now();
    for (let s = 0; s < STEPS_BETWEEN_GRIDS; s++) trainer.step();
    stepMs.push((performance.now() - t0) / STEPS_BETWEEN_GRIDS);
    const t1 = performance.now();
    stream.next(true);
    gridMs.push(performance.now() - t1);
  }
  const sorted = [...gridMs].sort((a, b) => a - b);
  const grid = median(gridMs);
  console.log(`Decision-boundary grid, spirals sample (64 × 64 cells), ${GRID_ROUNDS} grids ${STEPS_BETWEEN_GRIDS} steps apart while training:`);
  console.log(`  ${grid.toFixed(1)} ms median (range ${sorted[0].toFixed(1)}–${sorted[sorted.length - 1].toFixed(1)} ms), ` +
    `the time of ${Math.round(grid / median(stepMs))} training steps (${median(stepMs).toFixed(3)} ms each)`);
}

async function main(): Promise<void> {
  const load = process.argv.indexOf('--load');
  if (load >= 0) return loadOnce(process.argv[load + 1]);
  console.log(`bench:data on ${cpus().length}× ${cpus()[0]?.model ?? 'unknown CPU'}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  measureCsv(option('rows', LIMITS.maxSamples));
  await measureGrid();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
