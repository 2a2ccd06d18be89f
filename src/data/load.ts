/**
 * loadDataset: the one entry point from a DataSpec to a Dataset, shared by the CLI (node:fs) and
 * the extension (vscode.workspace.fs). This layer never touches the file system itself: callers
 * pass readers, which also keeps untrusted-workspace and virtual-workspace rules in their hands.
 */
import { quoteText } from '../core/messages';
import type { DataSpec, LossName } from '../core/spec';
import { loadBundled } from './bundled';
import { checkFileSize, decodeText, readLimited, type StartCheck } from './bytes';
import { csvStreamToDataset, csvToDataset } from './csv';
import type { Dataset } from '../core/dataset';
import { DataError, type DataKey } from './errors';
import { IDX_IMAGE_HEADER_BYTES, checkImageHeader, idxToDataset } from './idx';
import { generateSynthetic } from './synthetic';

export interface DataFileReader {
  /** The bytes of a file; `relativePath` is as written in the model file (relative to it). */
  readFile(relativePath: string): Promise<Uint8Array>;
  /**
   * The size in bytes of a regular file, when cheap to learn: lets an oversized file be refused
   * before it is read (LIMITS.maxDataFileBytes). Rejects with DataError 'not-a-file' when the path
   * is anything else (a directory, a pipe, a device), which must never be opened: a FIFO blocks
   * the open itself, /dev/zero never ends. Optional; the limit is checked on the bytes otherwise.
   */
  regularFileSize?(relativePath: string): Promise<number>;
  /**
   * The bytes as a stream of chunks, where the file system can stream: they are counted against
   * the size and time limits as they arrive, and large CSV files are parsed as they are read
   * instead of being held whole. Optional; `readFile` is used otherwise.
   */
  readChunks?(relativePath: string): AsyncIterable<Uint8Array>;
}

async function readChecked(reader: DataFileReader, path: string, key: DataKey, start?: StartCheck): Promise<Uint8Array> {
  try {
    if (reader.regularFileSize) checkFileSize(await reader.regularFileSize(path), path, key);
    return reader.readChunks ? await readLimited(reader.readChunks(path), path, key, start) : await reader.readFile(path);
  } catch (error) {
    if (error instanceof DataError) throw error.withContext({ file: path, key });
    throw unreadable(path, key, error);
  }
}

function unreadable(path: string, key: DataKey, error: unknown): DataError {
  return new DataError('file-unreadable', `Cannot read "${quoteText(path)}": ${quoteText((error as Error).message ?? String(error))}. Paths are relative to the model file.`,
    { file: path, key });
}

/**
 * @param reader reads user files, relative to the model file.
 * @param bundled reads the extension's data/ folder (required for iris and digits).
 * @throws DataError (with row/column for CSV problems, and the `data` key to underline).
 */
export async function loadDataset(spec: DataSpec, loss: LossName, reader: DataFileReader, bundled?: DataFileReader): Promise<Dataset> {
  switch (spec.source) {
    case 'csv': {
      const options = {
        target: spec.target, normalize: spec.normalize, loss, fileName: spec.path, key: 'path' as const,
        ...(spec.features ? { features: spec.features } : {}),
      };
      try {
        if (reader.readChunks) {
          if (reader.regularFileSize) checkFileSize(await reader.regularFileSize(spec.path), spec.path, 'path');
          return await csvStreamToDataset(reader.readChunks(spec.path), options);
        }
        return csvToDataset(decodeText(await readChecked(reader, spec.path, 'path'), spec.path, 'path'), options);
      } catch (error) {
        throw error instanceof DataError ? error.withContext({ file: spec.path, key: 'path' }) : unreadable(spec.path, 'path', error);
      }
    }
    case 'idx': {
      const options = {
        loss, normalize: spec.normalize, imagesName: spec.images, labelsName: spec.labels,
        ...(spec.limit !== undefined ? { limit: spec.limit } : {}),
      };
      // The image header is checked as soon as it arrives, so a file declaring too much is not read to its end.
      const imagesHeader = { bytes: IDX_IMAGE_HEADER_BYTES, check: (start: Uint8Array) => checkImageHeader(start, options) };
      const [images, labels] = await Promise.all([
        readChecked(reader, spec.images, 'images', imagesHeader), readChecked(reader, spec.labels, 'labels'),
      ]);
      return idxToDataset(images, labels, options);
    }
    case 'iris':
    case 'digits': {
      if (!bundled) throw new DataError('file-unreadable', `The bundled "${spec.source}" dataset needs a reader for the extension's data folder.`, { key: 'source' });
      const source = spec.source;
      return loadBundled(source, spec.normalize, loss, (file) => readChecked(bundled, file, 'source'));
    }
    default:
      return generateSynthetic(spec, loss);
  }
}
