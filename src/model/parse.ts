/**
 * parseModel: model-file text → diagnostics, source ranges and (when valid) the normalized spec.
 *
 * Flow for callers (CLI and extension alike):
 *   const parsed = parseModel(text);
 *   if (parsed.spec) → ready (the source determined the input width, and the data rules ran).
 *   else if (parsed.draft) → load parsed.draft.data (loadDataset), then validateAgainstData(parsed, dataset).
 *   else → show parsed.diagnostics.
 * resolveModel (resolve.ts) does all three steps.
 */
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { LIMITS } from '../core/limits';
import { staticDatasetInfo } from '../data/info';
import { checkAgainstData } from './dataRules';
import { DEFAULT_MODEL_NAME, defaultLossForSource, knownInputWidth, lossForOutputActivation } from './defaults';
import { DiagnosticSink, LineIndex, type ModelDiagnostic } from './diagnostics';
import { ROOT_KEYS } from './keys';
import { formatCount } from '../core/messages';
import { ObjectReader, type ReadContext } from './objectReader';
import { emptyRanges, type ModelRanges } from './ranges';
import { readData } from './readData';
import { completeLayers, readLayers } from './readLayers';
import { readTraining } from './readTraining';
import { scanStructure } from './structureScan';
import { checkLayerRulesDespiteErrors, checkModelRules, checkNetworkSize } from './rules';
import { LOSSES, type DataSpec, type LossName, type ModelSpec } from '../core/spec';

/** A ModelSpec whose input width may still be unknown (csv and idx sources without "input"). */
export type ModelDraft = Omit<ModelSpec, 'input'> & { readonly input?: number };

export interface ParsedModel {
  /** The normalized spec: present when there are no errors and the input width is known. */
  readonly spec?: ModelSpec;
  /** Present when there are no errors; load its data, then call validateAgainstData. */
  readonly draft?: ModelDraft;
  /** Every diagnostic, errors first by position. */
  readonly diagnostics: readonly ModelDiagnostic[];
  /** Diagnostics before any data rule ran; validateAgainstData starts from these. */
  readonly structuralDiagnostics: readonly ModelDiagnostic[];
  readonly ranges: ModelRanges;
  readonly lines: LineIndex;
  readonly text: string;
}

export const INPUT_RULE = {
  integer: true, min: 1, max: LIMITS.maxLayerWidth,
  hint: `It is n₀, the number of features; at most ${formatCount(LIMITS.maxLayerWidth)} (LIMITS.maxLayerWidth).`,
} as const;

/** jsonc-parser's error names, in words a user reads. */
const SYNTAX_MESSAGES: Record<string, string> = {
  InvalidSymbol: 'Unexpected character; JSON values are objects, arrays, strings in double quotes, numbers, true, false or null.',
  InvalidNumberFormat: 'Invalid number; write numbers like 0.01, 1e-3 or 16 (no leading "+", no trailing ".").',
  PropertyNameExpected: 'Expected a key in double quotes, like "units".',
  ValueExpected: 'Expected a value after the colon.',
  ColonExpected: 'Expected ":" between the key and its value.',
  CommaExpected: 'Expected "," between entries.',
  CloseBraceExpected: 'Expected "}" to close the object.',
  CloseBracketExpected: 'Expected "]" to close the array.',
  EndOfFileExpected: 'Unexpected text after the end of the model object.',
  InvalidCommentToken: 'Invalid comment; use // line comments or /* block comments */.',
  UnexpectedEndOfComment: 'Unterminated block comment; close it with */.',
  UnexpectedEndOfString: 'Unterminated string; close it with a double quote.',
  UnexpectedEndOfNumber: 'Unterminated number.',
  InvalidUnicode: 'Invalid \\u escape; it needs four hex digits.',
  InvalidEscapeCharacter: 'Invalid escape; valid ones are \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX.',
  InvalidCharacter: 'Invalid character in a string (control characters must be escaped).',
};

