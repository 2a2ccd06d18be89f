// The panel under load in headless Chromium: the shapes of a 784-256-128-10 net (batch 64),
// every card expanded and every quantity shown, synthetic snapshots fed at ≥ 30/s with the real ack
// back-pressure. Measures snapshots drawn per second, frames per second, the time from a
// snapshot's arrival to the end of the frame that drew it, and the page's memory after a warm-up
// and at the end: the JS heap plus the ArrayBuffer backing stores, where every snapshot tensor lives.
// With `--worker`, this process also trains that net in the real training worker (dist/worker.js), every
// quantity streamed at 30/s to a host that acknowledges and recycles like the extension host, and
// the resident memory of this process (host and worker thread, as in the extension host) is
// reported at the same two points. `npm run bench:webview` (60 s), or `node out/bench/webview.js --minutes 10` for the soak.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolve } from 'node:path';
import { LIMITS } from '../src/core/limits';
import { launchChromium } from '../test/support/chromium';
import { installBenchHost, writeBenchHtml, type BenchGlobals } from './webviewSupport/benchPage';
import { startFeeder } from './webviewSupport/feeder';
import { selfTime, type CpuProfile } from './hostProfile';
import { BenchWorker, FULL_STREAM } from './workerBench';
import { sharedData, WORKLOADS } from './workloads';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

const durationMs = option('minutes', 1) * 60_000;
/** `--profile`: also print the page's hottest functions (CDP CPU profile of the measured span). */
const profile = process.argv.includes('--profile');
const rate = option('rate', 40);
const withWorker = process.argv.includes('--worker');
/** The heap baseline: after minute 1 of a soak; a short run takes it after its first third. */
const checkpointMs = Math.min(60_000, durationMs / 3);
/** Excluded from the rates: page load, first layout, JIT warm-up. */
const warmUpMs = 3_000;

