// The CSV row limit (LIMITS.maxSamples): a file with exactly that many data rows loads, and one
// more row is refused with a message naming the row, the limit and where the limit lives.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csvToDataset, type CsvOptions } from '../../../src/data/csv';
import { LIMITS } from '../../../src/core/limits';
import { dataError } from './dataErrors';

const options: CsvOptions = { target: 'label', normalize: 'none', loss: 'binary_cross_entropy', fileName: 'many.csv' };

/** A header and `rows` data rows of one feature and a 0/1 label. */
function csvWithRows(rows: number): string {
  return `x,label\n${'1,0\n0,1\n'.repeat(Math.floor(rows / 2))}${rows % 2 === 1 ? '1,0\n' : ''}`;
}

test(`a CSV file with ${LIMITS.maxSamples.toLocaleString('en-US')} data rows (LIMITS.maxSamples) loads`, () => {
  assert.equal(csvToDataset(csvWithRows(LIMITS.maxSamples), options).count, LIMITS.maxSamples);
});

test('one data row more is refused, naming the row, the limit and LIMITS.maxSamples', () => {
  const error = dataError(() => csvToDataset(csvWithRows(LIMITS.maxSamples + 1), options));
  // Line 1 is the header, so the first row over the limit is on line maxSamples + 2.
  const line = LIMITS.maxSamples + 2;
  assert.equal(error.row, line);
  assert.match(error.message, new RegExp(`many\\.csv has more than ${LIMITS.maxSamples.toLocaleString('en-US')} data rows \\(row ${line} is one too many\\)`));
  assert.match(error.message, /\(LIMITS\.maxSamples\)/);
});
