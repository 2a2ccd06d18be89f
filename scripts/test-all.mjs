// `npm test`: every tier, in order, each printing how many tests it ran, then one total line
// `N passed, N failed`. A tier that cannot run, or runs no test, fails the whole run loudly.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const resultsDir = join(root, 'test-results');
mkdirSync(resultsDir, { recursive: true });

/** Runs a command with inherited output; returns its exit status (timeouts count as failures). */
function run(label, command, args, minutes) {
  console.log(`\n━━ ${label}: ${[command, ...args].join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', timeout: minutes * 60_000, killSignal: 'SIGKILL' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.error) console.error(`✘ ${label} could not run or timed out after ${minutes} min: ${result.error.message}`);
  console.log(`━━ ${label} finished in ${seconds} s with exit code ${result.status ?? 'none'}`);
  return result.error ? 1 : result.status ?? 1;
}

/** A node:test tier: spec output on the console, TAP into a file whose closing counts we read. */
function nodeTestTier(name, folder, minutes) {
  const tap = join(resultsDir, `${name}.tap`);
  rmSync(tap, { force: true });
  if (!existsSync(join(root, folder))) return { name, passed: 0, failed: 0, problem: `${folder} does not exist (did the build run?)` };
  const status = run(`${name} tier`, process.execPath, ['--test', '--test-concurrency=1',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tap}`, folder], minutes);
  if (!existsSync(tap)) return { name, passed: 0, failed: 0, problem: 'no TAP results were written' };
  const text = readFileSync(tap, 'utf8');
  const count = (key) => Number([...text.matchAll(new RegExp(`^# ${key} (\\d+)$`, 'gm'))].at(-1)?.[1] ?? 0);
  const passed = count('pass');
  const failed = count('fail') + count('cancelled');
  const skipped = count('skipped') + count('todo');
  const problem = status !== 0 && failed === 0 ? `the runner exited with ${status}` : skipped > 0 ? `${skipped} test(s) skipped: no tier may skip` : undefined;
  return { name, passed, failed, problem };
}

/** The integration tier's launcher ends with `integration: N passed, N failed`. */
function integrationTier(minutes) {
  const launcher = join(root, 'out/test/integration/runInCodeServer.js');
  if (!existsSync(launcher)) return { name: 'integration', passed: 0, failed: 0, problem: 'the launcher was not built' };
  console.log(`\n━━ integration tier (inside the real VS Code extension host, code-server): node ${launcher}`);
  const result = spawnSync(process.execPath, [launcher], { cwd: root, encoding: 'utf8', timeout: minutes * 60_000, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024 });
  process.stdout.write(result.stdout ?? '');
  process.stderr.write(result.stderr ?? '');
  const match = [...(result.stdout ?? '').matchAll(/^integration: (\d+) passed, (\d+) failed$/gm)].at(-1);
  if (!match) return { name: 'integration', passed: 0, failed: 0, problem: result.error ? `timed out after ${minutes} min` : 'the launcher printed no summary' };
  const problem = result.status !== 0 && Number(match[2]) === 0 ? `the launcher exited with ${result.status}` : undefined;
  return { name: 'integration', passed: Number(match[1]), failed: Number(match[2]), problem };
}

const gates = [
  ['install tools (Debian packages, code-server)', 'bash', ['scripts/ensure-code-server.sh'], 15],
  ['package (.vsix, production build)', 'node', ['scripts/package.mjs'], 5],
  ['build (development bundles and tests)', 'node', ['esbuild.mjs'], 5],
  ['type-check', 'npm', ['run', '--silent', 'typecheck'], 5],
  ['lint', 'npm', ['run', '--silent', 'lint'], 5],
];
const gateFailures = [];
for (const [label, command, args, minutes] of gates) {
  if (run(label, command, args, minutes) !== 0) gateFailures.push(label);
}

const tiers = [];
if (!gateFailures.some((g) => g.startsWith('build'))) {
  tiers.push(nodeTestTier('unit', 'out/test/unit', 10));
  tiers.push(nodeTestTier('webview', 'out/test/webview', 10));
  tiers.push(integrationTier(12));
  tiers.push(nodeTestTier('e2e', 'out/test/e2e', 15));
}

console.log('\n━━ summary');
let passed = 0;
let failed = 0;
for (const tier of tiers) {
  passed += tier.passed;
  failed += tier.failed;
  const problem = tier.problem ?? (tier.passed + tier.failed === 0 ? 'ran no test' : undefined);
  console.log(`${tier.name.padEnd(12)} ${tier.passed} passed, ${tier.failed} failed${problem ? `   ✘ ${problem}` : ''}`);
  if (problem) failed += tier.failed === 0 ? 1 : 0;
}
for (const gate of gateFailures) {
  console.log(`✘ step failed: ${gate}`);
  failed += 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
