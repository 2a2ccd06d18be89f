/**
 * RFC 4180 CSV text → rows of fields, keeping each row's 1-based line number so errors can say
 * where. Handles quoted fields (with "" escapes and embedded commas and line breaks), CRLF, LF
 * and a UTF-8 byte-order mark. Blank lines are skipped.
 */
import { DataError } from './errors';

export interface CsvRow {
  /** 1-based line of the row's first character in the file. */
  readonly line: number;
  readonly fields: readonly string[];
}

export function parseCsvText(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let position = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let fields: string[] = [];
  let field = '';
  let rowLine = 1;
  let rowHasContent = false;

  const endRow = (): void => {
    if (rowHasContent) rows.push({ line: rowLine, fields: [...fields, field] });
    fields = [];
    field = '';
    rowHasContent = false;
  };

  while (position < text.length) {
    const ch = text[position];
    if (!rowHasContent) rowLine = line;
    if (ch === '"' && field === '') {
      // A quoted field: read to the closing quote, unescaping "".
      const openLine = line;
      position++;
      rowHasContent = true;
      for (;;) {
        if (position >= text.length) {
          throw new DataError('ragged-row', `Row ${rowLine}, column ${fields.length + 1}: a quoted field opened on line ${openLine} is never closed; add the closing double quote.`,
            { row: rowLine, column: fields.length + 1 });
        }
        const inner = text[position];
        if (inner === '"') {
          if (text[position + 1] === '"') {
            field += '"';
            position += 2;
            continue;
          }
          position++;
          break;
        }
        if (inner === '\n' || (inner === '\r' && text[position + 1] !== '\n')) line++;
        field += inner;
        position++;
      }
      continue;
    }
    if (ch === ',') {
      fields.push(field);
      field = '';
      rowHasContent = true;
      position++;
    } else if (ch === '\r' || ch === '\n') {
      endRow();
      position += ch === '\r' && text[position + 1] === '\n' ? 2 : 1;
      line++;
    } else {
      field += ch;
      if (ch.trim() !== '') rowHasContent = true;
      position++;
    }
  }
  endRow();
  return rows;
}
