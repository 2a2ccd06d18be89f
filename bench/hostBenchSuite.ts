// Runs inside the real extension host: code-server loads this module as the extension-tests entry
// point, as it does the integration suite, so what it measures is the process the extension
// runs in (development build only: a packaged extension has no tests entry). For each model it
// trains at full pace with the panel open and streaming, then with the panel closed, and records
// per window this process's event-loop delay, the snapshots the host received and posted to the
// webview, and the steps trained. bench/hostBench.ts reads the results file and adds the snapshots
// the webview drew in the same windows.
import { writeFileSync, renameSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import * as vscode from 'vscode';
import type { GradientLensApi } from '../src/extension/session/api';
import { api, LONG, panelTab, waitFor } from '../test/integration/suite/fixture';
import { HOST_BENCH_ENV, WARM_UP_MS, type HostBenchResults, type HostWindow } from './hostBenchResults';
import { profileThread } from './hostProfile';

export async function run(): Promise<void> {
  const resultsPath = process.env[HOST_BENCH_ENV.results];
  if (!resultsPath) throw new Error(`${HOST_BENCH_ENV.results} is not set: run the bench through bench/hostBench.ts`);
  const seconds = Number(process.env[HOST_BENCH_ENV.seconds] ?? 15);
  const profile = process.env[HOST_BENCH_ENV.profile] === '1';
  const windows: HostWindow[] = [];
  let error: string | undefined;
  try {
    const lens = await api();
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) throw new Error('the bench window has no workspace folder');
    for (const model of (process.env[HOST_BENCH_ENV.models] ?? '').split(',').filter(Boolean)) {
      windows.push(...await measureModel(lens, vscode.Uri.joinPath(folder.uri, model), seconds, profile));
    }
  } catch (caught) {
    error = caught instanceof Error ? caught.stack ?? caught.message : String(caught);
  }
  const results: HostBenchResults = { node: process.version, windows, ...(error ? { error } : {}) };
  // Write then rename: the launcher waits for the file to appear and must never read half of it.
  writeFileSync(`${resultsPath}.partial`, JSON.stringify(results, null, 2));
  renameSync(`${resultsPath}.partial`, resultsPath);
}

/** One model: a window with the panel open and streaming, then one with the panel closed. */
async function measureModel(lens: GradientLensApi, uri: vscode.Uri, seconds: number, profile: boolean): Promise<HostWindow[]> {
  const model = uri.path.split('/').pop() ?? uri.path;
  await vscode.window.showTextDocument(uri, { preview: false });
  // Train opens the panel, waits for its webview and starts the run.
  await vscode.commands.executeCommand('gradientLens.train', uri);
  await waitFor('the run to train', () => lens.sessionState(uri) === 'training', LONG);
  await waitFor('the panel to be sent snapshots', () => (lens.panelStats(uri)?.posted.snapshot ?? 0) > 0, LONG);
  await sleep(WARM_UP_MS);
  await vscode.commands.executeCommand('gradientLens.pause', uri);
  const withPanel = await measureWindow(lens, uri, model, seconds, profile);

  // Closed while paused (a closed panel would pause the run by default), then trained without it.
  const tab = panelTab();
  if (!tab) throw new Error(`${model}: no panel tab to close`);
  await vscode.window.tabGroups.close(tab);
  await waitFor('the panel to close', () => lens.panelStats(uri) === undefined, LONG);
  await vscode.commands.executeCommand('gradientLens.resume', uri);
  await sleep(WARM_UP_MS);
  await vscode.commands.executeCommand('gradientLens.pause', uri);
  const withoutPanel = await measureWindow(lens, uri, model, seconds, profile);

  await vscode.commands.executeCommand('gradientLens.stop', uri);
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await waitFor('the worker to end', () => lens.liveWorkerCount() === 0, LONG);
  return [withPanel, withoutPanel];
}

/**
 * Resumes the paused run, measures for `seconds` and pauses it again. The window's steps come from
 * the worker's own step count, which the host learns at each state change (Resume and Pause resolve
 * once the worker reports them); snapshots would not do, since a slow panel holds them back.
 */
async function measureWindow(lens: GradientLensApi, uri: vscode.Uri, model: string, seconds: number, profile: boolean): Promise<HostWindow> {
  const step = () => lens.liveRun(uri)?.step ?? 0;
  const posted = () => lens.panelStats(uri)?.posted.snapshot ?? 0;
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  await vscode.commands.executeCommand('gradientLens.resume', uri);
  const at0 = { step: step(), received: lens.snapshotCount(uri) ?? 0, posted: posted() };
  const startedAt = Date.now();
  histogram.enable();
  const summary = profile ? await profileThread(seconds * 1000) : (await sleep(seconds * 1000), undefined);
  await vscode.commands.executeCommand('gradientLens.pause', uri);
  histogram.disable();
  const endedAt = Date.now();
  if (lens.sessionState(uri) !== 'paused') throw new Error(`${model}: the run is ${lens.sessionState(uri)} after Pause`);
  const stream = lens.streamSettings(uri);
  const ms = (ns: number) => ns / 1e6;
  return {
    model,
    panel: lens.panelStats(uri) !== undefined,
    startedAt,
    endedAt,
    steps: step() - at0.step,
    snapshotsReceived: (lens.snapshotCount(uri) ?? 0) - at0.received,
    snapshotsPosted: posted() - at0.posted,
    delay: { p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max), mean: ms(histogram.mean) },
    streamed: stream ? `${stream.quantities.join(' ') || 'statistics only'}; layers ${stream.layers === 'all' ? 'all' : stream.layers.join(' ')}` : 'none',
    ...(summary ? { profile: summary } : {}),
  };
}
