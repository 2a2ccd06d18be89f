import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { STREAM_CHUNK_BYTES } from '../data/bytes';
import { DataError } from '../data/errors';
import type { DataFileReader } from '../data/load';
import { quoteText } from '../core/messages';

/**
 * The size of `path` when it is a regular file (symlinks followed); a directory, FIFO, socket or
 * device is refused before anything opens it, since opening a FIFO blocks until a writer comes.
 */
export async function regularFileSize(path: string, shownAs: string): Promise<number> {
  const info = await stat(path);
  if (!info.isFile()) {
    throw new DataError('not-a-file', `${quoteText(shownAs)} is ${describeKind(info)}, not a regular file; only ordinary files are read.`, { file: shownAs });
  }
  return info.size;
}

function describeKind(info: Awaited<ReturnType<typeof stat>>): string {
  if (info.isDirectory()) return 'a directory';
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isSocket()) return 'a socket';
  return 'not a file';
}

/** Reads data files relative to a folder (the model file's, or the bundled data/ folder). */
export function folderReader(folder: string): DataFileReader {
  const locate = (relativePath: string) => (isAbsolute(relativePath) ? relativePath : join(folder, relativePath));
  return {
    readFile: async (relativePath) => new Uint8Array(await readFile(locate(relativePath))),
    regularFileSize: async (relativePath) => regularFileSize(locate(relativePath), relativePath),
    readChunks: (relativePath) => createReadStream(locate(relativePath), { highWaterMark: STREAM_CHUNK_BYTES }),
  };
}

/** The user's data files live beside the model file. */
export function modelFolderReader(modelPath: string): DataFileReader {
  return folderReader(dirname(resolve(modelPath)));
}

/** Bundled data sets (iris, digits) ship in data/ beside dist/, where this bundle runs from. */
export function bundledReader(): DataFileReader {
  return folderReader(join(__dirname, '..', 'data'));
}
