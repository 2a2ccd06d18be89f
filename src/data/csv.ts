/**
 * CSV text → Dataset. The first row names the columns; `target` names the target column and
 * `features` (default: every other column) the inputs. Targets are encoded per loss:
 *
 * - mse: the target must be numeric (regression, one column);
 * - cross_entropy: the target holds class labels (strings or integers), one-hot in sorted label
 *   order (numeric labels sorted numerically, others by code point);
 * - binary_cross_entropy: 0/1 values, or exactly two labels mapped to 0 and 1 in sorted order.
 *
 * Errors name the row (the 1-based line in the file, the header being line 1) and the column.
 */
import { LIMITS } from '../core/limits';
import type { LossName, NormalizeMode } from '../core/spec';
import { didYouMean, listNames, quoteText } from '../core/messages';
import { limitedContent } from './bytes';
import { CsvRowReader, type CsvRow } from './csvText';
import type { Dataset } from '../core/dataset';
import { encodeTargets } from './encode';
import { DataError, checkDatasetValues, type DataKey } from './errors';
import { normalizeColumns } from './normalize';

export interface CsvOptions {
  readonly target: string;
  readonly features?: readonly string[];
  readonly normalize: NormalizeMode;
  readonly loss: LossName;
  /** Named in messages. */
  readonly fileName?: string;
}

