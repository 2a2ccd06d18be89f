/** The model-file API in one import: parsing, validation, shapes and the all-in-one resolver. */
export { parseModel, type ParsedModel, type ModelDraft } from './parse';
export { validateAgainstData, type ValidatedModel } from './validate';
export { resolveModel, dataLoadDiagnostic, type ResolvedModel } from './resolve';
export { formatDiagnostic, LineIndex, type ModelDiagnostic, type DiagnosticCode, type SourceRange } from './diagnostics';
export { rangeOf, keyRangeOf, type ModelRanges, type PropertyRange } from './ranges';
export { validationCount } from './dataRules';
