// Starts code-server (the open-source VS Code server: real workbench, real Node extension host)
// for one test run, bound to loopback, with throwaway user-data and extensions folders, and makes
// sure it dies with the test process. scripts/ensure-code-server.sh installs it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from './repoRoot';

export { REPO_ROOT };

export interface CodeServerOptions {
  /** Absolute path of the code-server binary (see {@link ensureCodeServer}). */
  binary: string;
  /** Folder the workbench opens. */
  workspace: string;
  /** Extra environment for the server; the extension host it spawns inherits it. */
  env?: Record<string, string>;
  /** Extensions folder to use instead of a fresh empty one (e.g. one with a .vsix installed); not deleted on stop. */
  extensionsDir?: string;
  /** User settings, over {@link TEST_SETTINGS}. */
  settings?: Record<string, unknown>;
  /**
   * `disabled` (the default): workspace trust is off and every folder is trusted, as most tests
   * want. `untrusted`: trust is on and the opened folder is not trusted, so it opens in restricted
   * mode without a prompt (what a user who declines to trust a cloned repository gets).
   */
  workspaceTrust?: 'disabled' | 'untrusted';
  /** How long to wait for the server to answer HTTP, in milliseconds. */
  startTimeoutMs?: number;
}

export interface RunningCodeServer {
  /** Base URL, e.g. `http://127.0.0.1:34741/`. */
  url: string;
  port: number;
  /** Everything the server printed so far (for failure messages). */
  log(): string;
  /** Kills the server's whole process group (server, extension hosts, pty host) and removes its temp folders. */
  stop(): Promise<void>;
}

/** Where a development extension and its tests come from; paths are absolute on this machine. */
export interface ExtensionPayload {
  extensionDevelopmentPath?: string;
  extensionTestsPath?: string;
}

/**
 * Runs scripts/ensure-code-server.sh (installs on first use, ~2 minutes) and returns the binary path,
 * which the script prints as its last stdout line. Throws with the script's output when it fails.
 */
export function ensureCodeServer(): string {
  const script = join(REPO_ROOT, 'scripts', 'ensure-code-server.sh');
  const result = spawnSync('bash', [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 15 * 60_000 });
  const lines = (result.stdout ?? '').trim().split('\n');
  if (result.status !== 0 || lines.length === 0 || !lines[lines.length - 1]) {
    throw new Error(`${script} failed (exit ${result.status ?? result.signal}); see its messages above`);
  }
  return lines[lines.length - 1];
}

/**
 * The workbench URL that opens `folder` (undefined: an empty window, no folder) and, through the
 * `payload` parameter, loads a development extension and/or an extension test runner — what
 * `--extensionDevelopmentPath` does on the desktop.
 */
export function workbenchUrl(server: Pick<RunningCodeServer, 'url' | 'port'>, folder: string | undefined, payload: ExtensionPayload = {}): string {
  const remote = (path: string) => `vscode-remote://127.0.0.1:${server.port}${resolve(path)}`;
  const entries: [string, string][] = [];
  if (payload.extensionDevelopmentPath) entries.push(['extensionDevelopmentPath', remote(payload.extensionDevelopmentPath)]);
  if (payload.extensionTestsPath) entries.push(['extensionTestsPath', remote(payload.extensionTestsPath)]);
  // `ew` is code-server's "the folder was closed": without it a URL with no folder reopens the last one or the command line's.
  const query = new URLSearchParams(folder === undefined ? { ew: 'true' } : { folder: resolve(folder) });
  if (entries.length > 0) query.set('payload', JSON.stringify(entries));
  return `${server.url}?${query.toString()}`;
}

/**
 * Settings for a quiet, predictable window: no Welcome page (it takes keyboard focus, so F1 and
 * Ctrl+P go nowhere), no tips, no network features.
 */
export const TEST_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
};

/**
 * Workspace trust on, with no prompt or banner to answer: a folder not yet trusted (a fresh
 * user-data-dir trusts none) opens in restricted mode.
 */
export const UNTRUSTED_SETTINGS: Record<string, unknown> = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
  'security.workspace.trust.emptyWindow': false,
};

const running = new Set<ChildProcess>();

/**
 * Signals the server's whole process group (code-server forks extension hosts, a file watcher and
 * a pty host into it). Sent even after the leader exited: its children may still be shutting down.
 */
function killGroup(child: ChildProcess, signal: NodeJS.Signals | 0): boolean {
  if (child.pid === undefined) return false;
  try {
    process.kill(-child.pid, signal);
    return true;
  } catch {
    return false; // ESRCH: nothing left in the group
  }
}

/** Resolves true once no process of the group is left, false on timeout. */
async function waitForGroupExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (killGroup(child, 0)) {
    if (Date.now() > deadline) return false;
    await sleep(100);
  }
  return true;
}

// Last resort: a crashed or interrupted test run must not leave a server behind.
process.on('exit', () => {
  for (const child of running) killGroup(child, 'SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => process.exit(130));
}

/** Starts code-server on a free loopback port (the OS picks it) and resolves once it answers HTTP. */
export async function startCodeServer(options: CodeServerOptions): Promise<RunningCodeServer> {
  const scratch = mkdtempSync(join(tmpdir(), 'gradient-lens-code-server-'));
  const userDataDir = join(scratch, 'user-data');
  const extensionsDir = options.extensionsDir ?? join(scratch, 'extensions');
  // Our own config file, so a developer's ~/.config/code-server/config.yaml (password, port) never applies.
  const config = join(scratch, 'config.yaml');
  writeFileSync(config, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  const untrusted = options.workspaceTrust === 'untrusted';
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...TEST_SETTINGS, ...(untrusted ? UNTRUSTED_SETTINGS : {}), ...options.settings }, null, 2));

  const args = [
    '--config', config,
    '--bind-addr', '127.0.0.1:0',
    '--auth', 'none',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    ...(untrusted ? [] : ['--disable-workspace-trust']),
    options.workspace,
  ];
  const child = spawn(options.binary, args, {
    detached: true, // its own process group, so stop() can kill the extension hosts too
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env },
  });
  running.add(child);
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => { output += chunk; });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => { output += chunk; });

  const stop = async (): Promise<void> => {
    if (running.has(child)) {
      killGroup(child, 'SIGTERM');
      if (!(await waitForGroupExit(child, 5_000))) {
        killGroup(child, 'SIGKILL');
        await waitForGroupExit(child, 5_000);
      }
      running.delete(child);
    }
    rmSync(scratch, { recursive: true, force: true });
  };

  try {
    const port = await waitForListening(child, () => output, options.startTimeoutMs ?? 60_000);
    const url = `http://127.0.0.1:${port}/`;
    await waitForHttp(`${url}healthz`, options.startTimeoutMs ?? 60_000);
    return { url, port, log: () => output, stop };
  } catch (error) {
    await stop();
    throw new Error(`code-server did not start: ${(error as Error).message}\n--- code-server output ---\n${output}`);
  }
}

/** Reads the port code-server chose from its "HTTP server listening on …" line. */
async function waitForListening(child: ChildProcess, output: () => string, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = /HTTP server listening on https?:\/\/127\.0\.0\.1:(\d+)/.exec(output());
    if (match) return Number(match[1]);
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`exited early (${child.exitCode ?? child.signalCode})`);
    await sleep(100);
  }
  throw new Error(`no "HTTP server listening" line within ${timeoutMs} ms`);
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
      lastError = `HTTP ${response.status}`;
    } catch (error) {
      lastError = (error as Error).message;
    }
    await sleep(200);
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms (${lastError})`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}
