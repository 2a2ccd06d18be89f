import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { STREAM_CHUNK_BYTES } from '../data/bytes';
import type { DataFileReader } from '../data/load';

/** Reads data files relative to a folder (the model file's, or the bundled data/ folder). */
export function folderReader(folder: string): DataFileReader {
  const locate = (relativePath: string) => (isAbsolute(relativePath) ? relativePath : join(folder, relativePath));
  return {
    readFile: async (relativePath) => new Uint8Array(await readFile(locate(relativePath))),
    fileSize: async (relativePath) => (await stat(locate(relativePath))).size,
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
