/** Raw file bytes → content: the size limit, transparent gunzip (by magic number, not name) and UTF-8 text. */
import { gunzipSync } from 'node:zlib';
import { LIMITS } from '../protocol/limits';
import { DataError, type DataKey } from './errors';

const MEGABYTE = 1024 * 1024;

export function describeByteLimit(): string {
  return `${LIMITS.maxDataFileBytes / MEGABYTE} MiB (LIMITS.maxDataFileBytes)`;
}

export function checkFileSize(size: number, fileName: string, key?: DataKey): void {
  if (size > LIMITS.maxDataFileBytes) {
    throw new DataError('file-too-large',
      `${fileName} is ${(size / MEGABYTE).toFixed(1)} MiB; data files may be at most ${describeByteLimit()}. Use a smaller sample of the data.`,
      { file: fileName, key });
  }
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** The bytes, gunzipped when they start with the gzip magic number; the limit applies to both sizes. */
export function maybeGunzip(bytes: Uint8Array, fileName: string, key?: DataKey): Uint8Array {
  checkFileSize(bytes.length, fileName, key);
  if (!isGzip(bytes)) return bytes;
  try {
    return gunzipSync(bytes, { maxOutputLength: LIMITS.maxDataFileBytes });
  } catch (error) {
    const tooLarge = error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
    throw new DataError(tooLarge ? 'file-too-large' : 'file-unreadable',
      tooLarge
        ? `${fileName} decompresses to more than ${describeByteLimit()}; use a smaller sample of the data.`
        : `${fileName} starts like a gzip file but cannot be decompressed (${(error as Error).message}); it may be truncated.`,
      { file: fileName, key });
  }
}

/** UTF-8 text of a (possibly gzipped) file; invalid bytes become U+FFFD rather than failing. */
export function decodeText(bytes: Uint8Array, fileName: string, key?: DataKey): string {
  return new TextDecoder('utf-8').decode(maybeGunzip(bytes, fileName, key));
}
