/**
 * The CSV layout of "Export Snapshot…" (CSV): one file per tensor of a dump step record —
 * `input.csv`, `target.csv`, and `layer<l>-<quantity>.csv` for W, b, z, a, delta, dW, db of every
 * layer. Each file has a header row of 0-based column indices, then one line per tensor row; a
 * vector ([n]) is one row of n values. NaN and ±Infinity (null in the dump) are empty cells.
 * Pure, so the unit tests read it back without VS Code.
 */
import { DUMP_LAYER_QUANTITIES, type DumpStepRecord, type DumpTensor } from '../../engine/dumpFormat';

/** A file to write into the export folder. */
export interface CsvFile {
  readonly name: string;
  readonly text: string;
}

/** One tensor as CSV: header `0,1,…,C−1`, then R rows of C values (R×C = shape; [n] is 1×n). */
export function tensorToCsv(tensor: DumpTensor): string {
  const columns = tensor.shape.length === 0 ? 1 : tensor.shape[tensor.shape.length - 1];
  const rows = columns === 0 ? 0 : tensor.data.length / columns;
  const lines = [Array.from({ length: columns }, (_, j) => String(j)).join(',')];
  for (let r = 0; r < rows; r++) {
    lines.push(tensor.data.slice(r * columns, (r + 1) * columns).map((value) => (value === null ? '' : String(value))).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** Every tensor of a step record, as the files of the CSV export. */
export function stepRecordCsvFiles(record: DumpStepRecord): CsvFile[] {
  const files: CsvFile[] = [
    { name: 'input.csv', text: tensorToCsv(record.input) },
    { name: 'target.csv', text: tensorToCsv(record.target) },
  ];
  for (const layer of record.layers) {
    for (const quantity of DUMP_LAYER_QUANTITIES) files.push({ name: `layer${layer.index}-${quantity}.csv`, text: tensorToCsv(layer[quantity]) });
  }
  return files;
}
