// The extension-tests entry point: VS Code loads this module inside the real extension host and
// calls run() (through code-server's `payload` URL here, through @vscode/test-electron on the
// desktop). The host's console goes to the browser, not to the launcher, so the results are also
// written to a JSON file the launcher reads (GRADIENT_LENS_TEST_RESULTS, when set).
import { readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

/** What the launcher (test/integration/runInCodeServer.ts) reads back. */
export interface IntegrationResults {
  passed: number;
  failed: number;
  tests: { title: string; state: 'passed' | 'failed'; error?: string }[];
}

function testFiles(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...testFiles(path));
    else if (name.endsWith('.test.js')) found.push(path);
  }
  return found;
}

/** Title of the failure an unhandled promise rejection adds to the results. */
const UNHANDLED_REJECTION = 'the extension host has no unhandled promise rejection';

export function run(): Promise<void> {
  // GRADIENT_LENS_TEST_GREP runs only the tests whose full title matches (a developer's shortcut;
  // the launcher reports how many ran, and `npm test` never sets it).
  const grep = process.env.GRADIENT_LENS_TEST_GREP;
  const mocha = new Mocha({ ui: 'bdd', timeout: 20_000, color: false, ...(grep ? { grep } : {}) });
  // GRADIENT_LENS_TEST_SUITE names the folder next to this one whose tests run (the launcher's
  // restricted-mode window runs `restricted`); this folder otherwise.
  const suite = process.env.GRADIENT_LENS_TEST_SUITE;
  for (const file of testFiles(suite ? join(__dirname, '..', suite) : __dirname)) mocha.addFile(file);

  // A rejection nobody handles is a bug wherever it happens in the host: it fails the run.
  const unhandled: string[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason instanceof Error ? reason.stack ?? reason.message : String(reason));
  process.on('unhandledRejection', onUnhandled);

  const results: IntegrationResults = { passed: 0, failed: 0, tests: [] };
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      process.off('unhandledRejection', onUnhandled);
      if (unhandled.length > 0) {
        failures++;
        results.failed++;
        results.tests.push({ title: UNHANDLED_REJECTION, state: 'failed', error: unhandled.join('\n\n') });
      }
      const resultsPath = process.env.GRADIENT_LENS_TEST_RESULTS;
      try {
        if (resultsPath) {
          // Write then rename, so the launcher polling for the file never reads half of it.
          writeFileSync(`${resultsPath}.partial`, JSON.stringify(results, null, 2));
          renameSync(`${resultsPath}.partial`, resultsPath);
        }
      } catch (error) {
        reject(error);
        return;
      }
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      // With a grep, one window may have nothing to run: the launcher checks that something ran at all.
      else if (results.passed === 0 && !grep) reject(new Error('no integration tests ran'));
      else resolve();
    });
    runner.on('pass', (test) => {
      results.passed++;
      results.tests.push({ title: test.fullTitle(), state: 'passed' });
    });
    // Also fires for failing hooks, which count as failures: a broken before() must not look green.
    runner.on('fail', (test, error: Error) => {
      results.failed++;
      results.tests.push({ title: test.fullTitle(), state: 'failed', error: error.stack ?? String(error) });
    });
  });
}
