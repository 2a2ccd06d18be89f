// The code as written, not only as linted: every import between project folders of src/ and
// webview/ is one the layer table allows (eslint.config.mjs LAYERS), so the folder graph has no
// cycle. Imports are read with TypeScript's own pre-processor (import, export … from, import()).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';

const ROOT = resolve('.');

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !join(entry.parentPath, entry.name).includes('/assembly/'))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

/** The layer folder a repository path belongs to: src/engine/kernels/x.ts → src/engine. */
function folderOf(path: string, folders: readonly string[]): string | undefined {
  return folders.find((folder) => path === folder || path.startsWith(`${folder}/`));
}

test('every import between folders of src/ and webview/ follows the layer table', async () => {
  const { LAYERS } = await import(pathToFileURL(join(ROOT, 'eslint.config.mjs')).href) as { LAYERS: Record<string, string[]> };
  const folders = Object.keys(LAYERS);
  const edges = new Set<string>();
  const wrong: string[] = [];
  for (const file of [...sourceFiles('src'), ...sourceFiles('webview')]) {
    const from = folderOf(file, folders);
    assert.ok(from, `${file} is in no folder of the layer table`);
    const { importedFiles } = ts.preProcessFile(readFileSync(join(ROOT, file), 'utf8'), true, true);
    for (const { fileName } of importedFiles.filter((entry) => entry.fileName.startsWith('.'))) {
      const to = folderOf(relative(ROOT, resolve(ROOT, dirname(file), fileName)), folders);
      if (to === undefined || to === from) continue;
      edges.add(`${from} → ${to}`);
      if (!LAYERS[from].includes(to)) wrong.push(`${file} imports ${fileName} (${from} → ${to})`);
    }
  }
  assert.deepEqual(wrong, []);
  // The layers really are used: the ground floor is imported from every other floor.
  for (const folder of folders.filter((name) => name !== 'src/core' && name !== 'src/host')) {
    assert.ok(edges.has(`${folder} → src/core`), `${folder} imports nothing from src/core`);
  }
});
