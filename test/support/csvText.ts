// Reading back the CSV files the extension exports (tensors, norm history), with a parser written
// here rather than imported: plain comma-separated cells, no quoting, one line per row.
import assert from 'node:assert/strict';

/** The header cells and the rows' cells, as text; the file must end with a newline. */
export function readCsv(text: string): { header: string[]; rows: string[][] } {
  const lines = text.split('\n');
  assert.equal(lines.pop(), '', 'ends with a newline');
  const [header, ...rows] = lines.map((line) => line.split(','));
  return { header, rows };
}
