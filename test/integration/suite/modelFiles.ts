// Model and data files the integration tests write into the workspace copy at run time.
import * as vscode from 'vscode';
import { fixtureUri } from './fixture';

/** A small two-class CSV (x, y, label) with `rows` rows. */
export function twoClassCsv(rows = 40): string {
  const lines = ['x,y,label'];
  for (let i = 0; i < rows; i++) lines.push(`${(i / rows).toFixed(3)},${((i * 7) % rows / rows).toFixed(3)},${i % 2 === 0 ? 'a' : 'b'}`);
  return `${lines.join('\n')}\n`;
}

/** A small classifier over `data`, with `extra` top-level keys replacing or adding to the defaults (JSON text). */
export function modelText(data: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    name: 'Test model', layers: [{ units: 4, activation: 'relu' }, { units: 2, activation: 'softmax' }], loss: 'cross_entropy',
    data, training: { batchSize: 4 }, ...extra,
  }, null, 2);
}

/** A small classifier over the CSV at `path` (as written in the model file) with its `target` column. */
export function csvModel(path: string, target = 'label'): string {
  return modelText({ source: 'csv', path, target });
}

/** Writes `text` to `name` in the workspace folder and returns its URI. */
export async function writeWorkspaceFile(name: string, text: string | Uint8Array): Promise<vscode.Uri> {
  const uri = fixtureUri(name);
  await vscode.workspace.fs.writeFile(uri, typeof text === 'string' ? new TextEncoder().encode(text) : text);
  return uri;
}
