import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { loadBundled } from '../../../src/data/bundled';
import { BUNDLED_FACTS } from '../../../src/data/info';
import { REPO_ROOT } from '../../support/repoRoot';
import { folderReader } from './readers';

const bundledFolder = folderReader(resolve(REPO_ROOT, 'data'));
const readBundled = (name: string): Promise<Uint8Array> => bundledFolder.readFile(name);

describe('bundled datasets', () => {
  it('iris: 150 samples × 4 features, 3 species of 50', async () => {
    const data = await loadBundled('iris', 'none', 'cross_entropy', readBundled);
    assert.equal(data.count, 150);
    assert.equal(data.inputWidth, 4);
    assert.deepEqual(data.classNames, ['setosa', 'versicolor', 'virginica']);
    assert.deepEqual(data.featureNames, ['sepal_length', 'sepal_width', 'petal_length', 'petal_width']);
    assert.deepEqual(data.featureNames, BUNDLED_FACTS.iris.featureNames, 'the editor\'s static facts agree with the file');
    const perClass = [0, 0, 0];
    for (let i = 0; i < 150; i++) for (let c = 0; c < 3; c++) perClass[c] += data.targets[3 * i + c];
    assert.deepEqual(perClass, [50, 50, 50]);
    // First row of Fisher's data: 5.1, 3.5, 1.4, 0.2, setosa.
    assert.deepEqual([...data.inputs.subarray(0, 4)], [5.1, 3.5, 1.4, 0.2]);
  });
  it('digits: 1,797 8×8 images, 10 classes, pixels 0–16 scaled to [0, 1] by minmax', async () => {
    const data = await loadBundled('digits', 'minmax', 'cross_entropy', readBundled);
    // sklearn's load_digits: 1,797 images of the digits 0–9.
    assert.equal(data.count, 1797);
    assert.equal(data.inputWidth, 64);
    assert.deepEqual(data.imageShape, [8, 8]);
    assert.deepEqual(data.classNames, ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    assert.deepEqual([data.count, data.classNames], [BUNDLED_FACTS.digits.count, BUNDLED_FACTS.digits.classNames], 'the editor\'s static facts agree with the file');
    // sklearn's first digit is a 0 whose first row is 0 0 5 13 9 1 0 0.
    assert.deepEqual([...data.inputs.subarray(0, 8)], [0, 0, 5, 13, 9, 1, 0, 0].map((v) => v / 16));
    assert.equal(data.targets[0], 1);
  });
});
