/**
 * Diagnostics of a model file: what is wrong, where (offset + length into the file text, and a
 * 1-based line/column for the CLI's `file:line:col: message`), and a stable code for tests and
 * quick fixes.
 */

/** A span of the model file text; offsets count UTF-16 code units, as VS Code and jsonc-parser do. */
export interface SourceRange {
  readonly offset: number;
  readonly length: number;
}

export type DiagnosticSeverity = 'error' | 'warning' | 'info';

/** Stable identifiers of every rule; messages may change wording, codes may not. */
export type DiagnosticCode =
  | 'syntax'
  | 'too-many-values'
  | 'over-memory-budget'
  | 'duplicate-key'
  | 'unknown-key'
  | 'wrong-type'
  | 'missing-key'
  | 'invalid-enum'
  | 'out-of-range'
  | 'not-integer'
  | 'empty-layers'
  | 'too-many-layers'
  | 'too-many-parameters'
  | 'softmax-not-last'
  | 'softmax-single-unit'
  | 'loss-output-mismatch'
  | 'unused-option'
  | 'nesterov-without-momentum'
  | 'fixed-class-count'
  | 'data-input-mismatch'
  | 'data-output-mismatch'
  | 'data-too-small'
  | 'data-load-failed'
  | 'batch-larger-than-data';

export interface ModelDiagnostic {
  readonly severity: DiagnosticSeverity;
  /** Says what is wrong and what would be right. */
  readonly message: string;
  readonly range: SourceRange;
  /** 1-based line of `range.offset`. */
  readonly line: number;
  /** 1-based column of `range.offset`, in UTF-16 code units. */
  readonly column: number;
  readonly code: DiagnosticCode;
}

/** Converts offsets to 1-based line/column; built once per text so each lookup is a binary search. */
export class LineIndex {
  /** Offset of the first character of each line. */
  private readonly lineStarts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      // CR LF counts as one line break; a lone CR too, as VS Code does.
      if (ch === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.lineStarts.push(i + 1);
      } else if (ch === 10 /* \n */) {
        this.lineStarts.push(i + 1);
      }
    }
  }

  /** 1-based line and column of a 0-based offset. */
  positionAt(offset: number): { line: number; column: number } {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - this.lineStarts[low] + 1 };
  }
}

/** Collects diagnostics for one text, filling line/column from the offsets. */
export class DiagnosticSink {
  readonly diagnostics: ModelDiagnostic[] = [];

  constructor(readonly lines: LineIndex) {}

  add(severity: DiagnosticSeverity, code: DiagnosticCode, range: SourceRange, message: string): void {
    const { line, column } = this.lines.positionAt(range.offset);
    this.diagnostics.push({ severity, code, range: { offset: range.offset, length: range.length }, line, column, message });
  }
  error(code: DiagnosticCode, range: SourceRange, message: string): void {
    this.add('error', code, range, message);
  }
  warning(code: DiagnosticCode, range: SourceRange, message: string): void {
    this.add('warning', code, range, message);
  }
  info(code: DiagnosticCode, range: SourceRange, message: string): void {
    this.add('info', code, range, message);
  }
  get hasErrors(): boolean {
    return this.diagnostics.some((d) => d.severity === 'error');
  }
}

/** `file:line:col: severity: message [code]`, the form problem matchers and terminals understand. */
export function formatDiagnostic(fileName: string, diagnostic: ModelDiagnostic): string {
  return `${fileName}:${diagnostic.line}:${diagnostic.column}: ${diagnostic.severity}: ${diagnostic.message} [${diagnostic.code}]`;
}
