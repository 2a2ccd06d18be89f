// `npm run bench:host`: streaming measured where the work happens, in the real extension host.
// Starts code-server with this checkout's development build and headless Chromium, opens a
// workspace with the W1 and W3 bench models (generated model files and their random CSVs), and
// lets bench/hostBenchSuite.ts, loaded inside the extension host, train each at full pace with
// the panel open and then closed. Prints per window the host's event-loop delay, snapshots the
// host received and posted, snapshots the webview drew (with the median time from a snapshot's
// arrival in the webview to its drawing, and of the drawing itself), and training steps/s.
//
//   npm run bench:host                         both models, 15 s windows
//   node out/bench/hostBench.js --seconds 5    shorter windows (after a build)
//   node out/bench/hostBench.js --only=W3      one model
//   node out/bench/hostBench.js --profile      also where the host's main thread spends each window
//                                              (the profiler's own cost shows in that run's delays)
import { existsSync, mkdtempSync, readFileSync, rmSync, watch } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../test/support/chromium';
import { ensureCodeServer, REPO_ROOT, startCodeServer, workbenchUrl, type RunningCodeServer } from '../test/support/codeServer';
import { HOST_BENCH_ENV, WARM_UP_MS, type HostBenchResults, type HostWindow } from './hostBenchResults';
import { modelPath, writeHostWorkspace } from './hostWorkspace';
import { median, renderTable } from './stats';
import { WORKLOADS } from './workloads';

const SUITE = resolve(__dirname, 'hostBenchSuite.js');
const EVENT_LOOP_P99_TARGET_MS = 5;

const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',') ?? ['W1', 'W3'];
const MODELS = WORKLOADS.filter((w) => only.includes(w.id));
if (MODELS.length === 0) throw new Error(`--only names no workload of ${WORKLOADS.map((w) => w.id).join(' ')}`);
const secondsIndex = args.indexOf('--seconds');
const seconds = secondsIndex >= 0 ? Number(args[secondsIndex + 1]) : 15;
if (!(seconds > 0)) throw new Error('--seconds must be a positive number');
const profile = args.includes('--profile');
/** Start-up (code-server, the workbench, the extension) plus per model two windows and their warm-ups, with room for a loaded machine. */
const TIMEOUT_MS = 180_000 + MODELS.length * 2 * (seconds + 10) * 1000;

/** A snapshot the webview drew: when, how long after it arrived, and how long its drawing took (ms). */
interface Draw {
  readonly at: number;
  readonly latency: number;
  readonly duration: number;
}

/**
 * Runs in every frame before its scripts: turns on the panel's test hooks (its draw timings) and
 * reports each snapshot the panel draws, with the time. The panel draws in animation frames and
 * counts its draws in the body's data-drawn-frames; the webview writes the panel's document after
 * this script ran (replacing the document, keeping the window), so the check rides on the window's
 * requestAnimationFrame: after each frame's callback, a changed count is reported with the timings
 * the panel recorded for it.
 */
function observeDraws(): void {
  const page = globalThis as unknown as {
    __gradientLensTestHooks: boolean;
    __gradientLens?: { drainTimings(): { latencies: number[]; drawDurations: number[] } };
    __hostBenchDrawn?: (at: number, latencies: number[], durations: number[]) => void;
    requestAnimationFrame(callback: (time: number) => void): number;
    document: { body?: { dataset: Record<string, string | undefined> } };
  };
  page.__gradientLensTestHooks = true;
  const request = page.requestAnimationFrame.bind(page);
  let counted = 0;
  page.requestAnimationFrame = (callback) => request((time) => {
    callback(time);
    const drawn = Number(page.document.body?.dataset.drawnFrames ?? 0);
    if (drawn > counted) {
      const timings = page.__gradientLens?.drainTimings() ?? { latencies: [], drawDurations: [] };
      void page.__hostBenchDrawn?.(Date.now(), timings.latencies, timings.drawDurations);
    }
    counted = drawn;
  });
}

/** Resolves with the file's text once it exists (the suite writes it under another name and renames it). */
function whenWritten(path: string, timeoutMs: number): Promise<string> {
  return new Promise((done, fail) => {
    const finish = () => {
      if (!existsSync(path)) return;
      clearTimeout(timer);
      watcher.close();
      done(readFileSync(path, 'utf8'));
    };
    const watcher = watch(dirname(path), finish);
    const timer = setTimeout(() => {
      watcher.close();
      fail(new Error(`no results from the extension host within ${timeoutMs / 1000} s (see the browser errors above)`));
    }, timeoutMs);
    finish();
  });
}

