// One build script, several bundles: the extension host glue, the training worker, the CLI, the
// webview, the benchmark, and every test file. `--production` minifies the shipped bundles and
// requires all of them to exist; `--watch` rebuilds on change. Type-checking is `npm run typecheck`.
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import buildWasm from './scripts/build-wasm.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

/** Shipped bundles. `vscode` is external only for the extension: any other bundle that imports it fails to resolve. */
const shipped = [
  { name: 'extension', entry: 'src/extension/extension.ts', outfile: 'dist/extension.js', platform: 'node', external: ['vscode'] },
  { name: 'worker', entry: 'src/worker/trainingWorker.ts', outfile: 'dist/worker.js', platform: 'node' },
  { name: 'cli', entry: 'src/cli/main.ts', outfile: 'dist/cli.js', platform: 'node', banner: { js: '#!/usr/bin/env node' } },
  { name: 'webview', entry: 'webview/main.ts', outfile: 'dist/webview.js', platform: 'browser' },
];
/** Development-only bundles, never packaged. */
const tools = [
  { name: 'bench', entry: 'bench/main.ts', outfile: 'out/bench/main.js', platform: 'node', packagesExternal: true },
  { name: 'bench-webview', entry: 'bench/webview.ts', outfile: 'out/bench/webview.js', platform: 'node', packagesExternal: true },
  { name: 'bench-data', entry: 'bench/data.ts', outfile: 'out/bench/data.js', platform: 'node', packagesExternal: true },
  { name: 'bench-host', entry: 'bench/hostBench.ts', outfile: 'out/bench/hostBench.js', platform: 'node', packagesExternal: true },
  // Loaded by code-server inside the extension host (bench/hostBench.ts passes it as the extension-tests entry).
  { name: 'bench-host-suite', entry: 'bench/hostBenchSuite.ts', outfile: 'out/bench/hostBenchSuite.js', platform: 'node', packagesExternal: true },
];

/** Reports errors in the `file:line:col` form VS Code's problem matchers read. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => { if (watch) console.log('[watch] build started'); });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (watch) console.log('[watch] build finished');
    });
  },
};

function testEntries(dir) {
  if (!existsSync(dir)) return [];
  const found = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...testEntries(path));
    else if (/\.ts$/.test(name) && !name.endsWith('.d.ts')) found.push(path);
  }
  return found;
}

function optionsFor(target) {
  return {
    entryPoints: [target.entry],
    outfile: target.outfile,
    bundle: true,
    format: target.platform === 'browser' ? 'iife' : 'cjs',
    platform: target.platform,
    target: target.platform === 'browser' ? 'chrome120' : 'node20',
    external: target.external ?? [],
    // jsonc-parser's UMD entry requires its parts dynamically, which a bundle cannot follow: take ESM.
    mainFields: ['module', 'main'],
    packages: target.packagesExternal ? 'external' : undefined,
    banner: target.banner,
    // Test hooks (src/extension/testHooks.d.ts) exist in development builds only: the package has none.
    define: { __VERSION__: JSON.stringify(version), __TEST_HOOKS__: String(!production) },
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
    logLevel: 'silent',
    loader: { '.wasm': 'binary' },
    plugins: [problemMatcher],
  };
}

const targets = [];
for (const target of [...shipped, ...tools]) {
  if (existsSync(target.entry)) targets.push(optionsFor(target));
  else if (production && shipped.includes(target)) throw new Error(`missing entry point ${target.entry} for the ${target.name} bundle`);
}
// Tests are bundled one file each into out/, keeping node_modules external so mocha, playwright
// and vscode resolve at run time.
const tests = testEntries('test').filter((f) => !f.includes('tsconfig'));
if (tests.length > 0) {
  targets.push({
    entryPoints: tests,
    outdir: 'out/test',
    outbase: 'test',
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    external: ['vscode'],
    define: { __TEST_HOOKS__: 'true' },
    sourcemap: true,
    logLevel: 'silent',
    loader: { '.wasm': 'binary' },
    plugins: [problemMatcher],
  });
}

/**
 * KaTeX fonts the panel's equations render with, woff2 only (the webview is Chromium). The Chromium
 * test of the equations fails if a face it needs is missing from this list.
 */
const KATEX_FONTS = ['KaTeX_Main-Regular', 'KaTeX_Math-Italic', 'KaTeX_Size1-Regular'];

/**
 * dist/katex/: KaTeX's stylesheet, its @font-face sources cut down to woff2, and the fonts above.
 * The panel loads them from its resource root (style-src and font-src are the webview origin only).
 */
function copyKatex() {
  const source = 'node_modules/katex/dist';
  // From scratch, so a font dropped from the list does not linger in dist/ and get packaged.
  rmSync('dist/katex', { recursive: true, force: true });
  mkdirSync('dist/katex/fonts', { recursive: true });
  const css = readFileSync(join(source, 'katex.min.css'), 'utf8').replace(/src:url\(fonts\/([\w-]+)\.woff2\) format\("woff2"\)[^;}]*/g,
    (_rule, font) => `src:url(fonts/${font}.woff2) format("woff2")`);
  if (/\.woff\)|\.ttf\)/.test(css)) throw new Error('katex.min.css: @font-face sources other than woff2 are left; the rewrite no longer matches');
  writeFileSync('dist/katex/katex.min.css', css);
  for (const font of KATEX_FONTS) copyFileSync(join(source, 'fonts', `${font}.woff2`), `dist/katex/fonts/${font}.woff2`);
}

// The SIMD kernels are compiled AssemblyScript that the bundles embed: build them first.
await buildWasm();
copyKatex();

if (watch) {
  for (const options of targets) await (await esbuild.context(options)).watch();
} else {
  const results = await Promise.allSettled(targets.map((options) => esbuild.build(options)));
  const failed = results.filter((r) => r.status === 'rejected');
  if (failed.length > 0) {
    console.error(`build failed: ${failed.length} bundle(s) with errors`);
    process.exit(1);
  }
  console.log(`built ${targets.length} bundle group(s)${production ? ' (production)' : ''}`);
}