/** Plain decimal numbers only: "0x10", "Infinity" and "" are not data. */
const NUMBER_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function parseNumberCell(cell: string): number | undefined {
  const trimmed = cell.trim();
  if (!NUMBER_PATTERN.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}

/** "points.csv: " before a message about that file, or nothing when the file has no name. */
function filePrefix(fileName: string | undefined): string {
  return fileName ? `${quoteText(fileName)}: ` : '';
}

function where(fileName: string | undefined, row: number, column: number, header: readonly string[]): string {
  const name = header[column - 1];
  return `${filePrefix(fileName)}row ${row}, column ${column}${name !== undefined ? ` ("${quoteText(name)}")` : ''}`;
}

function columnIndex(columns: ReadonlyMap<string, number>, header: readonly string[], name: string, role: 'target' | 'features', fileName?: string): number {
  const index = columns.get(name);
  if (index !== undefined) return index;
  throw new DataError('missing-column',
    `${filePrefix(fileName)}there is no column "${quoteText(name)}" (the ${role === 'target' ? 'target' : 'feature'} named in "${role}").` +
    `${didYouMean(name, header)} Columns: ${listNames(header)}.`, { key: role, row: 1 });
}

/** Numeric labels sort numerically (2 before 10), others by code point; mixed sets sort as text. */
function sortLabels(labels: Iterable<string>): string[] {
  const distinct = [...new Set(labels)];
  const numeric = distinct.every((label) => parseNumberCell(label) !== undefined);
  return numeric
    ? distinct.sort((a, b) => Number(a) - Number(b))
    : distinct.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function encodeClassTargets(labels: readonly string[], lines: readonly number[], targetIndex: number, header: readonly string[], options: CsvOptions) {
  let classNames = sortLabels(labels);
  if (options.loss === 'binary_cross_entropy') {
    const zeroOne = labels.every((label) => { const v = parseNumberCell(label); return v === 0 || v === 1; });
    if (zeroOne) classNames = ['0', '1'];
    else if (classNames.length !== 2) {
      throw new DataError('bad-labels',
        `${filePrefix(options.fileName)}"binary_cross_entropy" needs a target of 0/1 values or exactly two labels, but column "${quoteText(options.target)}" has ` +
        `${classNames.length} (${listNames(classNames)}); use "cross_entropy" with a softmax output for more classes.`,
        { key: 'target', column: targetIndex + 1 });
    }
  } else if (classNames.length < 2) {
    throw new DataError('bad-labels',
      `${filePrefix(options.fileName)}column "${quoteText(options.target)}" has a single label (${quoteText(classNames[0])}); classification needs at least 2 classes.`,
      { key: 'target', column: targetIndex + 1 });
  }
  const indexOf = new Map(classNames.map((name, index) => [name, index]));
  const indices = labels.map((label) => indexOf.get(label) ?? indexOf.get(String(parseNumberCell(label))) ?? -1);
  const missing = indices.indexOf(-1);
  if (missing >= 0) {
    // Only reachable for 0/1 targets written differently ("1.0"): normalize them to their numeric value.
    throw new DataError('bad-labels', `${where(options.fileName, lines[missing], targetIndex + 1, header)}: cannot read label "${quoteText(labels[missing])}".`,
      { row: lines[missing], column: targetIndex + 1 });
  }
  return { classNames, ...encodeTargets(indices, classNames.length, options.loss) };
}

/** Floats reserved before the first data row; the array doubles as rows arrive. */
const INITIAL_INPUT_FLOATS = 64 * 1024;

/** Rows the first allocation holds: up to 1 024, fewer for wide files so it stays INITIAL_INPUT_FLOATS. */
function initialRows(width: number): number {
  return Math.max(1, Math.min(1024, Math.floor(INITIAL_INPUT_FLOATS / Math.max(1, width))));
}

/**
 * Builds a Dataset from CSV rows as they arrive: the header first, then each data row straight
 * into a growing Float64Array, so only the numbers and the target cells are kept.
 */
export class CsvDatasetBuilder {
  private header: string[] | undefined;
  private headerLine = 1;
  private targetIndex = 0;
  private featureNames: readonly string[] = [];
  private featureIndices: number[] = [];
  private inputs = new Float64Array(0);
  private count = 0;
  private readonly targetCells: string[] = [];
  private readonly lines: number[] = [];

  constructor(private readonly options: CsvOptions) {}

  /** @throws DataError with row and column. */
  addRow(row: CsvRow): void {
    if (!this.header) this.readHeader(row);
    else this.readDataRow(row);
  }

  /** @throws DataError for an empty file and for target problems (which need every label first). */
  finish(): Dataset {
    const { options, count } = this;
    if (!this.header) {
      throw new DataError('empty-file', `${options.fileName ?? 'The CSV file'} is empty; it needs a header row of column names and at least one data row.`, { row: 1 });
    }
    if (count === 0) throw new DataError('empty-file', `${options.fileName ?? 'The CSV file'} has a header but no data rows.`, { row: this.headerLine + 1 });
    const { header, targetIndex, featureNames, targetCells, lines } = this;
    const width = this.featureIndices.length;
    const inputs = this.inputs.length === count * width ? this.inputs : this.inputs.slice(0, count * width);
    const scaling = normalizeColumns(inputs, count, width, options.normalize);
    const inputScaling = options.normalize === 'none' ? {} : { inputScaling: { shift: Array.from(scaling.shift), scale: Array.from(scaling.scale) } };
    if (options.loss === 'mse') {
      const targets = new Float64Array(count);
      targetCells.forEach((cell, sample) => {
        const value = parseNumberCell(cell);
        if (value === undefined) {
          throw new DataError('non-numeric',
            `${where(options.fileName, lines[sample], targetIndex + 1, header)}: ${cell === '' ? 'the target is empty' : `"${quoteText(cell)}" is not a number`}; ` +
            'loss "mse" needs a numeric target (for class labels use "cross_entropy").',
            { row: lines[sample], column: targetIndex + 1, key: 'target' });
        }
        targets[sample] = value;
      });
      return { inputs, targets, count, inputWidth: width, targetWidth: 1, task: 'regression', featureNames, ...inputScaling };
    }
    targetCells.forEach((cell, sample) => {
      if (cell === '') {
        throw new DataError('bad-labels', `${where(options.fileName, lines[sample], targetIndex + 1, header)}: the target label is empty.`,
          { row: lines[sample], column: targetIndex + 1 });
      }
    });
    const encoded = encodeClassTargets(targetCells, lines, targetIndex, header, options);
    return {
      inputs, targets: encoded.targets, count, inputWidth: width, targetWidth: encoded.targetWidth, task: encoded.task,
      classNames: encoded.classNames, featureNames, ...inputScaling,
    };
  }

  private readHeader(row: CsvRow): void {
    const { fileName } = this.options;
    const header = row.fields.map((name) => name.trim());
    // One map lookup per column: a header of many thousand columns stays linear.
    const columns = new Map<string, number>();
    header.forEach((name, index) => {
      const first = columns.get(name);
      if (first !== undefined) {
        throw new DataError('duplicate-column',
          `${where(fileName, row.line, index + 1, header)}: column name "${quoteText(name)}" repeats column ${first + 1}; give every column a distinct name.`,
          { row: row.line, column: index + 1 });
      }
      columns.set(name, index);
    });
    this.targetIndex = columnIndex(columns, header, this.options.target, 'target', fileName);
    this.featureNames = this.options.features ?? header.filter((_, index) => index !== this.targetIndex);
    this.featureIndices = this.featureNames.map((name) => columnIndex(columns, header, name, 'features', fileName));
    this.inputs = new Float64Array(initialRows(this.featureIndices.length) * Math.max(1, this.featureIndices.length));
    this.header = header;
    this.headerLine = row.line;
  }

  private readDataRow(row: CsvRow): void {
    const { options, featureIndices, targetIndex } = this;
    const header = this.header ?? [];
    if (this.count >= LIMITS.maxSamples) {
      // Refused as soon as the limit is passed, without reading the rest of the file.
      throw new DataError('too-many-samples',
        `${options.fileName ?? 'The CSV file'} has more than ${LIMITS.maxSamples.toLocaleString('en-US')} data rows (row ${row.line} is one too many); ` +
        `at most ${LIMITS.maxSamples.toLocaleString('en-US')} are allowed (LIMITS.maxSamples).`, { row: row.line });
    }
    if (row.fields.length !== header.length) {
      const column = Math.min(row.fields.length, header.length) + 1;
      throw new DataError('ragged-row',
        `${filePrefix(options.fileName)}row ${row.line}, column ${column}: the row has ${row.fields.length} fields but the header has ${header.length}; ` +
        'every row needs one value per column (quote fields that contain commas).',
        { row: row.line, column });
    }
    const width = featureIndices.length;
    if ((this.count + 1) * width > this.inputs.length) {
      checkDatasetValues(this.count + 1, width, options.fileName ?? 'The CSV file', 'path');
      const grown = new Float64Array(Math.min(this.inputs.length * 2, LIMITS.maxDatasetValues));
      grown.set(this.inputs);
      this.inputs = grown;
    }
    const offset = this.count * width;
    featureIndices.forEach((fieldIndex, featureIndex) => {
      const value = parseNumberCell(row.fields[fieldIndex]);
      if (value === undefined) {
        const cell = row.fields[fieldIndex].trim();
        throw new DataError('non-numeric',
          `${where(options.fileName, row.line, fieldIndex + 1, header)}: ${cell === '' ? 'the cell is empty' : `"${quoteText(cell)}" is not a number`}; ` +
          'feature columns must hold plain numbers like 3.5 or -1e-3 (leave text columns out with "features").',
          { row: row.line, column: fieldIndex + 1 });
      }
      this.inputs[offset + featureIndex] = value;
    });
    this.targetCells.push(row.fields[targetIndex].trim());
    this.lines.push(row.line);
    this.count++;
  }
}

/** A whole CSV text → Dataset. @throws DataError with row and column for every problem in the file. */
export function csvToDataset(text: string, options: CsvOptions): Dataset {
  const builder = new CsvDatasetBuilder(options);
  new CsvRowReader((row) => builder.addRow(row)).push(text).end();
  return builder.finish();
}

/**
 * A CSV file read in chunks → Dataset: bytes are limit-checked (and inflated when gzipped) as
 * they come, decoded as UTF-8 across chunk boundaries, and tokenized row by row.
 */
export async function csvStreamToDataset(chunks: AsyncIterable<Uint8Array>, options: CsvOptions & { readonly key?: DataKey }): Promise<Dataset> {
  const builder = new CsvDatasetBuilder(options);
  const rows = new CsvRowReader((row) => builder.addRow(row));
  const decoder = new TextDecoder('utf-8');
  for await (const bytes of limitedContent(chunks, options.fileName ?? 'The CSV file', options.key)) {
    rows.push(decoder.decode(bytes, { stream: true }));
  }
  rows.push(decoder.decode()).end();
  return builder.finish();
}
