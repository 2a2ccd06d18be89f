// `npm run package`: a production build, then a .vsix holding only what runs. Checks what went in
// (no sources, tests, maps or node_modules) and that it stays under 2 MB.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';

const MAX_BYTES = 2 * 1024 * 1024;
const { name, version } = JSON.parse(readFileSync('package.json', 'utf8'));
const vsix = `${name}-${version}.vsix`;

execFileSync(process.execPath, ['esbuild.mjs', '--production'], { stdio: 'inherit' });
// Everything is bundled, so npm dependency detection would only add node_modules back in.
execFileSync('npx', ['vsce', 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '-o', vsix], { stdio: 'inherit' });

const listing = execFileSync('unzip', ['-Z1', vsix], { encoding: 'utf8' }).split('\n').filter(Boolean);
const forbidden = listing.filter((entry) => /^extension\/(src|test|webview|bench|scripts|node_modules)\/|\.map$|\.ts$/.test(entry));
// What the extension reads at run time: a package missing one of these installs but breaks later.
const required = ['dist/extension.js', 'dist/worker.js', 'dist/webview.js', 'dist/cli.js', 'media/icon.png', 'media/panel.css', 'media/equations.css', 'dist/katex/katex.min.css',
  'schema/nn.schema.json', 'data/iris.csv', 'data/digits-images-idx3-ubyte.gz', 'data/digits-labels-idx1-ubyte.gz', 'LICENSE.txt'];
const missing = required.filter((file) => !listing.includes(`extension/${file}`));
if (!listing.some((entry) => /^extension\/templates\/[^/]+\.nn\.json$/.test(entry))) missing.push('templates/*.nn.json');
// The equations' fonts: the woff2 files esbuild.mjs copies (KATEX_FONTS), and no other format.
const fonts = listing.filter((entry) => entry.startsWith('extension/dist/katex/fonts/'));
if (!fonts.some((entry) => entry.endsWith('KaTeX_Main-Regular.woff2'))) missing.push('dist/katex/fonts/KaTeX_Main-Regular.woff2');
forbidden.push(...fonts.filter((entry) => !entry.endsWith('.woff2')));
const bytes = statSync(vsix).size;
console.log(`${vsix}: ${listing.length} files, ${(bytes / 1024).toFixed(0)} KiB (limit ${MAX_BYTES / 1024} KiB)`);
if (forbidden.length > 0) {
  console.error(`✘ the package contains files that must not ship:\n  ${forbidden.join('\n  ')}`);
  process.exit(1);
}
if (missing.length > 0) {
  console.error(`✘ the package lacks files the extension needs at run time:\n  ${missing.join('\n  ')}`);
  process.exit(1);
}
if (bytes > MAX_BYTES) {
  console.error(`✘ the package is ${bytes} bytes, over the ${MAX_BYTES}-byte limit`);
  process.exit(1);
}
