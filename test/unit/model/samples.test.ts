/** Every shipped sample parses without a single diagnostic and resolves against its data. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { parseModel } from '../../../src/model/parse';
import { resolveModel } from '../../../src/model/resolve';
import { folderReader } from '../data/readers';

const root = resolve(__dirname, '../../../..');
const samplesDir = resolve(root, 'samples');
const samples = readdirSync(samplesDir).filter((name) => name.endsWith('.nn.json')).sort();

describe('samples', () => {
  it('include the promised set', () => {
    for (const name of ['xor', 'spirals', 'circles', 'moons', 'gaussians', 'checkerboard', 'sine', 'iris', 'digits',
      'deep-sigmoid-vanishing', 'deep-relu-bad-init', 'wine-csv']) {
      assert.ok(samples.includes(`${name}.nn.json`), name);
    }
  });

  for (const name of samples) {
    it(`${name} resolves with no diagnostics`, async () => {
      const text = readFileSync(resolve(samplesDir, name), 'utf8');
      assert.deepEqual(parseModel(text).diagnostics, []);
      const resolved = await resolveModel(text, folderReader(samplesDir), folderReader(resolve(root, 'data')));
      assert.deepEqual(resolved.diagnostics.map((d) => d.message), []);
      assert.ok(resolved.spec);
      assert.equal(resolved.dataset?.inputWidth, resolved.spec.input);
      assert.equal(resolved.dataset?.targetWidth, resolved.spec.layers[resolved.spec.layers.length - 1].units);
    });
  }

  it('the deep demonstrations have ten layers', () => {
    for (const name of ['deep-sigmoid-vanishing.nn.json', 'deep-relu-bad-init.nn.json']) {
      assert.equal(parseModel(readFileSync(resolve(samplesDir, name), 'utf8')).spec?.layers.length, 10);
    }
  });
});

describe('samples and templates work anywhere', () => {
  const templatesDir = resolve(root, 'templates');
  const files = [
    ...samples.map((name) => ({ dir: samplesDir, name })),
    ...readdirSync(templatesDir).filter((name) => name.endsWith('.nn.json')).sort().map((name) => ({ dir: templatesDir, name })),
  ];

  it('the extension applies the schema to every *.nn.json (jsonValidation)', () => {
    const manifest = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { contributes: { jsonValidation: { fileMatch: string | string[]; url: string }[] } };
    assert.ok(manifest.contributes.jsonValidation.some((rule) => [rule.fileMatch].flat().includes('*.nn.json') && rule.url === './schema/nn.schema.json'));
  });

  for (const { dir, name } of files) {
    const label = `${dir === samplesDir ? 'samples' : 'templates'}/${name}`;
    it(`${label}: no $schema (a relative one breaks once the file is copied out), no diagnostics, a header saying what to watch`, () => {
      const text = readFileSync(resolve(dir, name), 'utf8');
      assert.doesNotMatch(text, /"\$schema"/);
      assert.deepEqual(parseModel(text).diagnostics, []);
      const header = text.slice(0, text.indexOf('\n{'));
      assert.match(header, /^\/\/ /, 'starts with a comment');
      if (dir === samplesDir) assert.match(header, /\/\/ Watch while it trains: /);
    });
  }
});
