// Compiles the AssemblyScript SIMD kernels (src/engine/kernels/wasm/assembly/) into
// src/engine/kernels/wasm/generated/kernels.wasm, which wasmKernels.ts embeds through esbuild's
// `binary` loader. Skips the compile when a stamp next to the output records the same inputs
// (every source file's content, the compiler version and the flags) and the output still exists.
// Run directly (`node scripts/build-wasm.mjs [--force]`) or through esbuild.mjs.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const sourceDir = join(root, 'src/engine/kernels/wasm/assembly');
const outDir = join(root, 'src/engine/kernels/wasm/generated');
const outFile = join(outDir, 'kernels.wasm');
const stampFile = join(outDir, 'kernels.stamp');

const flags = [
  '--optimizeLevel', '3', '--shrinkLevel', '0', '--noAssert', '--converge',
  '--runtime', 'stub', '--enable', 'simd',
  // 48 pages (3 MiB) hold the packing scratch; the wrapper grows memory for its arena.
  '--initialMemory', '48',
];

function sources(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...sources(path));
    else if (entry.name.endsWith('.ts') || entry.name.endsWith('.json')) found.push(path);
  }
  return found.sort();
}

function inputHash() {
  const hash = createHash('sha256');
  const ascVersion = JSON.parse(readFileSync(join(root, 'node_modules/assemblyscript/package.json'), 'utf8')).version;
  hash.update(`asc ${ascVersion}\n${flags.join(' ')}\n`);
  for (const file of sources(sourceDir)) {
    hash.update(`${file.slice(sourceDir.length)}\n`);
    hash.update(readFileSync(file));
  }
  return hash.digest('hex');
}

/** Builds kernels.wasm unless it is up to date. Returns the output path. */
export async function buildWasm({ force = false } = {}) {
  const stamp = inputHash();
  if (!force && existsSync(outFile) && existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === stamp) return outFile;
  const { default: asc } = await import('assemblyscript/asc');
  mkdirSync(outDir, { recursive: true });
  let stderrText = '';
  const { error } = await asc.main([join(sourceDir, 'index.ts'), '--outFile', outFile, ...flags], {
    stdout: { write: () => true },
    stderr: { write: (chunk) => { stderrText += String(chunk); return true; } },
  });
  if (error) throw new Error(`AssemblyScript build of ${sourceDir} failed: ${error.message}\n${stderrText}`);
  writeFileSync(stampFile, `${stamp}\n`);
  return outFile;
}

export default buildWasm;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = await buildWasm({ force: process.argv.includes('--force') });
  console.log(`wasm kernels: ${out} (${readFileSync(out).length} bytes)`);
}
