// The layers that must run outside the extension host (engine, protocol, model, data, worker,
// webview) may not import `vscode`: lint rejects it, and the bundler cannot resolve it for any
// bundle but the extension's. These tests prove both guards bite.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ESLint } from 'eslint';
import * as esbuild from 'esbuild';

const importVscode = "import * as vscode from 'vscode';\nexport const name = vscode.env.appName;\n";
const guardedFolders = ['src/engine', 'src/insight', 'src/protocol', 'src/model', 'src/data', 'src/worker', 'src/cli', 'webview'];

for (const folder of guardedFolders) {
  test(`lint rejects importing vscode from ${folder}`, async () => {
    const [result] = await new ESLint().lintText(importVscode, { filePath: `${folder}/borderProbe.ts` });
    const messages = result.messages.filter((m) => m.ruleId === 'no-restricted-imports');
    assert.equal(messages.length, 1, `expected one no-restricted-imports error, got ${JSON.stringify(result.messages)}`);
    assert.match(messages[0].message, /vscode/);
  });
}

test('lint allows vscode in src/extension', async () => {
  const [result] = await new ESLint().lintText(importVscode, { filePath: 'src/extension/borderProbe.ts' });
  assert.deepEqual(result.messages.filter((m) => m.ruleId === 'no-restricted-imports'), []);
});

for (const [folder, builtin] of [['src/engine', 'node:fs'], ['src/insight', 'node:os'], ['src/protocol', 'worker_threads'], ['webview', 'node:path']]) {
  test(`lint rejects the Node built-in ${builtin} in ${folder}, which must also run in a browser`, async () => {
    const [result] = await new ESLint().lintText(`import * as m from '${builtin}';\nexport const x = m;\n`, { filePath: `${folder}/borderProbe.ts` });
    assert.equal(result.messages.filter((m) => m.ruleId === 'no-restricted-imports').length, 1);
  });
}

test('a worker-style bundle that imports vscode fails to build', async () => {
  await assert.rejects(
    esbuild.build({ stdin: { contents: importVscode, loader: 'ts', resolveDir: process.cwd() }, bundle: true, platform: 'node', write: false, logLevel: 'silent' }),
    /Could not resolve "vscode"/,
  );
});
