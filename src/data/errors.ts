import { quoteText } from '../core/messages';
import { LIMITS } from '../core/limits';

/**
 * The one exception type of the data layer. It carries what a user needs to fix the file: a
 * message saying what is wrong and what would be right, and, where it applies, the 1-based CSV
 * row and column, and which key of the model's `data` object names the faulty input (so the
 * editor can underline `"path"` rather than the whole object).
 */
export type DataErrorCode =
  | 'file-too-large'
  | 'file-unreadable'
  | 'empty-file'
  | 'ragged-row'
  | 'row-too-long'
  | 'too-many-columns'
  | 'non-numeric'
  | 'missing-column'
  | 'duplicate-column'
  | 'bad-labels'
  | 'bad-idx'
  | 'not-a-file'
  | 'read-timeout'
  | 'outside-workspace'
  | 'too-many-samples'
  | 'too-many-values'
  | 'too-few-samples';

/** Key of the model's `data` object that an error points at. */
export type DataKey = 'source' | 'path' | 'target' | 'features' | 'images' | 'labels' | 'limit' | 'classes' | 'samples';

export interface DataErrorDetails {
  /** 1-based row in the file (the header is row 1 in a CSV). */
  readonly row?: number;
  /** 1-based column in the file (CSV field number). */
  readonly column?: number;
  /** The file the error is about, as named in the model file. */
  readonly file?: string;
  readonly key?: DataKey;
}

export class DataError extends Error {
  override readonly name = 'DataError';
  readonly row?: number;
  readonly column?: number;
  readonly file?: string;
  readonly key?: DataKey;

  constructor(readonly code: DataErrorCode, message: string, details: DataErrorDetails = {}) {
    super(message);
    this.row = details.row;
    this.column = details.column;
    this.file = details.file;
    this.key = details.key;
  }

  /** A copy naming the file and model key, for loaders that learn them only after parsing. */
  withContext(details: DataErrorDetails): DataError {
    return new DataError(this.code, this.message, {
      row: this.row, column: this.column, file: this.file ?? details.file, key: this.key ?? details.key,
    });
  }
}

/**
 * Refuses a data set of `count` samples × `width` inputs above LIMITS.maxDatasetValues, before
 * the array that holds them is allocated.
 */
export function checkDatasetValues(count: number, width: number, fileName: string, key: DataKey): void {
  if (count * width <= LIMITS.maxDatasetValues) return;
  throw new DataError('too-many-values',
    `${quoteText(fileName)} has ${count.toLocaleString('en-US')} samples × ${width.toLocaleString('en-US')} inputs = ${(count * width).toLocaleString('en-US')} values; ` +
    `a data set may hold at most ${LIMITS.maxDatasetValues.toLocaleString('en-US')} (LIMITS.maxDatasetValues). Use fewer samples ("limit" for IDX) or fewer features.`,
    { file: fileName, key });
}
