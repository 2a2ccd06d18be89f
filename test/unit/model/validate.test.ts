import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DatasetInfo } from '../../../src/data/info';
import { parseModel } from '../../../src/model/parse';
import { resolveModel } from '../../../src/model/resolve';
import { validateAgainstData } from '../../../src/model/validate';
import { memoryReader } from '../data/readers';
import { slice } from './sourceRange';

const csvModel = (extra = '', units = 3, loss = 'cross_entropy'): string =>
  `{ ${extra}"layers": [{ "units": 8 }, { "units": ${units} }], "loss": "${loss}",\n  "data": { "source": "csv", "path": "d.csv", "target": "label" } }`;
const info = (extra: Partial<DatasetInfo> = {}): DatasetInfo =>
  ({ count: 100, inputWidth: 5, targetWidth: 3, task: 'classification', classNames: ['a', 'b', 'c'], ...extra });

describe('validateAgainstData', () => {
  it('takes the input width from the data when "input" is omitted', () => {
    const result = validateAgainstData(parseModel(csvModel()), info());
    assert.deepEqual(result.diagnostics, []);
    assert.equal(result.spec?.input, 5);
  });

  it('a declared input that differs from the data is reported on the input value', () => {
    const text = csvModel('"input": 4, ');
    const result = validateAgainstData(parseModel(text), info());
    const [diagnostic] = result.diagnostics;
    assert.equal(diagnostic.code, 'data-input-mismatch');
    assert.equal(slice(text, diagnostic.range), '4');
    assert.match(diagnostic.message, /"input" is 4, but the data has 5/);
    assert.equal(result.spec, undefined);
  });

  it('output units that differ from the class count are reported on the last layer\'s units', () => {
    const text = csvModel('', 2);
    const [diagnostic] = validateAgainstData(parseModel(text), info()).diagnostics;
    assert.equal(diagnostic.code, 'data-output-mismatch');
    assert.equal(diagnostic.range.offset, text.indexOf('2 }'));
    assert.match(diagnostic.message, /3 classes \(a, b, c\)/);
  });

  it('a class loss on a continuous target is reported on the loss', () => {
    const text = csvModel('', 1, 'binary_cross_entropy').replace('{ "units": 1 }', '{ "units": 1, "activation": "sigmoid" }');
    const diagnostics = validateAgainstData(parseModel(text), info({ task: 'regression', targetWidth: 1, classNames: undefined })).diagnostics;
    const diagnostic = diagnostics.find((d) => d.code === 'data-output-mismatch');
    assert.ok(diagnostic);
    assert.equal(slice(text, diagnostic.range), '"binary_cross_entropy"');
    assert.match(diagnostic.message, /use "loss": "mse"/);
  });

  it('too many samples for LIMITS.maxSamples are reported on the data object', () => {
    const text = csvModel();
    const [diagnostic] = validateAgainstData(parseModel(text), info({ count: 2_000_000 })).diagnostics;
    assert.equal(diagnostic.code, 'data-too-small');
    assert.equal(slice(text, diagnostic.range), '{ "source": "csv", "path": "d.csv", "target": "label" }');
    assert.match(diagnostic.message, /1,000,000 \(LIMITS\.maxSamples\)/);
  });

  it('an input width from the data is checked against the parameter budget', () => {
    const [diagnostic] = validateAgainstData(parseModel(csvModel()), info({ inputWidth: 70_000 })).diagnostics;
    assert.equal(diagnostic.code, 'out-of-range');
    assert.match(diagnostic.message, /70,000.*65,536 \(LIMITS\.maxLayerWidth\)/);
  });

  it('does not repeat the parse diagnostics of a static source', () => {
    const parsed = parseModel('{ "layers": [{ "units": 1 }], "data": { "source": "xor" }, "junk": 1 }');
    assert.equal(parsed.diagnostics.length, 1);
    const result = validateAgainstData(parsed, info({ inputWidth: 2, targetWidth: 1, task: 'binary', classNames: ['0', '1'] }));
    assert.equal(result.diagnostics.length, 1);
    assert.ok(result.spec);
  });
});

describe('resolveModel', () => {
  it('parses, loads and validates in one call', async () => {
    const resolved = await resolveModel(csvModel('"training": { "batchSize": 4 }, '), memoryReader({ 'd.csv': 'p,q,label\n1,2,a\n3,4,b\n5,6,c\n7,8,a\n9,1,b\n' }));
    assert.deepEqual(resolved.diagnostics, []);
    assert.equal(resolved.spec?.input, 2);
    assert.equal(resolved.dataset?.count, 5);
  });

  it('a broken CSV becomes a data-load-failed diagnostic on "path" with row and column', async () => {
    const text = csvModel();
    const resolved = await resolveModel(text, memoryReader({ 'd.csv': 'p,q,label\n1,2,a\n3,x,b\n' }));
    const [diagnostic] = resolved.diagnostics;
    assert.equal(diagnostic.code, 'data-load-failed');
    assert.equal(slice(text, diagnostic.range), '"d.csv"');
    assert.equal(diagnostic.line, 2);
    assert.match(diagnostic.message, /row 3, column 2 \("q"\)/);
    assert.equal(resolved.spec, undefined);
  });

  it('a missing target column points at "target"', async () => {
    const text = csvModel();
    const resolved = await resolveModel(text, memoryReader({ 'd.csv': 'p,q,class\n1,2,a\n' }));
    assert.equal(slice(text, resolved.diagnostics[0].range), '"label"');
  });
});