const median = (values: readonly number[]) => quantile(values, 0.5);
function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'gradient-lens-bench-'));
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1600, height: 2400 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.addInitScript(installBenchHost);
    await page.goto(writeBenchHtml(dir));
    const cdp = await context.newCDPSession(page);
    /** JS heap and ArrayBuffer backing stores (the heap alone would not show a leak of snapshot tensors). */
    const heapMb = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      const usage = await cdp.send('Runtime.getHeapUsage') as { usedSize: number; backingStorageSize?: number };
      if (usage.backingStorageSize === undefined) throw new Error('this Chromium does not report ArrayBuffer backing stores (Runtime.getHeapUsage)');
      return { heap: usage.usedSize / 2 ** 20, buffers: usage.backingStorageSize / 2 ** 20 };
    };
    const counters = () => page.evaluate(() => {
      const w = globalThis as unknown as BenchGlobals;
      return {
        drawn: Number(w.document.body.dataset.drawnFrames ?? 0), frames: w.__benchFrames, sent: w.__benchFeeder.sent, skipped: w.__benchFeeder.skipped,
        chartRenders: w.__gradientLens.chartRenders(),
      };
    });
    const latencies: number[] = [];
    const drawDurations: number[] = [];
    const drain = async () => {
      const timings = await page.evaluate(() => (globalThis as unknown as BenchGlobals).__gradientLens.drainTimings());
      latencies.push(...timings.latencies);
      drawDurations.push(...timings.drawDurations);
    };

    console.log(`webview bench: W1 784-256-128-10, batch 64, all quantities, ${rate} snapshots/s offered, ${durationMs / 1000} s` +
      (withWorker ? '; W1 training in the real worker beside it' : ''));
    const worker = withWorker ? await BenchWorker.start(resolve(__dirname, '../../dist/worker.js'), sharedData(WORKLOADS[0]), FULL_STREAM, true) : undefined;
    worker?.client.post({ type: 'resume' });
    const residentMb = () => process.memoryUsage().rss / 2 ** 20;
    let residentAtCheckpoint: number | undefined;
    await page.evaluate(startFeeder, { rate, maxInFlight: LIMITS.maxUnacknowledgedSnapshots });
    await sleep(warmUpMs);
    await drain();
    latencies.length = 0;
    drawDurations.length = 0;
    if (profile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    const start = { ...(await counters()), at: Date.now() };
    let heapAtCheckpoint: { heap: number; buffers: number } | undefined;
    while (Date.now() - start.at < durationMs - warmUpMs) {
      await sleep(Math.min(5_000, durationMs - warmUpMs - (Date.now() - start.at)));
      await drain();
      if (heapAtCheckpoint === undefined && Date.now() - start.at + warmUpMs >= checkpointMs) {
        heapAtCheckpoint = await heapMb();
        residentAtCheckpoint = residentMb();
      }
    }
    const end = { ...(await counters()), at: Date.now() };
    if (profile) printHottest((await cdp.send('Profiler.stop')).profile);
    await page.evaluate(() => (globalThis as unknown as BenchGlobals).__benchFeeder.stop());
    await drain();
    const heapAtEnd = await heapMb();
    const residentAtEnd = residentMb();
    const workerSnapshots = worker?.snapshots ?? 0;
    await worker?.dispose();
    if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);

    const seconds = (end.at - start.at) / 1000;
    const drawnPerSecond = (end.drawn - start.drawn) / seconds;
    const fps = (end.frames - start.frames) / seconds;
    const sentPerSecond = (end.sent - start.sent) / seconds;
    const medianLatency = median(latencies);
    // Charts are paced (webview/chartPacer.ts): the slowest one must still update live.
    const chartRates = Object.entries(end.chartRenders).map(([name, count]) => [name, (count - (start.chartRenders[name] ?? 0)) / seconds] as const);
    const [slowestChart, slowestRate] = chartRates.reduce((slowest, rate) => (rate[1] < slowest[1] ? rate : slowest));
    const total = (memory: { heap: number; buffers: number }) => memory.heap + memory.buffers;
    const baseline = heapAtCheckpoint ?? heapAtEnd;
    const heapGrowth = (total(heapAtEnd) - total(baseline)) / total(baseline);
    const memory = (m: { heap: number; buffers: number } | undefined) => (m ? `${total(m).toFixed(1)}` : 'NaN');
    const parts = (m: { heap: number; buffers: number } | undefined) => (m ? `JS heap ${m.heap.toFixed(1)} + ArrayBuffers ${m.buffers.toFixed(1)}` : '');
    const rows: [string, string, string, boolean][] = [
      ['snapshots sent /s', sentPerSecond.toFixed(1), `(skipped ${end.skipped - start.skipped} ticks at ${LIMITS.maxUnacknowledgedSnapshots} in flight)`, true],
      ['snapshots drawn /s', drawnPerSecond.toFixed(1), '≥ 30', drawnPerSecond >= 30],
      ['frames /s', fps.toFixed(1), '≥ 30', fps >= 30],
      ['arrival → drawn, median ms', medianLatency.toFixed(1), '< 33', medianLatency < 33],
      [`slowest chart renders /s`, slowestRate.toFixed(1), `≥ 5 (${slowestChart}; all ${chartRates.length}: ${chartRates.map(([, rate]) => rate.toFixed(1)).join(' ')})`, slowestRate >= 5],
      ['arrival → drawn, p95 ms', quantile(latencies, 0.95).toFixed(1), '(info)', true],
      ['drawing itself, median ms', median(drawDurations).toFixed(1), '(info: the frame\'s synchronous work)', true],
      [`memory at ${(checkpointMs / 1000).toFixed(0)} s, MB`, memory(heapAtCheckpoint), `(baseline: ${parts(heapAtCheckpoint)})`, true],
      [`memory at ${(durationMs / 1000).toFixed(0)} s, MB`, memory(heapAtEnd), `≤ baseline + 20%: ${parts(heapAtEnd)}`, heapGrowth <= 0.2],
    ];
    if (worker) {
      rows.push(
        [`host+worker RSS at ${(checkpointMs / 1000).toFixed(0)} s, MB`, (residentAtCheckpoint ?? Number.NaN).toFixed(1), `(baseline; ${(workerSnapshots / seconds).toFixed(1)} worker snapshots/s)`, true],
        [`host+worker RSS at ${(durationMs / 1000).toFixed(0)} s, MB`, residentAtEnd.toFixed(1), '≤ baseline + 20%', residentAtEnd <= 1.2 * (residentAtCheckpoint ?? residentAtEnd)],
      );
    }
    console.log('');
    console.log(`machine: ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} (other processes compete for them)`);
    console.log(`${'measure'.padEnd(30)}${'value'.padStart(10)}   ${'target'.padEnd(60)}result`);
    for (const [name, value, target, pass] of rows) {
      console.log(`${name.padEnd(30)}${value.padStart(10)}   ${target.padEnd(60)}${target.startsWith('(') ? '' : pass ? 'PASS' : 'MISS'}`);
    }
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Self time per function, from the profile's samples, top 15. */
function printHottest(cpu: CpuProfile): void {
  console.log('hottest functions (self time):');
  for (const { name, percent } of selfTime(cpu).slice(0, 15)) console.log(`  ${percent.toFixed(1).padStart(5)}%  ${name}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
