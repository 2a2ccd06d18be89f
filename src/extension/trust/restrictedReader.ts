/**
 * Restricted mode. In a workspace the user has not trusted, a model file may name data files only
 * inside the workspace's folders: each path is resolved first (for `file:` URIs with
 * `fs.realpath`, so symlinks are followed) and read through its resolved form, so nothing outside
 * is opened, whether named by `../..`, an absolute path or a symlink. Trusted workspaces read
 * what the model file names, as before.
 */
import { realpath } from 'node:fs/promises';
import { sep } from 'node:path';
import * as vscode from 'vscode';
import { DataError } from '../../data/errors';
import type { DataFileReader } from '../../data/load';
import { quoteText } from '../../core/messages';
import { dataFileUri } from '../modelFiles';
import { isInsideAnyFolder } from '../../host/trust/containment';

/** Says why the read of `relativePath` was refused and how to lift the restriction. */
function outsideWorkspace(relativePath: string): DataError {
  return new DataError('outside-workspace',
    `"${quoteText(relativePath)}" resolves outside the workspace folders. This workspace is not trusted (restricted mode), so Gradient Lens ` +
    'reads data files only inside its folders. To read it, trust the folder (command "Workspaces: Manage Workspace Trust").');
}

/** The absolute path `relativePath` reads once symlinks are followed, or a refusal when it leaves the workspace. */
async function resolveInsideWorkspace(modelUri: vscode.Uri, relativePath: string): Promise<string> {
  const target = dataFileUri(modelUri, relativePath);
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === target.scheme && folder.uri.authority === target.authority);
  if (target.scheme === 'file') {
    const real = await realpath(target.fsPath);
    const roots = await Promise.all(folders.map((folder) => realpath(folder.uri.fsPath).catch(() => undefined)));
    if (!isInsideAnyFolder(real, roots.filter((root): root is string => root !== undefined), sep)) throw outsideWorkspace(relativePath);
    return vscode.Uri.file(real).path;
  }
  // Other file systems cannot resolve links from here: their URIs are already normalized (no `..`).
  if (!isInsideAnyFolder(target.path, folders.map((folder) => folder.uri.path))) throw outsideWorkspace(relativePath);
  return target.path;
}

/**
 * `reader` as it may be used for `modelUri` now: unchanged in a trusted workspace; otherwise every
 * call first resolves the path and refuses one outside the workspace folders.
 */
export function restrictedToWorkspace(modelUri: vscode.Uri, reader: DataFileReader): DataFileReader {
  if (vscode.workspace.isTrusted) return reader;
  const resolve = (relativePath: string) => resolveInsideWorkspace(modelUri, relativePath);
  const regularFileSize = reader.regularFileSize?.bind(reader);
  const readChunks = reader.readChunks?.bind(reader);
  return {
    readFile: async (relativePath) => reader.readFile(await resolve(relativePath)),
    ...(regularFileSize ? { regularFileSize: async (relativePath: string) => regularFileSize(await resolve(relativePath)) } : {}),
    ...(readChunks ? { readChunks: (relativePath: string) => chunksOf(resolve(relativePath), readChunks) } : {}),
  };
}

async function* chunksOf(resolved: Promise<string>, readChunks: (path: string) => AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  yield* readChunks(await resolved);
}