function reportSyntaxErrors(errors: readonly ParseError[], sink: DiagnosticSink): void {
  for (const error of errors) {
    const name = printParseErrorCode(error.error);
    sink.error('syntax', { offset: error.offset, length: Math.max(1, error.length) }, SYNTAX_MESSAGES[name] ?? `Syntax error (${name}).`);
  }
}

/** Loss written, else implied by an explicit output activation, else by the kind of data. */
function resolveLoss(written: LossName | undefined, outputActivation: string | undefined, data: DataSpec | undefined): LossName {
  if (written) return written;
  if (outputActivation) return lossForOutputActivation(outputActivation as Parameters<typeof lossForOutputActivation>[0]);
  return data ? defaultLossForSource(data.source) : 'mse';
}

/**
 * The text with a leading UTF-8 byte-order mark (U+FEFF, which some Windows editors write)
 * replaced by a space, which JSON allows, so every offset still points into `text`.
 */
function withoutByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
}

function byPosition(a: ModelDiagnostic, b: ModelDiagnostic): number {
  return a.range.offset - b.range.offset;
}

export function parseModel(text: string): ParsedModel {
  const lines = new LineIndex(text);
  const sink = new DiagnosticSink(lines);
  const ranges = emptyRanges(text.length);
  const done = (draft?: ModelDraft, spec?: ModelSpec, structural = sink.diagnostics): ParsedModel => ({
    spec, draft, ranges, lines, text,
    diagnostics: [...sink.diagnostics].sort(byPosition),
    structuralDiagnostics: [...structural].sort(byPosition),
  });
  const tooLarge = scanStructure(text);
  if (tooLarge) {
    sink.error(tooLarge.code, tooLarge.range, tooLarge.message);
    return done();
  }
  const errors: ParseError[] = [];
  const root: Node | undefined = parseTree(withoutByteOrderMark(text), errors, { allowTrailingComma: true, disallowComments: false });
  reportSyntaxErrors(errors, sink);

  if (!root || root.type !== 'object') {
    if (errors.length === 0) {
      sink.error('wrong-type', root ? { offset: root.offset, length: root.length } : { offset: 0, length: text.length },
        'A model file is one JSON object, e.g. { "layers": [{ "units": 1 }], "data": { "source": "xor" } }.');
    }
    return done();
  }
  ranges.root = { offset: root.offset, length: root.length };
  // With syntax errors the tree is a best guess: read it for ranges (hover still works) but keep
  // only the syntax diagnostics, which are the ones to fix first.
  const readSink = errors.length > 0 ? new DiagnosticSink(lines) : sink;
  const context: ReadContext = { text, sink: readSink, ranges };
  const model = new ObjectReader(context, root, '', 'the model');
  model.warnUnknownKeys(ROOT_KEYS);
  const name = model.string('name') ?? DEFAULT_MODEL_NAME;
  const declaredInput = model.number('input', INPUT_RULE);
  const writtenLoss = model.enumValue('loss', LOSSES);
  const written = readLayers(context, model);
  const { training } = readTraining(context, model);
  const { data } = readData(context, model, training.seed);
  if (errors.length > 0 || !written) return done();

  const loss = resolveLoss(writtenLoss, written[written.length - 1]?.activation, data);
  const layers = completeLayers(written, loss);
  if (sink.hasErrors || !data) {
    checkLayerRulesDespiteErrors({ layers, loss }, ranges, sink);
    return done();
  }
  const input = declaredInput ?? knownInputWidth(data.source);
  const draft: ModelDraft = { name, ...(input !== undefined ? { input } : {}), layers, loss, data, training };
  checkModelRules(draft, ranges, sink);
  if (input !== undefined) checkNetworkSize(input, draft, ranges, sink, declaredInput !== undefined ? 'input' : 'data');
  const structural = [...sink.diagnostics];
  const info = staticDatasetInfo(data, loss);
  if (info) checkAgainstData(draft, info, ranges, sink);
  if (sink.hasErrors) return done(undefined, undefined, structural);
  const spec = input !== undefined && info ? ({ ...draft, input } as ModelSpec) : undefined;
  // An explicit input on a csv/idx source still needs the data check, so such models stay drafts.
  return done(draft, spec, structural);
}
