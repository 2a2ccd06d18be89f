/**
 * resolveModel: text → spec + dataset in one call (parse, load the data, check against it), for
 * the CLI and the extension alike. Data-loading failures become diagnostics on the `data` key
 * that names the faulty file (`path`, `images`, …), with the CSV row/column in the message.
 */
import type { Dataset } from '../core/dataset';
import { DataError } from '../data/errors';
import { loadDataset, type DataFileReader } from '../data/load';
import { DiagnosticSink, type ModelDiagnostic } from './diagnostics';
import { parseModel, type ParsedModel } from './parse';
import { rangeOf } from './ranges';
import type { ModelSpec } from '../core/spec';
import { validateAgainstData } from './validate';

export interface ResolvedModel {
  readonly parsed: ParsedModel;
  readonly spec?: ModelSpec;
  readonly dataset?: Dataset;
  readonly diagnostics: readonly ModelDiagnostic[];
}

/** A diagnostic for a data-loading failure, on the `data` value that names the culprit. */
export function dataLoadDiagnostic(parsed: ParsedModel, error: unknown): ModelDiagnostic {
  const sink = new DiagnosticSink(parsed.lines);
  const key = error instanceof DataError ? error.key : undefined;
  const message = error instanceof Error ? error.message : String(error);
  sink.error('data-load-failed', rangeOf(parsed.ranges, key ? `data.${key}` : 'data'), message);
  return sink.diagnostics[0];
}

export async function resolveModel(text: string, reader: DataFileReader, bundled?: DataFileReader): Promise<ResolvedModel> {
  const parsed = parseModel(text);
  if (!parsed.draft) return { parsed, diagnostics: parsed.diagnostics };
  let dataset: Dataset;
  try {
    dataset = await loadDataset(parsed.draft.data, parsed.draft.loss, reader, bundled);
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    return { parsed, diagnostics: [...parsed.structuralDiagnostics, dataLoadDiagnostic(parsed, error)] };
  }
  const validated = validateAgainstData(parsed, dataset);
  return { parsed, dataset, ...(validated.spec ? { spec: validated.spec } : {}), diagnostics: validated.diagnostics };
}
