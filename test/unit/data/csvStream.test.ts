// Large CSV files are read as a stream: rows must come out the same whatever the chunk
// boundaries, gzip is inflated chunk by chunk, and the size limit stops reading early.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { folderReader } from '../../../src/cli/files';
import { limitedContent } from '../../../src/data/bytes';
import { csvStreamToDataset, csvToDataset, type CsvOptions } from '../../../src/data/csv';
import { CsvRowReader, type CsvRow } from '../../../src/data/csvText';
import { DataError } from '../../../src/data/errors';
import { loadDataset } from '../../../src/data/load';
import { LIMITS } from '../../../src/core/limits';
import { rejection } from './dataErrors';
import { dataFixture as fixtureBytes } from './readers';

const options: CsvOptions = { target: 'label', normalize: 'none', loss: 'cross_entropy', fileName: 'points.csv' };

/** The rows of `pieces`, each pushed as a separate chunk. */
function rowsOf(pieces: readonly string[]): CsvRow[] {
  const rows: CsvRow[] = [];
  const reader = new CsvRowReader((row) => rows.push(row));
  for (const piece of pieces) reader.push(piece);
  reader.end();
  return rows;
}

async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

describe('CsvRowReader over chunks', () => {
  // Quotes with "" escapes, a CRLF inside quotes, CRLF line ends and a blank line (see csv.test.ts).
  const text = '\ufeff' + fixtureBytes('quoted-crlf.csv').toString('utf8');
  const expectedFields = [
    ['name', 'note, quoted', 'value', 'class'],
    ['a "b"', 'line1\r\nline2', '1.5', 'yes'],
    ['c', 'plain', '-2e1', 'no'],
  ];

  it('gives the same rows and lines for a split at every position', () => {
    for (let cut = 0; cut <= text.length; cut++) {
      const rows = rowsOf([text.slice(0, cut), text.slice(cut)]);
      assert.deepEqual(rows.map((row) => row.fields), expectedFields, `split at ${cut}`);
      assert.deepEqual(rows.map((row) => row.line), [1, 2, 5], `split at ${cut}`);
    }
  });

  it('gives the same rows one character at a time', () => {
    const rows = rowsOf([...text]);
    assert.deepEqual(rows.map((row) => row.fields), expectedFields);
    assert.deepEqual(rows.map((row) => row.line), [1, 2, 5]);
  });

  it('reports a quote never closed after the last chunk, with its row and column', () => {
    const reader = new CsvRowReader(() => undefined).push('a,b\n1,"op').push('en\n');
    assert.throws(() => reader.end(), (error: unknown) => error instanceof DataError && error.row === 2 && error.column === 2);
  });
});

describe('csvStreamToDataset', () => {
  const bytes = fixtureBytes('points.csv');

  it('builds the same dataset from 7-byte chunks as from the whole text', async () => {
    const streamed = await csvStreamToDataset(chunked(bytes, 7), options);
    const whole = csvToDataset(bytes.toString('utf8'), options);
    assert.deepEqual(streamed, whole);
  });

  it('inflates a gzipped CSV chunk by chunk', async () => {
    const streamed = await csvStreamToDataset(chunked(gzipSync(bytes), 5), options);
    assert.deepEqual(streamed, csvToDataset(bytes.toString('utf8'), options));
  });

  it('decodes a multi-byte UTF-8 label split across chunks', async () => {
    const csv = Buffer.from('x,label\n1,α\n2,β\n3,α\n', 'utf8');
    const streamed = await csvStreamToDataset(chunked(csv, 1), options);
    assert.deepEqual(streamed.classNames, ['α', 'β']);
  });

  it('a truncated gzip stream is a located, readable error', async () => {
    const gz = gzipSync(bytes);
    const error = await rejection(csvStreamToDataset(chunked(gz.subarray(0, gz.length - 12), 16), { ...options, key: 'path' }));
    assert.equal(error.code, 'file-unreadable');
    assert.match(error.message, /cannot be decompressed/);
    assert.equal(error.key, 'path');
  });
});

describe('limitedContent', () => {
  const MEBIBYTE = 1024 * 1024;

  it('stops pulling raw chunks as soon as the limit is passed', async () => {
    let pulled = 0;
    const zeros = new Uint8Array(MEBIBYTE);
    const endless = (async function* () {
      for (;;) {
        pulled++;
        yield zeros;
      }
    })();
    const error = await rejection((async () => { for await (const _ of limitedContent(endless, 'endless.csv')) { /* drain */ } })());
    assert.equal(error.code, 'file-too-large');
    assert.match(error.message, /256 MiB \(LIMITS\.maxDataFileBytes\)/);
    assert.equal(pulled, LIMITS.maxDataFileBytes / MEBIBYTE + 1, 'one chunk past the limit, no more');
  });

  it('refuses a gzip stream that inflates past the limit (a gzip bomb)', async () => {
    // Concatenated gzip members are one valid stream: 40 × 8 MiB of zeros inflate to 320 MiB.
    const member = gzipSync(new Uint8Array(8 * MEBIBYTE));
    const bomb = (async function* () { for (let i = 0; i < 40; i++) yield member; })();
    let inflated = 0;
    const error = await rejection((async () => { for await (const chunk of limitedContent(bomb, 'bomb.csv.gz')) inflated += chunk.length; })());
    assert.equal(error.code, 'file-too-large');
    assert.match(error.message, /decompresses to more than/);
    assert.ok(inflated <= LIMITS.maxDataFileBytes, `handed on ${inflated} bytes, more than the limit`);
  });
});

describe('the CLI reader streams CSV files', () => {
  it('loads a CSV from disk through readChunks, and a missing file is located on "path"', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'gradient-lens-csv-'));
    try {
      writeFileSync(join(folder, 'points.csv'), fixtureBytes('points.csv'));
      const reader = folderReader(folder);
      assert.ok(reader.readChunks, 'the CLI reader offers a stream');
      const spec = { source: 'csv', path: 'points.csv', target: 'label', normalize: 'none' } as const;
      const data = await loadDataset(spec, 'cross_entropy', reader);
      assert.deepEqual(data, csvToDataset(fixtureBytes('points.csv').toString('utf8'), { ...options, fileName: 'points.csv' }));
      const missing = await rejection(loadDataset({ ...spec, path: 'absent.csv' }, 'cross_entropy', reader));
      assert.equal(missing.code, 'file-unreadable');
      assert.equal(missing.key, 'path');
      assert.match(missing.message, /Paths are relative to the model file/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
