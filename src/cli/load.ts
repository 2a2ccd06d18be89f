import { readFile } from 'node:fs/promises';
import { formatDiagnostic, resolveModel, type ResolvedModel } from '../model';
import type { Dataset } from '../core/dataset';
import type { ModelSpec } from '../core/spec';
import { checkModelFileSize, readWithinTime } from '../data/bytes';
import { DataError } from '../data/errors';
import { bundledReader, modelFolderReader, regularFileSize } from './files';

/** A problem that ends the command with exit code 1 and a message, never a stack trace. */
export class CliFailure extends Error {}

/** Reads, parses and validates a model file and loads its data; diagnostics in `file:line:col` form. */
export async function loadModel(modelPath: string): Promise<{ resolved: ResolvedModel; lines: string[] }> {
  let text: string;
  try {
    checkModelFileSize(await regularFileSize(modelPath, modelPath), modelPath);
    text = await readWithinTime(readFile(modelPath, 'utf8'), modelPath);
  } catch (error) {
    const reason = error instanceof DataError ? error.message : (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new CliFailure(`${modelPath}: cannot read the model file: ${reason}`);
  }
  const resolved = await resolveModel(text, modelFolderReader(modelPath), bundledReader());
  return { resolved, lines: resolved.diagnostics.map((d) => formatDiagnostic(modelPath, d)) };
}

/** Like loadModel, but only a valid model with its data is acceptable (train, gradcheck). */
export async function loadValidModel(modelPath: string, print: (line: string) => void): Promise<{ spec: ModelSpec; dataset: Dataset }> {
  const { resolved, lines } = await loadModel(modelPath);
  lines.forEach(print);
  if (!resolved.spec || !resolved.dataset || resolved.diagnostics.some((d) => d.severity === 'error')) {
    throw new CliFailure(`${modelPath}: the model is not valid (see above)`);
  }
  return { spec: resolved.spec, dataset: resolved.dataset };
}

/** The spec with the command line's overrides applied. */
export function withOverrides(spec: ModelSpec, overrides: { seed?: number; precision?: 'f32' | 'f64'; epochs?: number }): ModelSpec {
  return {
    ...spec,
    training: {
      ...spec.training,
      ...(overrides.seed !== undefined ? { seed: overrides.seed } : {}),
      ...(overrides.precision !== undefined ? { precision: overrides.precision } : {}),
      ...(overrides.epochs !== undefined ? { epochs: overrides.epochs } : {}),
    },
  };
}
