import { createReadStream } from 'node:fs';
import * as vscode from 'vscode';
import { STREAM_CHUNK_BYTES } from '../data/bytes';
import type { DataFileReader } from '../data/load';
import type { SourceRange } from '../model';

/** Model files are `*.nn.json`, whatever language mode the editor shows them in. */
export function isModelFile(uri: vscode.Uri): boolean {
  return uri.path.endsWith('.nn.json');
}

export const MODEL_FILE_SELECTOR: vscode.DocumentSelector = [{ pattern: '**/*.nn.json' }];

/** A parser range (offsets into the text) as a VS Code range in `document`. */
export function toRange(document: vscode.TextDocument, range: SourceRange): vscode.Range {
  return new vscode.Range(document.positionAt(range.offset), document.positionAt(range.offset + range.length));
}

/**
 * Reads data files relative to the model file through `vscode.workspace.fs`, so remote and
 * virtual workspaces work and nothing bypasses VS Code's file-system providers. Only `file:`
 * URIs (local to this extension host, which is where remote workspaces run it too) are also
 * offered as a stream, since `vscode.workspace.fs` can only read whole files.
 */
export function workspaceReader(modelUri: vscode.Uri): DataFileReader {
  const folder = vscode.Uri.joinPath(modelUri, '..');
  const locate = (relativePath: string) => (relativePath.startsWith('/') ? modelUri.with({ path: relativePath }) : vscode.Uri.joinPath(folder, relativePath));
  return {
    readFile: async (relativePath) => vscode.workspace.fs.readFile(locate(relativePath)),
    fileSize: async (relativePath) => (await vscode.workspace.fs.stat(locate(relativePath))).size,
    ...(modelUri.scheme === 'file'
      ? { readChunks: (relativePath: string) => createReadStream(locate(relativePath).fsPath, { highWaterMark: STREAM_CHUNK_BYTES }) }
      : {}),
  };
}

/** The extension's bundled data sets (iris, digits) in its `data/` folder. */
export function bundledReader(extensionUri: vscode.Uri): DataFileReader {
  const folder = vscode.Uri.joinPath(extensionUri, 'data');
  return { readFile: async (name) => vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, name)) };
}

/** The URI a data path of a model file names: relative to the model's folder, or absolute on its file system. */
export function dataFileUri(modelUri: vscode.Uri, path: string): vscode.Uri {
  return path.startsWith('/') ? modelUri.with({ path }) : vscode.Uri.joinPath(modelUri, '..', path);
}
