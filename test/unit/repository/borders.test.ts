// The floors of the house (eslint.config.mjs LAYERS, docs/architecture.md): every folder's lint
// rule rejects each import the table forbids and allows each one it permits; `vscode` is rejected
// everywhere but src/extension; Node built-ins are rejected where code must also run in a browser;
// and the bundler cannot resolve `vscode` for any bundle but the extension's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import * as esbuild from 'esbuild';

interface LintConfig {
  readonly LAYERS: Readonly<Record<string, readonly string[]>>;
  readonly BROWSER_FOLDERS: readonly string[];
}

const config = import(pathToFileURL(resolve('eslint.config.mjs')).href) as Promise<LintConfig>;
const eslint = new ESLint();

async function restrictedImports(folder: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: `${folder}/borderProbe.ts` });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

/** An import of `target` written as a file in `folder` would write it. */
function importOf(folder: string, target: string): string {
  const up = '../'.repeat(folder.split('/').length);
  return `import { probe } from '${up}${target}/probe';\nexport const x = probe;\n`;
}

test('the layer table names every project folder and has no cycle', async () => {
  const { LAYERS } = await config;
  const folders = Object.keys(LAYERS);
  for (const [folder, allowed] of Object.entries(LAYERS)) {
    for (const target of allowed) assert.ok(folders.includes(target), `${folder} allows unknown ${target}`);
  }
  const visiting = new Set<string>();
  const done = new Set<string>();
  const visit = (folder: string, path: string[]): void => {
    assert.ok(!visiting.has(folder), `cycle: ${[...path, folder].join(' → ')}`);
    if (done.has(folder)) return;
    visiting.add(folder);
    for (const target of LAYERS[folder]) visit(target, [...path, folder]);
    visiting.delete(folder);
    done.add(folder);
  };
  for (const folder of folders) visit(folder, []);
});

test('each folder may import exactly what the layer table allows', async () => {
  const { LAYERS } = await config;
  const folders = Object.keys(LAYERS);
  for (const folder of folders) {
    for (const target of folders.filter((other) => other !== folder)) {
      const messages = await restrictedImports(folder, importOf(folder, target));
      if (LAYERS[folder].includes(target)) {
        assert.deepEqual(messages, [], `${folder} → ${target} is allowed`);
      } else {
        assert.equal(messages.length, 1, `${folder} → ${target} must be rejected, got ${JSON.stringify(messages)}`);
        assert.match(messages[0], new RegExp(`may not import ${target}`));
      }
    }
  }
});

test('a nested file is held to its folder rule: src/engine/kernels/wasm importing src/worker', async () => {
  const messages = await restrictedImports('src/engine/kernels/wasm', "import { probe } from '../../../worker/probe';\nexport const x = probe;\n");
  assert.equal(messages.length, 1);
});

const importVscode = "import * as vscode from 'vscode';\nexport const name = vscode.env.appName;\n";

test('vscode is rejected everywhere but src/extension', async () => {
  const { LAYERS } = await config;
  for (const folder of [...Object.keys(LAYERS), 'bench', 'test/unit', 'test/webview']) {
    const messages = await restrictedImports(folder, importVscode);
    if (folder === 'src/extension') assert.deepEqual(messages, []);
    else assert.ok(messages.length === 1 && /vscode/.test(messages[0]), `${folder}: ${JSON.stringify(messages)}`);
  }
});

test('Node built-ins are rejected exactly in the folders that must also run in a browser', async () => {
  const { LAYERS, BROWSER_FOLDERS } = await config;
  for (const folder of Object.keys(LAYERS)) {
    const messages = await restrictedImports(folder, "import * as m from 'node:fs';\nexport const x = m;\n");
    assert.equal(messages.length, BROWSER_FOLDERS.includes(folder) ? 1 : 0, `${folder}: ${JSON.stringify(messages)}`);
  }
});

test('a worker-style bundle that imports vscode fails to build', async () => {
  await assert.rejects(
    esbuild.build({ stdin: { contents: importVscode, loader: 'ts', resolveDir: process.cwd() }, bundle: true, platform: 'node', write: false, logLevel: 'silent' }),
    /Could not resolve "vscode"/,
  );
});
