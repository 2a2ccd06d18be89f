// @vscode/test-cli configuration (`npx vscode-test`): the integration suite inside a desktop VS Code
// that the CLI downloads, so it needs internet and cannot run on the offline CI machines. There,
// the same compiled suite runs inside code-server instead: `node out/test/integration/runInCodeServer.js`.
// Build first (`node esbuild.mjs`): the suite is the bundled JavaScript under out/.
import { defineConfig } from '@vscode/test-cli';

export default defineConfig({
  label: 'integration',
  files: 'out/test/integration/suite/**/*.test.js',
  // The same VS Code the offline tier runs (code-server 4.100.3 is VS Code 1.100.3).
  version: '1.100.3',
  workspaceFolder: 'test/fixtures/workspace',
  // Only the extension under test: a developer's installed extensions must not change the results.
  launchArgs: ['--disable-extensions'],
  mocha: { ui: 'bdd', timeout: 20_000 },
});
