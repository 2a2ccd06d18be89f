// The data readers tests hand to resolveModel/loadDataset (src/data/load.ts DataFileReader), and
// the files of test/fixtures/data.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { DataFileReader } from '../../../src/data/load';
import { REPO_ROOT } from '../../support/repoRoot';

/** For models whose data is synthetic: any read is a test bug, so it throws. */
export const noFiles: DataFileReader = {
  readFile: async (path: string): Promise<Uint8Array> => { throw new Error(`tests read no files (${path})`); },
};

/** Files held in memory by relative path; a missing one is ENOENT. `sizes` overrides what regularFileSize reports. */
export function memoryReader(files: Record<string, string>, sizes: Record<string, number> = {}): DataFileReader {
  return {
    readFile: async (path) => {
      if (!(path in files)) throw new Error(`ENOENT: no such file '${path}'`);
      return new TextEncoder().encode(files[path]);
    },
    regularFileSize: async (path) => sizes[path] ?? new TextEncoder().encode(files[path] ?? '').length,
  };
}

/** The files of a folder on disk, paths relative to it. */
export function folderReader(folder: string): DataFileReader {
  return { readFile: async (path) => new Uint8Array(await readFile(resolve(folder, path))) };
}

/** The bytes of test/fixtures/data/<name>. */
export function dataFixture(name: string): Buffer {
  return readFileSync(resolve(REPO_ROOT, 'test/fixtures/data', name));
}
