/**
 * The broken model fixtures in test/fixtures/models give diagnostics at positions counted
 * independently of the parser (Python's str.index on each line, plus one).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { formatDiagnostic } from '../../../src/model/diagnostics';
import { parseModel } from '../../../src/model/parse';
import { resolveModel } from '../../../src/model/resolve';
import { folderReader } from '../data/readers';

const folder = resolve(__dirname, '../../../../test/fixtures/models');
const read = (name: string): string => readFileSync(resolve(folder, name), 'utf8');
const located = (name: string, diagnostics: readonly { line: number; column: number; code: string }[]): string[] =>
  diagnostics.map((d) => `${name}:${d.line}:${d.column} ${d.code}`);

describe('broken model fixtures', () => {
  it('broken-syntax: the missing comma is at line 5, column 5', () => {
    const parsed = parseModel(read('broken-syntax.nn.json'));
    assert.deepEqual(located('f', parsed.diagnostics), ['f:5:5 syntax']);
    assert.match(formatDiagnostic('broken-syntax.nn.json', parsed.diagnostics[0]), /^broken-syntax\.nn\.json:5:5: error: Expected ","/);
  });

  it('broken-rules: one diagnostic per broken value, the layer-stack rules included, in file order', () => {
    const parsed = parseModel(read('broken-rules.nn.json'));
    assert.deepEqual(located('f', parsed.diagnostics), [
      'f:5:33 softmax-not-last',
      'f:6:16 not-integer', // 2.5
      'f:7:33 loss-output-mismatch', // "sigmoid" with cross_entropy
      'f:11:33 out-of-range', // 1e999
      'f:11:53 invalid-enum', // "adamw"
      'f:11:75 out-of-range', // batchSize 0
      'f:11:78 unknown-key', // "lr"
    ]);
  });

  it('broken-rules with the type errors fixed: the data rules join in', () => {
    const text = read('broken-rules.nn.json').replace('2.5', '8').replace('1e999', '0.01').replace('"adamw"', '"adam"').replace('"batchSize": 0', '"batchSize": 32');
    const parsed = parseModel(text);
    assert.deepEqual(located('f', parsed.diagnostics), [
      'f:3:12 data-input-mismatch', // input 3 vs 2 features
      'f:5:33 softmax-not-last',
      'f:7:33 loss-output-mismatch', // "sigmoid" with cross_entropy
      'f:11:77 unknown-key',
    ]);
  });

  it('csv-bad-cell: the CSV row and column appear in a diagnostic on "path"', async () => {
    const text = read('csv-bad-cell.nn.json');
    const { diagnostics } = await resolveModel(text, folderReader(folder));
    assert.deepEqual(located('f', diagnostics), ['f:4:38 data-load-failed']);
    assert.match(diagnostics[0].message, /row 3, column 2 \("y"\): "oops" is not a number/);
  });
});
