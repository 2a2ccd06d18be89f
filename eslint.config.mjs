// Lint every folder. The border rules keep `vscode` (and Node built-ins, where they don't belong)
// out of the layers that must run without the extension host: see shared/docs/style.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const noVscode = {
  name: 'vscode',
  message: 'This layer runs outside the extension host: only src/extension may import vscode.',
};
const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'worker_threads', 'zlib'].flatMap((m) => [m, `node:${m}`]);

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
    // Pure layers: no vscode anywhere outside src/extension and the integration suite.
    files: ['src/engine/**', 'src/insight/**', 'src/model/**', 'src/data/**', 'src/worker/**', 'src/cli/**', 'bench/**', 'test/unit/**', 'test/webview/**'],
    // The host bench's suite is loaded inside the extension host, as the integration suite is.
    ignores: ['bench/hostBenchSuite.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode] }] },
  },
  {
    // The protocol, the engine and the diagnosis are shared with the browser: no vscode, no Node built-ins.
    files: ['src/protocol/**', 'src/engine/**', 'src/insight/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noVscode, ...nodeBuiltins.map((name) => ({ name, message: 'This layer must also run in a browser.' }))] }],
    },
  },
  {
    files: ['webview/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { paths: [noVscode, ...nodeBuiltins.map((name) => ({ name, message: 'The webview runs in a browser.' }))] }],
    },
  },
);
