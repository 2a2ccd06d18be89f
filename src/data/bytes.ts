/** Raw file bytes → content: the size limit, transparent gunzip (by magic number, not name) and UTF-8 text. */
import { Readable } from 'node:stream';
import { createGunzip, gunzipSync } from 'node:zlib';
import { quoteText } from '../core/messages';
import { LIMITS } from '../core/limits';
import { DataError, type DataKey } from './errors';

const MEGABYTE = 1024 * 1024;

/** Files read as a stream (large CSVs) arrive 1 MiB at a time. */
export const STREAM_CHUNK_BYTES = MEGABYTE;

export function describeByteLimit(): string {
  return `${LIMITS.maxDataFileBytes / MEGABYTE} MiB (LIMITS.maxDataFileBytes)`;
}

export function checkFileSize(size: number, fileName: string, key?: DataKey): void {
  if (size > LIMITS.maxDataFileBytes) {
    throw new DataError('file-too-large',
      `${quoteText(fileName)} is ${(size / MEGABYTE).toFixed(1)} MiB; data files may be at most ${describeByteLimit()}. Use a smaller sample of the data.`,
      { file: fileName, key });
  }
}

/** Refuses a model file over LIMITS.maxModelFileBytes before it is read (editor and CLI alike). */
export function checkModelFileSize(size: number, fileName: string): void {
  if (size > LIMITS.maxModelFileBytes) {
    throw new DataError('file-too-large',
      `${quoteText(fileName)} is ${(size / MEGABYTE).toFixed(1)} MiB; a model file may be at most ${LIMITS.maxModelFileBytes / MEGABYTE} MiB (LIMITS.maxModelFileBytes).`,
      { file: fileName });
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
        ? `${quoteText(fileName)} decompresses to more than ${describeByteLimit()}; use a smaller sample of the data.`
        : `${quoteText(fileName)} starts like a gzip file but cannot be decompressed (${(error as Error).message}); it may be truncated.`,
      { file: fileName, key });
  }
}

/** UTF-8 text of a (possibly gzipped) file; invalid bytes become U+FFFD rather than failing. */
export function decodeText(bytes: Uint8Array, fileName: string, key?: DataKey): string {
  return new TextDecoder('utf-8').decode(maybeGunzip(bytes, fileName, key));
}

/**
 * The streaming twin of `maybeGunzip`'s contract, for files read in chunks: the raw bytes are
 * counted against the limit as they arrive (a size-0 `stat`, as /proc files report, proves
 * nothing), the whole read must end within `timeLimitMs`, and a gzip stream (sniffed from its
 * first bytes) is inflated chunk by chunk with its output counted too, so nothing over the limit
 * is ever held and a source that never ends is abandoned.
 */
export async function* limitedContent(source: AsyncIterable<Uint8Array>, fileName: string, key?: DataKey,
  timeLimitMs: number = LIMITS.maxDataReadMs): AsyncGenerator<Uint8Array> {
  let rawBytes = 0;
  const counted = (async function* () {
    for await (const chunk of withinTime(source, timeLimitMs, fileName, key)) {
      rawBytes += chunk.length;
      checkFileSize(rawBytes, fileName, key);
      yield chunk;
    }
  })();
  const first = await counted.next();
  if (first.done) return;
  if (!isGzip(first.value)) {
    yield first.value;
    yield* counted;
    return;
  }
  const compressed = Readable.from((async function* () {
    yield first.value;
    yield* counted;
  })());
  const inflate = createGunzip();
  compressed.on('error', (error) => inflate.destroy(error)); // pipe() does not forward errors
  compressed.pipe(inflate);
  let inflated = 0;
  try {
    for await (const chunk of inflate as AsyncIterable<Buffer>) {
      inflated += chunk.length;
      if (inflated > LIMITS.maxDataFileBytes) {
        throw new DataError('file-too-large', `${quoteText(fileName)} decompresses to more than ${describeByteLimit()}; use a smaller sample of the data.`, { file: fileName, key });
      }
      yield new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length);
    }
  } catch (error) {
    if (error instanceof DataError) throw error;
    throw new DataError('file-unreadable',
      `${quoteText(fileName)} starts like a gzip file but cannot be decompressed (${(error as Error).message}); it may be truncated.`, { file: fileName, key });
  } finally {
    compressed.destroy();
    inflate.destroy();
  }
}

