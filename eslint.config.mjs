// Lint every folder, and hold the house's floors apart (docs/architecture.md). LAYERS is the one
// statement of which folder may import which: each folder's imports of any other project folder
// are errors, as are `vscode` outside src/extension and Node built-ins in code that must also run
// in a browser. test/unit/repository/borders.test.ts probes every rule; importGraph.test.ts checks
// that the table and the code have no cycle.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** Folder → the project folders its files may import (besides their own). */
export const LAYERS = {
  'src/core': [],
  'src/data': ['src/core'],
  'src/model': ['src/core', 'src/data'],
  'src/engine': ['src/core'],
  'src/insight': ['src/core'],
  'src/protocol': ['src/core', 'src/insight'],
  'src/worker': ['src/core', 'src/data', 'src/model', 'src/engine', 'src/protocol'],
  'src/cli': ['src/core', 'src/data', 'src/model', 'src/engine', 'src/insight', 'src/protocol'],
  'src/host': ['src/core', 'src/data', 'src/model', 'src/engine', 'src/insight', 'src/protocol'],
  'src/extension': ['src/core', 'src/data', 'src/model', 'src/engine', 'src/insight', 'src/protocol', 'src/worker', 'src/host'],
  'webview': ['src/core', 'src/protocol'],
};

/** Folders whose code must also run in a browser (the webview bundles them, or may). */
export const BROWSER_FOLDERS = ['src/core', 'src/engine', 'src/insight', 'src/protocol', 'webview'];

const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'worker_threads', 'zlib', 'stream', 'crypto', 'http', 'net']
  .flatMap((m) => [m, `node:${m}`]);
const noVscode = { name: 'vscode', message: 'Only src/extension may import vscode (docs/architecture.md).' };

/** An import path that reaches `folder` from anywhere in the tree: ../engine/x, ../../src/engine. */
function reaching(folder) {
  const name = folder.replace(/^src\//, '');
  return `^(\\.\\./)+(src/)?${name}(/|$)`;
}

function borderRule(folder) {
  const others = Object.keys(LAYERS).filter((other) => other !== folder && !LAYERS[folder].includes(other));
  const browser = BROWSER_FOLDERS.includes(folder);
  const paths = [
    ...(folder === 'src/extension' ? [] : [noVscode]),
    ...(browser ? nodeBuiltins.map((name) => ({ name, message: `${folder} must also run in a browser: no Node built-ins.` })) : []),
  ];
  const patterns = others.map((other) => ({
    regex: reaching(other),
    message: `${folder} may not import ${other}: imports go one way (docs/architecture.md).`,
  }));
  return { files: [`${folder}/**`], rules: { 'no-restricted-imports': ['error', { paths, patterns }] } };
}

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', '.cache/', 'test-results/', 'src/engine/kernels/wasm/assembly/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'TSEnumDeclaration', message: 'Use a union of string literals.' }],
    },
  },
  {
    // Benchmarks and the tests that run outside the extension host: no vscode.
    files: ['bench/**', 'test/unit/**', 'test/webview/**'],
    // The host bench's suite is loaded inside the extension host, as the integration suite is.
    ignores: ['bench/hostBenchSuite.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode] }] },
  },
  ...Object.keys(LAYERS).map(borderRule),
  { files: ['webview/**'], languageOptions: { globals: { ...globals.browser } } },
);
