/**
 * RFC 4180 CSV text → rows of fields, keeping each row's 1-based line number so errors can say
 * where. Handles quoted fields (with "" escapes and embedded commas and line breaks), CRLF, LF
 * and a UTF-8 byte-order mark. Blank lines are skipped.
 *
 * `CsvRowReader` takes the text in chunks of any size (a quote, a CRLF or a field may straddle two
 * chunks) and hands each row on as soon as it ends, so a large file is never held as one string
 * nor as an array of every row's fields.
 */
import { LIMITS } from '../core/limits';
import { DataError } from './errors';

export interface CsvRow {
  /** 1-based line of the row's first character in the file. */
  readonly line: number;
  readonly fields: readonly string[];
}

type TokenizerState = 'field' | 'quoted' | 'quoteInQuoted';

export class CsvRowReader {
  private line = 1;
  private rowLine = 1;
  private fields: string[] = [];
  private field = '';
  private rowHasContent = false;
  private state: TokenizerState = 'field';
  private quoteOpenLine = 0;
  /** The previous character was a CR: an LF right after it belongs to the same line break. */
  private afterCR = false;
  private atStart = true;
  /** Characters of the current row's fields so far, checked against LIMITS.maxCsvRowChars. */
  private rowChars = 0;

  constructor(private readonly onRow: (row: CsvRow) => void) {}

  push(chunk: string): this {
    let i = 0;
    if (this.atStart && chunk.length > 0) {
      this.atStart = false;
      if (chunk.charCodeAt(0) === 0xfeff) i = 1;
    }
    for (; i < chunk.length; i++) {
      const ch = chunk[i];
      const lfOfCRLF = this.afterCR && ch === '\n';
      this.afterCR = false;
      if (this.state === 'quoteInQuoted') {
        if (ch === '"') {
          this.grow(1);
          this.field += '"';
          this.state = 'quoted';
          continue;
        }
        this.state = 'field'; // the quote closed the field; this character is read as unquoted
      }
      if (this.state === 'quoted') {
        if (ch === '"') {
          this.state = 'quoteInQuoted';
        } else if (ch === '\r' || ch === '\n') {
          if (!lfOfCRLF) this.line++;
          this.afterCR = ch === '\r';
          this.grow(1);
          this.field += ch;
        } else {
          // Runs of ordinary characters are copied in one slice rather than one by one.
          let end = i + 1;
          while (end < chunk.length && chunk[end] !== '"' && chunk[end] !== '\r' && chunk[end] !== '\n') end++;
          this.grow(end - i);
          this.field += chunk.slice(i, end);
          i = end - 1;
        }
        continue;
      }
      if (lfOfCRLF) continue;
      if (!this.rowHasContent) this.rowLine = this.line;
      if (ch === '"' && this.field === '') {
        this.state = 'quoted';
        this.quoteOpenLine = this.line;
        this.rowHasContent = true;
      } else if (ch === ',') {
        this.grow(1);
        if (this.fields.length + 1 >= LIMITS.maxCsvColumns) this.tooManyColumns();
        this.fields.push(this.field);
        this.field = '';
        this.rowHasContent = true;
      } else if (ch === '\r' || ch === '\n') {
        this.endRow();
        this.line++;
        this.afterCR = ch === '\r';
      } else {
        let end = i + 1;
        while (end < chunk.length && chunk[end] !== ',' && chunk[end] !== '\r' && chunk[end] !== '\n') end++;
        this.grow(end - i);
        const run = chunk.slice(i, end);
        this.field += run;
        if (!this.rowHasContent && run.trim() !== '') this.rowHasContent = true;
        i = end - 1;
      }
    }
    return this;
  }

  /** The text has ended: emits the last row. @throws DataError for a quote never closed. */
  end(): void {
    if (this.state === 'quoted') {
      throw new DataError('ragged-row',
        `Row ${this.rowLine}, column ${this.fields.length + 1}: a quoted field opened on line ${this.quoteOpenLine} is never closed; add the closing double quote.`,
        { row: this.rowLine, column: this.fields.length + 1 });
    }
    this.endRow();
  }

  private endRow(): void {
    if (this.rowHasContent) this.onRow({ line: this.rowLine, fields: [...this.fields, this.field] });
    this.fields = [];
    this.field = '';
    this.rowHasContent = false;
    this.rowChars = 0;
  }

  /**
   * Counts characters added to the current row, and refuses a row longer than the limit before
   * it is held: one line of a few hundred megabytes (a small gzip can inflate to one) would
   * otherwise become a string too large for the JavaScript engine.
   */
  private grow(characters: number): void {
    this.rowChars += characters;
    if (this.rowChars <= LIMITS.maxCsvRowChars) return;
    throw new DataError('row-too-long',
      `Row ${this.rowLine} is longer than ${LIMITS.maxCsvRowChars.toLocaleString('en-US')} characters (LIMITS.maxCsvRowChars); ` +
      'a CSV row holds one sample: check that the file has line breaks and is really CSV.',
      { row: this.rowLine });
  }

  private tooManyColumns(): never {
    throw new DataError('too-many-columns',
      `Row ${this.rowLine} has more than ${LIMITS.maxCsvColumns.toLocaleString('en-US')} columns (LIMITS.maxCsvColumns); ` +
      'Gradient Lens reads at most that many: keep the feature columns you need.',
      { row: this.rowLine, column: LIMITS.maxCsvColumns + 1 });
  }
}

/** Every row of a whole text (small files and tests; large files go through CsvRowReader). */
export function parseCsvText(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  new CsvRowReader((row) => rows.push(row)).push(text).end();
  return rows;
}