/**
 * The chunks of `source`, as long as they all arrive within `timeLimitMs` of the first request.
 * On time-out the source is asked to stop (a file stream closes its descriptor) without waiting
 * for it, and a DataError names the limit.
 */
async function* withinTime(source: AsyncIterable<Uint8Array>, timeLimitMs: number, fileName: string, key?: DataKey): AsyncGenerator<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]();
  const deadline = Date.now() + timeLimitMs;
  let timer: NodeJS.Timeout | undefined;
  let finished = false;
  const timedOut = Symbol('timed out');
  try {
    for (;;) {
      const expiry = new Promise<typeof timedOut>((resolve) => { timer = setTimeout(() => resolve(timedOut), Math.max(0, deadline - Date.now())); });
      const next = await Promise.race([iterator.next(), expiry]);
      clearTimeout(timer);
      if (next === timedOut) throw readTimeout(fileName, timeLimitMs, key);
      if (next.done) {
        finished = true;
        return;
      }
      yield next.value;
    }
  } finally {
    clearTimeout(timer);
    // Stopped early (a limit, or the consumer gave up): let the source close its file.
    if (!finished) void iterator.return?.();
  }
}

function readTimeout(fileName: string, timeLimitMs: number, key?: DataKey): DataError {
  return new DataError('read-timeout',
    `${quoteText(fileName)} did not finish reading within ${timeLimitMs / 1000} s (LIMITS.maxDataReadMs); ` +
    'Gradient Lens reads only ordinary files (not a pipe, a device or a growing file).',
    { file: fileName, key });
}

/**
 * The result of a whole-file read that cannot be streamed or stopped (`vscode.workspace.fs.readFile`
 * on a virtual file system), or a 'read-timeout' DataError once it has not settled within
 * `timeLimitMs`. There is no way to abort such a read: it runs on in the file-system provider, and
 * its late bytes are dropped (the race has already settled); a late failure is handled by the race
 * too, so it never surfaces as an unhandled rejection.
 */
export async function readWithinTime<T>(read: PromiseLike<T>, fileName: string, key?: DataKey, timeLimitMs: number = LIMITS.maxDataReadMs): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<never>((_resolve, reject) => { timer = setTimeout(() => reject(readTimeout(fileName, timeLimitMs, key)), timeLimitMs); });
  try {
    return await Promise.race([read, expiry]);
  } finally {
    clearTimeout(timer);
  }
}

/** A check of a file's first bytes (a header), run as soon as they have arrived. */
export interface StartCheck {
  readonly bytes: number;
  /** @throws to stop reading; called with the first `bytes` bytes (inflated), or not at all for a shorter file. */
  readonly check: (start: Uint8Array) => void;
}

/**
 * Every byte of a chunked file, inflated when gzipped, within the size and time limits of
 * `limitedContent`; `start` lets a header that declares too much stop the read early.
 */
export async function readLimited(source: AsyncIterable<Uint8Array>, fileName: string, key?: DataKey, start?: StartCheck): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  let startChecked = start === undefined;
  for await (const chunk of limitedContent(source, fileName, key)) {
    // Copied: a stream may reuse the memory behind a chunk it has handed on.
    chunks.push(new Uint8Array(chunk));
    length += chunk.length;
    if (!startChecked && length >= start!.bytes) {
      startChecked = true;
      start!.check(concatenate(chunks, length).subarray(0, start!.bytes));
    }
  }
  return concatenate(chunks, length);
}

function concatenate(chunks: readonly Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}
