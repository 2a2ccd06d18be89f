// The extension manifest's promises: every command categorized and known to the code, minimal
// activation, trust and virtual-workspace capabilities, and files that exist where it points.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { COMMANDS } from '../../../src/extension/commandIds';

const ROOT = resolve(__dirname, '../../../..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));

test('every contributed command has a title, the "Gradient Lens" category and an id the code knows', () => {
  const known = new Set<string>(Object.values(COMMANDS));
  const commands: { command: string; title: string; category: string }[] = manifest.contributes.commands;
  assert.ok(commands.length > 0);
  for (const command of commands) {
    assert.equal(command.category, 'Gradient Lens', command.command);
    assert.ok(command.title.length > 0, command.command);
    assert.ok(known.has(command.command), `${command.command} is contributed but not in src/extension/commandIds.ts`);
  }
  assert.equal(new Set(commands.map((c) => c.command)).size, commands.length, 'no command is contributed twice');
});

test('activation is minimal: no "*" and no startup activation', () => {
  for (const event of manifest.activationEvents ?? []) assert.ok(event !== '*' && event !== 'onStartupFinished', event);
});

test('untrusted workspaces get restricted mode (limited support, described) and virtual workspaces are supported', () => {
  assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
  assert.match(manifest.capabilities.untrustedWorkspaces.description, /inside the workspace folders/);
  assert.equal(manifest.capabilities.virtualWorkspaces, true);
});

test('in restricted mode, settings that raise memory use ignore the workspace\'s value; the others are listed as harmless', () => {
  const restricted: string[] = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;
  // Why each is restricted: a workspace could make every panel keep 2 GiB of timeline, or run an
  // f32 model in f64 (the override applies after the memory budget was checked on the file).
  assert.deepEqual([...restricted].sort(), ['gradientLens.defaultPrecision', 'gradientLens.timeline.maxMegabytes']);
  // Every other setting was judged harmless from a workspace: bounded by a limit of their own, or
  // only shaping what the user already sees. A new setting must be judged too.
  const harmless = [
    'gradientLens.pace', 'gradientLens.snapshotRate', 'gradientLens.defaultSeed', 'gradientLens.streamedQuantities',
    'gradientLens.pauseWhenPanelClosed', 'gradientLens.timeline.snapshots',
    'gradientLens.diagnosis.vanishingRatio', 'gradientLens.diagnosis.explodingRatio', 'gradientLens.diagnosis.deadFraction',
    'gradientLens.diagnosis.saturatedFraction', 'gradientLens.diagnosis.minUpdateRatio', 'gradientLens.diagnosis.maxUpdateRatio',
    'gradientLens.diagnosis.persistence',
  ];
  const settings = Object.keys(manifest.contributes.configuration.properties ?? {});
  assert.deepEqual([...settings].sort(), [...restricted, ...harmless].sort(), 'every setting is either restricted or judged harmless');
  for (const name of restricted) assert.ok(manifest.capabilities.untrustedWorkspaces.description.includes(name), `the description names ${name}`);
});

test('engines.vscode allows VS Code 1.90 and @types/vscode is not newer', () => {
  const engine = /^\^1\.(\d+)\.\d+$/.exec(manifest.engines.vscode);
  assert.ok(engine && Number(engine[1]) <= 90, manifest.engines.vscode);
  const types = lock.packages['node_modules/@types/vscode'].version as string;
  assert.ok(Number(types.split('.')[1]) <= Number(engine![1]), `@types/vscode ${types} is newer than engines.vscode`);
});

test('the files the manifest points at exist in the source tree', () => {
  assert.ok(existsSync(join(ROOT, manifest.icon)), manifest.icon);
  for (const validation of manifest.contributes.jsonValidation ?? []) assert.ok(existsSync(join(ROOT, validation.url)), validation.url);
  assert.equal(manifest.main, './dist/extension.js');
  assert.equal(manifest.bin['gradient-lens'], './dist/cli.js');
  assert.equal(manifest.license, 'MIT');
  assert.ok(existsSync(join(ROOT, 'LICENSE')));
});

test('every dependency is pinned to an exact version', () => {
  for (const group of ['dependencies', 'devDependencies']) {
    for (const [name, version] of Object.entries<string>(manifest[group] ?? {})) assert.match(version, /^\d+\.\d+\.\d+$/, `${name}@${version}`);
  }
});
