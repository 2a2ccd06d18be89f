import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { csvToDataset, type CsvOptions } from '../../../src/data/csv';
import { parseCsvText } from '../../../src/data/csvText';
import { dataError } from './dataErrors';
import { dataFixture } from './readers';

const fixture = (name: string): string => dataFixture(name).toString('utf8');
const options = (extra: Partial<CsvOptions> = {}): CsvOptions => ({ target: 'label', normalize: 'none', loss: 'cross_entropy', ...extra });

describe('parseCsvText', () => {
  it('reads quoted fields with commas, "" escapes, CRLF, line breaks inside quotes, and skips blank lines', () => {
    const rows = parseCsvText(fixture('quoted-crlf.csv'));
    assert.deepEqual(rows.map((row) => row.fields), [
      ['name', 'note, quoted', 'value', 'class'],
      ['a "b"', 'line1\r\nline2', '1.5', 'yes'],
      ['c', 'plain', '-2e1', 'no'],
    ]);
    // The second record spans lines 2–3, then a blank line 4, so the third starts on line 5.
    assert.deepEqual(rows.map((row) => row.line), [1, 2, 5]);
  });
  it('strips a byte-order mark and accepts a missing final newline', () => {
    assert.deepEqual(parseCsvText('\ufeffa,b\n1,2').map((row) => row.fields), [['a', 'b'], ['1', '2']]);
  });
  it('reports an unterminated quote with its row and column', () => {
    const error = dataError(() => parseCsvText('a,b\n1,"open\n'));
    assert.equal(error.row, 2);
    assert.equal(error.column, 2);
  });
});

describe('csvToDataset', () => {
  it('cross_entropy: string labels one-hot in sorted order, features in header order', () => {
    const data = csvToDataset(fixture('points.csv'), options());
    assert.deepEqual(data.classNames, ['a', 'b', 'c']);
    assert.deepEqual(data.featureNames, ['x', 'y']);
    assert.deepEqual([...data.inputs], [1, 10, 2, 20, 3, 30, 4, 40]);
    assert.deepEqual([...data.targets], [0, 1, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1]);
    assert.equal(data.task, 'classification');
  });
  it('cross_entropy: integer labels sorted numerically (2 before 10)', () => {
    const data = csvToDataset('x,label\n1,10\n2,2\n3,7\n', options());
    assert.deepEqual(data.classNames, ['2', '7', '10']);
    assert.deepEqual([...data.targets], [0, 0, 1, 1, 0, 0, 0, 1, 0]);
  });
  it('binary_cross_entropy: 0/1 values stay 0/1 in one column', () => {
    const data = csvToDataset('x,label\n1,1\n2,0\n3,1.0\n', options({ loss: 'binary_cross_entropy' }));
    assert.deepEqual([...data.targets], [1, 0, 1]);
    assert.equal(data.targetWidth, 1);
    assert.equal(data.task, 'binary');
  });
  it('binary_cross_entropy: exactly two labels map to 0 and 1 in sorted order', () => {
    const data = csvToDataset(fixture('quoted-crlf.csv'), { target: 'class', features: ['value'], normalize: 'none', loss: 'binary_cross_entropy' });
    assert.deepEqual(data.classNames, ['no', 'yes']);
    assert.deepEqual([...data.targets], [1, 0]);
    assert.deepEqual([...data.inputs], [1.5, -20]);
  });
  it('binary_cross_entropy: three labels are refused, naming them and suggesting cross_entropy', () => {
    const error = dataError(() => csvToDataset(fixture('points.csv'), options({ loss: 'binary_cross_entropy' })));
    assert.equal(error.code, 'bad-labels');
    assert.match(error.message, /3 \(a, b, c\)/);
    assert.match(error.message, /cross_entropy/);
  });
  it('mse: numeric target as a regression column', () => {
    const data = csvToDataset('x,y\n1,0.5\n2,-3\n', { target: 'y', normalize: 'none', loss: 'mse' });
    assert.deepEqual([...data.targets], [0.5, -3]);
    assert.equal(data.task, 'regression');
  });
  it('mse: a text target is an error at its row and column', () => {
    const error = dataError(() => csvToDataset(fixture('points.csv'), options({ loss: 'mse' })));
    assert.equal(error.code, 'non-numeric');
    assert.equal(error.row, 2);
    assert.equal(error.column, 3);
    assert.match(error.message, /row 2, column 3 \("label"\)/);
  });
  it('a non-numeric feature cell: row and column in the error and the message', () => {
    const error = dataError(() => csvToDataset(fixture('non-numeric.csv'), options()));
    assert.equal(error.code, 'non-numeric');
    assert.equal(error.row, 3);
    assert.equal(error.column, 2);
    assert.match(error.message, /row 3, column 2 \("y"\): "oops" is not a number/);
  });
  it('an empty feature cell is reported as empty', () => {
    assert.match(dataError(() => csvToDataset('x,label\n,a\n2,b\n', options())).message, /row 2, column 1 \("x"\): the cell is empty/);
  });
  it('a ragged row: row and the first missing column', () => {
    const error = dataError(() => csvToDataset(fixture('ragged.csv'), options()));
    assert.equal(error.code, 'ragged-row');
    assert.equal(error.row, 3);
    assert.equal(error.column, 3);
    assert.match(error.message, /2 fields but the header has 3/);
  });
  it('an empty file and a header-only file', () => {
    assert.equal(dataError(() => csvToDataset(fixture('empty.csv'), options())).code, 'empty-file');
    assert.match(dataError(() => csvToDataset('x,label\n', options())).message, /no data rows/);
  });
  it('a missing target column lists the columns and suggests the closest', () => {
    const error = dataError(() => csvToDataset(fixture('points.csv'), options({ target: 'lable' })));
    assert.equal(error.code, 'missing-column');
    assert.equal(error.key, 'target');
    assert.match(error.message, /Did you mean "label"\?/);
    assert.match(error.message, /Columns: x, y, label/);
  });
  it('a missing feature column points at "features"', () => {
    assert.equal(dataError(() => csvToDataset(fixture('points.csv'), options({ features: ['x', 'z'] }))).key, 'features');
  });
  it('features select and order the inputs', () => {
    assert.deepEqual([...csvToDataset(fixture('points.csv'), options({ features: ['y', 'x'] })).inputs.subarray(0, 2)], [10, 1]);
  });
  it('a repeated header name is refused', () => {
    const error = dataError(() => csvToDataset('x,x,label\n1,2,a\n', options()));
    assert.equal(error.code, 'duplicate-column');
    assert.equal(error.column, 2);
  });
  it('normalize standard: zero mean and unit population variance per column', () => {
    const data = csvToDataset(fixture('points.csv'), options({ normalize: 'standard' }));
    // x = 1..4: mean 2.5, population sd √1.25.
    const sd = Math.sqrt(1.25);
    const expected = [1, 2, 3, 4].map((x) => (x - 2.5) / sd);
    for (let i = 0; i < 4; i++) {
      assert.ok(Math.abs(data.inputs[2 * i] - expected[i]) < 1e-12);
      assert.ok(Math.abs(data.inputs[2 * i + 1] - expected[i]) < 1e-12);
    }
  });
  it('normalize minmax: each column to [0, 1]; constant columns to 0', () => {
    const data = csvToDataset('x,c,label\n1,5,a\n3,5,b\n2,5,a\n', options({ normalize: 'minmax' }));
    assert.deepEqual([...data.inputs], [0, 0, 1, 0, 0.5, 0]);
  });
});
