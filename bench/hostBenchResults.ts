// What passes between the host bench's launcher (bench/hostBench.ts) and its suite inside the
// extension host (bench/hostBenchSuite.ts): the environment the launcher sets, and the results
// file the suite writes. No vscode here: the launcher runs outside the extension host.
import type { ProfileSummary } from './hostProfile';

/** What the launcher passes through the environment of code-server (which the extension host inherits). */
export const HOST_BENCH_ENV = {
  results: 'GRADIENT_LENS_BENCH_RESULTS',
  models: 'GRADIENT_LENS_BENCH_MODELS',
  seconds: 'GRADIENT_LENS_BENCH_SECONDS',
  profile: 'GRADIENT_LENS_BENCH_PROFILE',
} as const;

export interface HostWindow {
  readonly model: string;
  readonly panel: boolean;
  /** Wall clock (Date.now()) at the window's ends: the launcher counts the webview's draws between them. */
  readonly startedAt: number;
  readonly endedAt: number;
  readonly steps: number;
  readonly snapshotsReceived: number;
  readonly snapshotsPosted: number;
  /** Event-loop delay of the extension host over the window, ms. */
  readonly delay: { readonly p50: number; readonly p99: number; readonly max: number; readonly mean: number };
  /** The quantities and layers the panel (or the settings, without a panel) asked the worker to stream. */
  readonly streamed: string;
  /** Where the extension host's main thread spent the window, when profiled. */
  readonly profile?: ProfileSummary;
}

export interface HostBenchResults {
  readonly node: string;
  readonly windows: readonly HostWindow[];
  readonly error?: string;
}

/** Warm-up before each window: the worker's and the webview's code gets compiled, the charts fill. */
export const WARM_UP_MS = 3_000;
