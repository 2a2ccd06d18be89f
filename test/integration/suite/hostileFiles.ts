// The hostile corpus's files, generated at test time into a folder of the workspace copy: large
// ones are streamed to disk, so the test itself never holds them whole.
import { spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createGzip } from 'node:zlib';

/** Writes `parts` (strings or byte arrays, produced lazily) to `path`, waiting for the disk between parts. */
export async function streamTo(path: string, parts: Iterable<string | Uint8Array>, gzip = false): Promise<void> {
  const file = createWriteStream(path);
  const sink = gzip ? createGzip() : file;
  if (gzip) sink.pipe(file);
  const closed = new Promise<void>((done, fail) => { file.on('close', () => done()); file.on('error', fail); });
  for (const part of parts) {
    if (!sink.write(part)) await new Promise<void>((drained) => sink.once('drain', () => drained()));
  }
  sink.end();
  await closed;
}

/** An IDX file: magic 00 00 08 <rank>, big-endian dimensions, then `body` unsigned bytes. */
export function idx(dimensions: readonly number[], body: Uint8Array): Uint8Array {
  const header = new DataView(new ArrayBuffer(4 + 4 * dimensions.length));
  header.setUint8(2, 0x08);
  header.setUint8(3, dimensions.length);
  dimensions.forEach((size, at) => header.setUint32(4 + 4 * at, size));
  const bytes = new Uint8Array(header.byteLength + body.length);
  bytes.set(new Uint8Array(header.buffer), 0);
  bytes.set(body, header.byteLength);
  return bytes;
}

export function mkfifo(path: string): void {
  const made = spawnSync('mkfifo', [path]);
  if (made.status !== 0) throw new Error(`mkfifo ${path} failed: ${made.stderr?.toString()}`);
}

/** `count` copies of `text`, produced one at a time (callers make `text` a batch, so writes stay few). */
export function* repeated(text: string, count: number): Iterable<string> {
  for (let i = 0; i < count; i++) yield text;
}

/** `count` bytes of `byte` in chunks of 1 MiB (one reused buffer). */
export function* filled(byte: number, count: number): Iterable<Uint8Array> {
  const chunk = new Uint8Array(1024 * 1024).fill(byte);
  for (let left = count; left > 0; left -= chunk.length) yield left >= chunk.length ? chunk : chunk.subarray(0, left);
}
