import { createReadStream } from 'node:fs';
import * as vscode from 'vscode';
import { STREAM_CHUNK_BYTES, checkModelFileSize, readWithinTime } from '../data/bytes';
import { DataError } from '../data/errors';
import type { DataFileReader } from '../data/load';
import { quoteText } from '../core/messages';
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
 * Whether a `vscode.workspace.fs.stat` type is a regular file. FileType is a bit set: a symlink
 * to a file is File | SymbolicLink, while a directory, a FIFO or a device (Unknown) lacks File.
 */
export function isRegularFileType(type: vscode.FileType): boolean {
  return (type & vscode.FileType.File) !== 0;
}

/** The size of a regular file at `uri`; anything else is refused before it is opened (a FIFO would block the open). */
export async function regularFileSize(uri: vscode.Uri, shownAs: string): Promise<number> {
  const { type, size } = await vscode.workspace.fs.stat(uri);
  if (!isRegularFileType(type)) {
    throw new DataError('not-a-file',
      `${quoteText(shownAs)} is ${type & vscode.FileType.Directory ? 'a directory' : 'not a regular file (a pipe, socket or device)'}; Gradient Lens reads only ordinary files.`,
      { file: shownAs });
  }
  return size;
}

/**
 * Reads data files relative to the model file through `vscode.workspace.fs`, so remote and
 * virtual workspaces work and nothing bypasses VS Code's file-system providers. Only `file:`
 * URIs (local to this extension host, which is where remote workspaces run it too) are also
 * offered as a stream, since `vscode.workspace.fs` can only read whole files; the stream is what
 * `loadDataset` counts against the size and time limits as it reads.
 */
export function workspaceReader(modelUri: vscode.Uri): DataFileReader {
  const folder = vscode.Uri.joinPath(modelUri, '..');
  const locate = (relativePath: string) => (relativePath.startsWith('/') ? modelUri.with({ path: relativePath }) : vscode.Uri.joinPath(folder, relativePath));
  return {
    // Only other file systems come here (`file:` URIs stream): their whole-file read gets the streams' time limit.
    readFile: async (relativePath) => readWithinTime(vscode.workspace.fs.readFile(locate(relativePath)), relativePath),
    regularFileSize: async (relativePath) => regularFileSize(locate(relativePath), relativePath),
    ...(modelUri.scheme === 'file'
      ? { readChunks: (relativePath: string) => createReadStream(locate(relativePath).fsPath, { highWaterMark: STREAM_CHUNK_BYTES }) }
      : {}),
  };
}

/**
 * The text of a model file that is not open in an editor, read through `vscode.workspace.fs` (any
 * file system) with the data files' rules: a regular file only, its size checked on `stat` before
 * a byte is read, and the read bounded in time.
 */
export async function readModelText(uri: vscode.Uri): Promise<string> {
  const shownAs = vscode.workspace.asRelativePath(uri);
  const size = await regularFileSize(uri, shownAs);
  checkModelFileSize(size, shownAs);
  return new TextDecoder().decode(await readWithinTime(vscode.workspace.fs.readFile(uri), shownAs));
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
