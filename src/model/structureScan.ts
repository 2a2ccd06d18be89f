/**
 * A flat pass over a model file's tokens before it is parsed into a tree: jsonc-parser's
 * `parseTree` recurses once per level of nesting and builds a node per value, so a file of
 * 100 000 nested `[` overflows the stack and one of millions of values exhausts the heap. The
 * scanner keeps no tree, so it finds either problem in time and memory linear in the text, and
 * stops at the first token past a limit.
 */
import { createScanner } from 'jsonc-parser';
import { LIMITS } from '../core/limits';
import type { DiagnosticCode, SourceRange } from './diagnostics';
import { formatCount } from '../core/messages';

/**
 * jsonc-parser's `SyntaxKind` values (a const enum in its typings, which isolated modules cannot
 * read, so the few this pass needs are spelled out).
 */
const TOKEN = {
  openBrace: 1, closeBrace: 2, openBracket: 3, closeBracket: 4,
  nullKeyword: 7, trueKeyword: 8, falseKeyword: 9, string: 10, number: 11, end: 17,
} as const;

/** Tokens that start a key or a value. */
const VALUE_TOKENS: ReadonlySet<number> = new Set([
  TOKEN.openBrace, TOKEN.openBracket, TOKEN.string, TOKEN.number, TOKEN.trueKeyword, TOKEN.falseKeyword, TOKEN.nullKeyword,
]);

export interface StructureProblem {
  readonly code: DiagnosticCode;
  readonly range: SourceRange;
  readonly message: string;
}

/** The first place where the text nests too deeply or holds too many values; undefined when it is within both limits. */
export function scanStructure(text: string): StructureProblem | undefined {
  const scanner = createScanner(text, true);
  let depth = 0;
  let values = 0;
  for (let token = scanner.scan(); token !== TOKEN.end; token = scanner.scan()) {
    const range = { offset: scanner.getTokenOffset(), length: Math.max(1, scanner.getTokenLength()) };
    if (token === TOKEN.openBrace || token === TOKEN.openBracket) {
      depth++;
      if (depth > LIMITS.maxNestingDepth) {
        return {
          code: 'syntax', range,
          message: `Objects and arrays nest more than ${LIMITS.maxNestingDepth} levels deep here (LIMITS.maxNestingDepth); a model file needs 3.`,
        };
      }
    } else if (token === TOKEN.closeBrace || token === TOKEN.closeBracket) {
      depth = Math.max(0, depth - 1);
    }
    if (VALUE_TOKENS.has(token) && ++values > LIMITS.maxModelValues) {
      return {
        code: 'too-many-values', range,
        message: `The file holds more than ${formatCount(LIMITS.maxModelValues)} keys and values (LIMITS.maxModelValues); ` +
          'a model file describes a network, not data: keep data in a CSV or IDX file named in "data".',
      };
    }
  }
  return undefined;
}
