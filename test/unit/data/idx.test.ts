import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { idxToDataset, parseIdx, type IdxOptions } from '../../../src/data/idx';
import { dataError } from './dataErrors';
import { dataFixture } from './readers';

const fixture = (name: string): Uint8Array => new Uint8Array(dataFixture(name));
const options = (extra: Partial<IdxOptions> = {}): IdxOptions =>
  ({ loss: 'cross_entropy', normalize: 'none', imagesName: 'images', labelsName: 'labels', ...extra });

describe('IDX', () => {
  it('reads a raw image/label pair: pixels, imageShape, one-hot labels', () => {
    const data = idxToDataset(fixture('tiny-images-idx3-ubyte'), fixture('tiny-labels-idx1-ubyte'), options());
    assert.equal(data.count, 5);
    assert.equal(data.inputWidth, 6);
    assert.deepEqual(data.imageShape, [3, 2]);
    assert.deepEqual([...data.inputs.subarray(6, 12)], [10, 11, 12, 13, 14, 15]);
    assert.deepEqual(data.classNames, ['0', '1', '2']);
    assert.deepEqual([...data.targets.subarray(6, 9)], [0, 0, 1]);
  });
  it('gzip files give the same dataset as raw ones', () => {
    const raw = idxToDataset(fixture('tiny-images-idx3-ubyte'), fixture('tiny-labels-idx1-ubyte'), options());
    const gzip = idxToDataset(fixture('tiny-images-idx3-ubyte.gz'), fixture('tiny-labels-idx1-ubyte.gz'), options());
    assert.deepEqual(gzip, raw);
  });
  it('minmax scales all pixels together to [0, 1]; limit keeps the first samples', () => {
    const data = idxToDataset(fixture('tiny-images-idx3-ubyte'), fixture('tiny-labels-idx1-ubyte'), options({ normalize: 'minmax', limit: 2 }));
    assert.equal(data.count, 2);
    // With two images the pixels are 0..5 and 10..15: range 15.
    assert.deepEqual([...data.inputs], [0, 1, 2, 3, 4, 5, 10, 11, 12, 13, 14, 15].map((v) => v / 15));
  });
  it('a bad magic number names the expected one', () => {
    const error = dataError(() => parseIdx(fixture('bad-magic-idx3-ubyte'), 3, 'bad.idx'));
    assert.equal(error.code, 'bad-idx');
    assert.match(error.message, /magic number 12 34 08 03 .*expected 00 00 08 03/);
  });
  it('swapped files: a label file where images are expected', () => {
    assert.match(dataError(() => parseIdx(fixture('tiny-labels-idx1-ubyte'), 3, 'x')).message, /1 dimension.*swapped/);
  });
  it('a truncated file says how many values are declared and present', () => {
    assert.match(dataError(() => parseIdx(fixture('truncated-images-idx3-ubyte'), 3, 'x')).message, /5 × 3 × 2 = 30 values, but the file holds 26; it is truncated/);
  });
  it('non-byte value types are refused', () => {
    assert.match(dataError(() => parseIdx(fixture('float-images-idx3-ubyte'), 3, 'x')).message, /value type 0x0d/);
  });
  it('image and label counts must match', () => {
    const error = dataError(() => idxToDataset(fixture('tiny-images-idx3-ubyte'), fixture('four-labels-idx1-ubyte'), options()));
    assert.match(error.message, /5 images but labels has 4 labels/);
    assert.equal(error.key, 'labels');
  });
  it('an empty file is too short for a header', () => {
    assert.match(dataError(() => parseIdx(new Uint8Array(0), 1, 'x')).message, /0 bytes/);
  });

  const fashion = '/usr/share/datasets/fashion-mnist';
  it('reads Debian\'s Fashion-MNIST test set (28×28, 10 classes)', () => {
    // Never skipped: npm test installs the package (scripts/ensure-code-server.sh) when it can.
    assert.ok(existsSync(fashion), `${fashion} is missing: install Debian's dataset-fashion-mnist package`);
    const read = (name: string): Uint8Array => new Uint8Array(readFileSync(`${fashion}/${name}`));
    const data = idxToDataset(read('t10k-images-idx3-ubyte.gz'), read('t10k-labels-idx1-ubyte.gz'), options({ normalize: 'minmax', limit: 1000 }));
    assert.equal(data.count, 1000);
    assert.equal(data.inputWidth, 784);
    assert.deepEqual(data.imageShape, [28, 28]);
    assert.equal(data.targetWidth, 10);
    assert.ok(data.inputs.every((v) => v >= 0 && v <= 1));
    // The first test label of Fashion-MNIST is 9 (ankle boot).
    assert.equal(data.targets[9], 1);
  });
});
