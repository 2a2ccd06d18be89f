import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadDataset } from '../../../src/data/load';
import { rejection } from './dataErrors';
import { memoryReader } from './readers';

describe('loadDataset', () => {
  it('reads a CSV through the caller\'s reader', async () => {
    const data = await loadDataset({ source: 'csv', path: 'd.csv', target: 't', normalize: 'none' }, 'mse', memoryReader({ 'd.csv': 'a,t\n1,2\n3,4\n' }));
    assert.deepEqual([...data.inputs], [1, 3]);
    assert.deepEqual([...data.targets], [2, 4]);
  });
  it('a CSV error keeps its row/column and points at "path"', async () => {
    const error = await rejection(loadDataset({ source: 'csv', path: 'd.csv', target: 't', normalize: 'none' }, 'mse', memoryReader({ 'd.csv': 'a,t\nx,2\n' })));
    assert.equal(error.row, 2);
    assert.equal(error.column, 1);
    assert.equal(error.key, 'path');
    assert.match(error.message, /^d\.csv: row 2, column 1/);
  });
  it('a missing file is a DataError on "path" saying paths are relative to the model', async () => {
    const error = await rejection(loadDataset({ source: 'csv', path: 'nope.csv', target: 't', normalize: 'none' }, 'mse', memoryReader({})));
    assert.equal(error.code, 'file-unreadable');
    assert.equal(error.key, 'path');
    assert.match(error.message, /relative to the model file/);
  });
  it('refuses a file over LIMITS.maxDataFileBytes before reading it, citing the limit', async () => {
    const reader = memoryReader({ 'big.csv': 'a,t\n1,2\n' }, { 'big.csv': 300 * 1024 * 1024 });
    const error = await rejection(loadDataset({ source: 'csv', path: 'big.csv', target: 't', normalize: 'none' }, 'mse', reader));
    assert.equal(error.code, 'file-too-large');
    assert.match(error.message, /300\.0 MiB.*256 MiB \(LIMITS\.maxDataFileBytes\)/);
  });
  it('generates synthetic data without any reader access', async () => {
    const data = await loadDataset({ source: 'moons', samples: 20, noise: 0, classes: 2, seed: 1 }, 'binary_cross_entropy', memoryReader({}));
    assert.equal(data.count, 20);
    assert.equal(data.targetWidth, 1);
  });
  it('bundled sources need the bundled reader', async () => {
    const error = await rejection(loadDataset({ source: 'iris', normalize: 'standard' }, 'cross_entropy', memoryReader({})));
    assert.match(error.message, /reader for the extension's data folder/);
  });
  it('reads bundled files through the bundled reader only', async () => {
    const bundled = memoryReader({ 'iris.csv': 'sepal_length,sepal_width,petal_length,petal_width,species\n1,2,3,4,a\n5,6,7,8,b\n' });
    const data = await loadDataset({ source: 'iris', normalize: 'none' }, 'cross_entropy', memoryReader({}), bundled);
    assert.deepEqual(data.classNames, ['a', 'b']);
  });
});
