// Each bound of the data layer on its own: the time limit of a stream read, regular files only,
// CSV columns and row length counted while scanning, and the data-set size checked before allocation.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { regularFileSize } from '../../../src/cli/files';
import { limitedContent, readLimited } from '../../../src/data/bytes';
import { CsvRowReader } from '../../../src/data/csvText';
import { DataError, checkDatasetValues } from '../../../src/data/errors';
import { loadDataset } from '../../../src/data/load';
import { LIMITS } from '../../../src/core/limits';
import { dataError, rejection } from './dataErrors';

const folder = mkdtempSync(join(tmpdir(), 'gradient-lens-bounds-'));
after(() => rmSync(folder, { recursive: true, force: true }));

async function drain(source: AsyncIterable<Uint8Array>): Promise<void> {
  for await (const _ of source) { /* drain */ }
}

describe('limitedContent: the time limit', () => {
  it('abandons a source that stops sending, and asks it to stop', { timeout: 10_000 }, async () => {
    let stopped = false;
    const stalled: AsyncIterable<Uint8Array> = {
      [Symbol.asyncIterator]: () => ({
        next: () => new Promise<IteratorResult<Uint8Array>>(() => { /* never settles, like a FIFO without a writer */ }),
        return: async () => { stopped = true; return { done: true, value: undefined }; },
      }),
    };
    const started = performance.now();
    const error = await rejection(drain(limitedContent(stalled, 'pipe.csv', 'path', 50)));
    assert.equal(error.code, 'read-timeout');
    assert.match(error.message, /pipe\.csv did not finish reading within 0\.05 s \(LIMITS\.maxDataReadMs\)/);
    assert.equal(error.key, 'path');
    assert.ok(stopped, 'the source was told to stop');
    assert.ok(performance.now() - started < 5_000);
  });

  it('counts the whole read, not each chunk: a slow trickle ends at the limit too', { timeout: 10_000 }, async () => {
    const trickle = (async function* () {
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        yield new Uint8Array(1);
      }
    })();
    const error = await rejection(drain(limitedContent(trickle, 'growing.csv', 'path', 100)));
    assert.equal(error.code, 'read-timeout');
  });
});

describe('readLimited: a header checked as soon as it arrives', () => {
  it('stops reading when the check of the first bytes throws', async () => {
    let pulled = 0;
    const endless = (async function* () {
      for (;;) {
        pulled++;
        yield new Uint8Array(8);
      }
    })();
    const error = await rejection(readLimited(endless, 'images', 'images', {
      bytes: 16,
      check: (start) => {
        assert.equal(start.length, 16);
        throw new DataError('bad-idx', 'declares too much', { key: 'images' });
      },
    }));
    assert.equal(error.message, 'declares too much');
    assert.equal(pulled, 2, 'two 8-byte chunks hold the 16 header bytes; nothing more is read');
  });
});

describe('loadDataset: IDX images', () => {
  it('are refused on their header, before the rest of the file is read', async () => {
    // A header declaring 10⁶ images of 256×256 pixels (over LIMITS.maxDatasetValues), then zeros without end.
    const header = Buffer.alloc(16);
    header[2] = 0x08;
    header[3] = 3;
    header.writeUInt32BE(1_000_000, 4);
    header.writeUInt32BE(256, 8);
    header.writeUInt32BE(256, 12);
    let pulled = 0;
    const reader = {
      readFile: async () => assert.fail('the images are streamed'),
      readChunks: (path: string) => (async function* () {
        if (path !== 'images') return;
        yield header;
        for (;;) {
          pulled++;
          yield new Uint8Array(1024);
        }
      })(),
    };
    const spec = { source: 'idx', images: 'images', labels: 'labels', normalize: 'none' } as const;
    const error = await rejection(loadDataset(spec, 'cross_entropy', reader));
    assert.equal(error.key, 'images');
    assert.match(error.message, /LIMITS\.maxDatasetValues/);
    assert.equal(pulled, 0, 'nothing after the header was read');
  });
});

describe('regularFileSize (CLI)', () => {
  it('gives the size of a regular file', async () => {
    writeFileSync(join(folder, 'five.csv'), 'a,b\n1');
    assert.equal(await regularFileSize(join(folder, 'five.csv'), 'five.csv'), 5);
  });

  it('refuses a directory, a FIFO and a device by what they are', async () => {
    assert.match((await rejection(regularFileSize(folder, 'folder'))).message, /folder is a directory/);
    assert.equal(spawnSync('mkfifo', [join(folder, 'fifo')]).status, 0);
    const fifo = await rejection(regularFileSize(join(folder, 'fifo'), 'fifo'));
    assert.equal(fifo.code, 'not-a-file');
    assert.match(fifo.message, /named pipe/);
    assert.match((await rejection(regularFileSize('/dev/zero', '/dev/zero'))).message, /a device/);
  });
});

describe('CSV bounds while scanning', () => {
  it('a row with one column more than LIMITS.maxCsvColumns is refused; one at the limit is not', () => {
    const rows: number[] = [];
    new CsvRowReader((row) => rows.push(row.fields.length)).push(`${','.repeat(LIMITS.maxCsvColumns - 1)}\n`).end();
    assert.deepEqual(rows, [LIMITS.maxCsvColumns]);
    const error = dataError(() => new CsvRowReader(() => undefined).push(`x\n${','.repeat(LIMITS.maxCsvColumns)}\n`).end());
    assert.equal(error.code, 'too-many-columns');
    assert.equal(error.row, 2);
    assert.match(error.message, /LIMITS\.maxCsvColumns/);
  });

  it('a row longer than LIMITS.maxCsvRowChars is refused before the row ends, quoted or not', () => {
    const long = 'a'.repeat(LIMITS.maxCsvRowChars + 1);
    const unquoted = dataError(() => new CsvRowReader(() => assert.fail('no row is handed on')).push(long));
    assert.equal(unquoted.code, 'row-too-long');
    assert.match(unquoted.message, /LIMITS\.maxCsvRowChars/);
    const quoted = dataError(() => new CsvRowReader(() => undefined).push(`"${'\n'.repeat(LIMITS.maxCsvRowChars + 1)}`));
    assert.equal(quoted.code, 'row-too-long');
  });
});

describe('checkDatasetValues', () => {
  it('accepts exactly LIMITS.maxDatasetValues values and refuses one sample more, naming the limit', () => {
    const width = 4096;
    const fitting = LIMITS.maxDatasetValues / width;
    checkDatasetValues(fitting, width, 'big.csv', 'path');
    const error = dataError(() => checkDatasetValues(fitting + 1, width, 'big.csv', 'path'));
    assert.equal(error.code, 'too-many-values');
    assert.equal(error.key, 'path');
    assert.match(error.message, new RegExp(`big\\.csv has ${(fitting + 1).toLocaleString('en-US')} samples × 4,096 inputs.*LIMITS\\.maxDatasetValues`));
  });
});
