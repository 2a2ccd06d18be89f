/** validateAgainstData: the second step for models whose data must be loaded to be checked. */
import type { DatasetInfo } from '../data/info';
import { checkAgainstData } from './dataRules';
import { DiagnosticSink, type ModelDiagnostic } from './diagnostics';
import type { ParsedModel } from './parse';
import type { ModelSpec } from '../core/spec';

export interface ValidatedModel {
  /** Present when neither parsing nor the data rules found an error. */
  readonly spec?: ModelSpec;
  /** The parse diagnostics followed by the data rules' diagnostics, by position. */
  readonly diagnostics: readonly ModelDiagnostic[];
}

/**
 * Checks a parsed model against its loaded data (input width, output units vs classes or target
 * columns, target kind vs loss, sample counts, and the parameter budget once n₀ is known), and
 * completes the spec with the data's input width when "input" was omitted.
 */
export function validateAgainstData(parsed: ParsedModel, info: DatasetInfo): ValidatedModel {
  if (!parsed.draft) return { diagnostics: parsed.diagnostics };
  const sink = new DiagnosticSink(parsed.lines);
  sink.diagnostics.push(...parsed.structuralDiagnostics);
  checkAgainstData(parsed.draft, info, parsed.ranges, sink);
  const diagnostics = [...sink.diagnostics].sort((a, b) => a.range.offset - b.range.offset);
  if (sink.hasErrors) return { diagnostics };
  return { spec: { ...parsed.draft, input: parsed.draft.input ?? info.inputWidth }, diagnostics };
}