async function main(): Promise<void> {
  if (!existsSync(SUITE) || !existsSync(join(REPO_ROOT, 'dist', 'extension.js'))) throw new Error('run `node esbuild.mjs` first (npm run bench:host does)');
  const binary = ensureCodeServer();
  const scratch = mkdtempSync(join(tmpdir(), 'gradient-lens-bench-host-'));
  const workspace = join(scratch, 'workspace');
  const resultsPath = join(scratch, 'results.json');
  writeHostWorkspace(workspace, MODELS);
  const loadBefore = loadavg();
  let server: RunningCodeServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await startCodeServer({
      binary, workspace,
      env: { [HOST_BENCH_ENV.results]: resultsPath, [HOST_BENCH_ENV.models]: MODELS.map(modelPath).join(','), [HOST_BENCH_ENV.seconds]: String(seconds), ...(profile ? { [HOST_BENCH_ENV.profile]: '1' } : {}) },
      settings: { 'gradientLens.pace': 'full', 'gradientLens.snapshotRate': 30 },
    });
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    page.on('pageerror', (error) => console.error(`[browser pageerror] ${error.message}`));
    const draws: Draw[] = [];
    await page.exposeFunction('__hostBenchDrawn', (at: number, latencies: number[], durations: number[]) => {
      latencies.forEach((latency, i) => draws.push({ at, latency, duration: durations[i] }));
    });
    await page.addInitScript(observeDraws);
    console.error(`bench:host: ${MODELS.map((w) => w.id).join(', ')}, ${seconds} s per window${profile ? ', profiling' : ''}; load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')}`);
    await page.goto(workbenchUrl(server, workspace, { extensionDevelopmentPath: REPO_ROOT, extensionTestsPath: SUITE }));
    const results = JSON.parse(await whenWritten(resultsPath, TIMEOUT_MS)) as HostBenchResults;
    if (results.error) throw new Error(`the bench suite failed in the extension host: ${results.error}`);
    print(results, draws, loadBefore);
  } catch (error) {
    if (server) console.error(`--- code-server output ---\n${server.log()}`);
    throw error;
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

function print(results: HostBenchResults, draws: readonly Draw[], loadBefore: readonly number[]): void {
  const perSecond = (count: number, window: HostWindow) => (count / ((window.endedAt - window.startedAt) / 1000)).toFixed(1);
  const drawnIn = (window: HostWindow) => draws.filter((draw) => draw.at >= window.startedAt && draw.at <= window.endedAt);
  const stepsPerSecond = (window: HostWindow) => window.steps / ((window.endedAt - window.startedAt) / 1000);
  const rows = results.windows.map((w) => [
    w.model, w.panel ? 'open' : 'closed',
    w.delay.p50.toFixed(2), w.delay.p99.toFixed(2), w.delay.max.toFixed(1),
    perSecond(w.snapshotsReceived, w), w.panel ? perSecond(w.snapshotsPosted, w) : '–', w.panel ? perSecond(drawnIn(w).length, w) : '–',
    w.panel ? median(drawnIn(w).map((d) => d.latency)).toFixed(0) : '–', w.panel ? median(drawnIn(w).map((d) => d.duration)).toFixed(0) : '–',
    stepsPerSecond(w).toFixed(1),
    w.panel ? `${w.delay.p99 <= EVENT_LOOP_P99_TARGET_MS ? 'PASS' : 'MISS'}` : '',
  ]);
  console.log('');
  console.log(`Extension host (code-server, Node ${results.node}, development build), pace full, 30 snapshots/s; ${seconds} s windows, each after ${WARM_UP_MS / 1000} s of warm-up`);
  console.log(`machine: ${cpus().length} CPUs, load average before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${loadavg().map((l) => l.toFixed(2)).join(' ')} (other processes compete for them)`);
  console.log(renderTable(['model', 'panel', 'delay p50 ms', 'p99 ms', 'max ms', 'received/s', 'posted/s', 'drawn/s', 'arrival→drawn ms', 'drawing ms', 'steps/s', `p99 ≤ ${EVENT_LOOP_P99_TARGET_MS} ms`], rows));
  for (const model of new Set(results.windows.map((w) => w.model))) {
    const [open, closed] = [true, false].map((panel) => results.windows.find((w) => w.model === model && w.panel === panel));
    if (open && closed) console.log(`${model}: steps/s with the panel ÷ without ${(stepsPerSecond(open) / stepsPerSecond(closed)).toFixed(3)}; streamed with the panel: ${open.streamed}`);
  }
  for (const window of results.windows) {
    if (!window.profile) continue;
    console.log(`${window.model}, panel ${window.panel ? 'open' : 'closed'}: the extension host's main thread (the profiler's own cost is in this run's delays)`);
    console.log(renderTable(['self time', '%', 'with callees', '%'], window.profile.self.map((hot, i) => {
      const inclusive = window.profile!.inclusive[i];
      return [hot.name, hot.percent.toFixed(1), inclusive?.name ?? '', inclusive?.percent.toFixed(1) ?? ''];
    })));
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
