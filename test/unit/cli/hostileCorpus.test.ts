// Hostile inputs run through the built CLI (`gradient-lens check`) as a child process with a
// 1.5 GB heap: each must end within 30 s with exit code 1 (no signal, no internal error), an
// error located on the token to fix, and a message naming the limit. Large inputs are generated
// here, into a temporary folder, never committed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { REPO_ROOT } from '../../support/repoRoot';

const CLI = join(REPO_ROOT, 'dist/cli.js');
const HEAP_MB = 1536;
const TIME_LIMIT_MS = 30_000;
/** Longest stderr line a bounded message may produce (quoted file text is cut to 80 characters). */
const MAX_LINE = 1_000;

const folder = mkdtempSync(join(tmpdir(), 'gradient-lens-hostile-'));
after(() => rmSync(folder, { recursive: true, force: true }));

function write(name: string, content: string | Uint8Array): string {
  const path = join(folder, name);
  writeFileSync(path, content);
  return path;
}

function model(name: string, spec: unknown): string {
  return write(`${name}.nn.json`, JSON.stringify(spec, null, 1));
}

/** An IDX file of unsigned bytes: magic 00 00 08 <rank>, big-endian dimensions, then `values`. */
function idx(dims: readonly number[], values: Uint8Array): Buffer {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header[2] = 0x08;
  header[3] = dims.length;
  dims.forEach((dim, index) => header.writeUInt32BE(dim, 4 + 4 * index));
  return Buffer.concat([header, values]);
}

/** `file:line:col` of the first `needle` in the file, found by the test itself. */
function locate(path: string, needle: string): string {
  const text = readFileSync(path, 'utf8');
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `${needle.slice(0, 40)} not in ${path}`);
  const before = text.slice(0, offset).split('\n');
  return `${path}:${before.length}:${before[before.length - 1].length + 1}`;
}

function check(modelPath: string): { code: number | null; stderr: string; stdout: string } {
  const started = Date.now();
  const result = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, CLI, 'check', modelPath], {
    encoding: 'utf8', timeout: 2 * TIME_LIMIT_MS, maxBuffer: 64 * 1024 * 1024,
  });
  const elapsed = Date.now() - started;
  assert.equal(result.signal, null, `killed by ${result.signal} after ${elapsed} ms: ${result.stderr.slice(0, 500)}`);
  assert.ok(elapsed < TIME_LIMIT_MS, `took ${elapsed} ms`);
  assert.doesNotMatch(result.stderr, /internal error|FATAL|\n\s+at /);
  for (const line of result.stderr.split('\n')) assert.ok(line.length <= MAX_LINE, `a ${line.length}-character line: ${line.slice(0, 200)}…`);
  return { code: result.status, stderr: result.stderr, stdout: result.stdout };
}

/** The check fails with an error at `needle` whose message matches `message`. */
function assertLocatedError(modelPath: string, needle: string, message: RegExp): string {
  const { code, stderr } = check(modelPath);
  assert.equal(code, 1, stderr);
  const at = `${locate(modelPath, needle)}: error: `;
  const line = stderr.split('\n').find((l) => l.startsWith(at));
  assert.ok(line, `no error at ${at} in:\n${stderr.slice(0, 2000)}`);
  assert.match(line, message);
  return stderr;
}

const OUTPUT = { units: 2, activation: 'softmax' };

describe('gradient-lens check on hostile inputs (issue table)', () => {
  it('a 5 M-character activation and unknown key: located, quoted to 80 characters, no suggestion work', () => {
    const long = 'r'.repeat(5_000_000);
    const path = model('long-names', { [`k${long}`]: 1, layers: [{ units: 1, activation: long }], data: { source: 'xor' } });
    const stderr = assertLocatedError(path, `"${long.slice(0, 100)}`, /"r{79}…" is not a valid "activation"/);
    assert.ok(stderr.includes(`${locate(path, '"kr')}: warning: Unknown key "kr{78}…"`.replace('r{78}', 'r'.repeat(78))), stderr.slice(0, 2000));
  });

  it('a 30 000-character CSV target against a 30 KB header: no such column, no suggestion, columns listed briefly', () => {
    const header = Array.from({ length: 3_000 }, (_, i) => `column_${i}`).join(',');
    write('wide-header.csv', `${header}\n${header.replace(/column_\d+/g, '1')}\n`);
    const path = model('long-target', { layers: [{ units: 1 }], data: { source: 'csv', path: 'wide-header.csv', target: 'x'.repeat(30_000) } });
    const stderr = assertLocatedError(path, '"xxxx', /there is no column "x{79}…".* Columns: column_0, .*… \(3,000 in all\)/);
    assert.doesNotMatch(stderr, /Did you mean/);
  });

  it('a 250 KB .csv.gz that inflates to one 250 MB line is refused at the row-length limit', () => {
    // Concatenated gzip members are one stream: a header, then 250 × 1 MiB of "a" with no line break.
    const mebibyte = gzipSync(Buffer.alloc(1024 * 1024, 'a'));
    write('one-line.csv.gz', Buffer.concat([gzipSync('x,'), ...Array.from({ length: 250 }, () => mebibyte)]));
    const path = model('one-line', { layers: [{ units: 1 }], data: { source: 'csv', path: 'one-line.csv.gz', target: 'x' } });
    assertLocatedError(path, '"one-line.csv.gz"', /LIMITS\.maxCsvRowChars/);
  });

  it('IDX images at /dev/zero are refused as a device, before any byte is read', () => {
    write('two-labels', idx([2], Uint8Array.from([0, 1])));
    const path = model('dev-zero', { layers: [OUTPUT], data: { source: 'idx', images: '/dev/zero', labels: 'two-labels' } });
    assertLocatedError(path, '"/dev/zero"', /a device, not a regular file/);
  });

  it('a CSV path and an IDX labels path that are FIFOs are refused, not waited on', () => {
    const fifo = spawnSync('mkfifo', [join(folder, 'pipe')]);
    assert.equal(fifo.status, 0, 'mkfifo is available');
    const csv = model('fifo-csv', { layers: [{ units: 1 }], data: { source: 'csv', path: 'pipe', target: 'y' } });
    assertLocatedError(csv, '"pipe"', /named pipe \(FIFO\), not a regular file/);
    write('one-image', idx([2, 1, 1], Uint8Array.from([0, 1])));
    const labels = model('fifo-idx', { layers: [OUTPUT], data: { source: 'idx', images: 'one-image', labels: 'pipe' } });
    assertLocatedError(labels, '"pipe"', /named pipe \(FIFO\)/);
  });

  it('a CSV of 10⁶ columns (14 MB) is refused at the column limit', () => {
    const names = Array.from({ length: 1_000_000 }, (_, i) => `c${i}`);
    write('million-columns.csv', `${names.join(',')}\n${names.map(() => '1').join(',')}\n`);
    const path = model('million-columns', { layers: [{ units: 1 }], data: { source: 'csv', path: 'million-columns.csv', target: 'c0' } });
    assertLocatedError(path, '"million-columns.csv"', /more than 65,537 columns \(LIMITS\.maxCsvColumns\)/);
  });

  it('the largest IDX set the file limit allows (a 250 KB .gz) is refused at the data-set limit', () => {
    // 1 000 000 images of 16×16 pixels: 256 000 000 bytes, under the 256 MiB file limit.
    const count = 1_000_000;
    const pixels = count * 256;
    const block = 8 * 1024 * 1024;
    const zeros = gzipSync(new Uint8Array(block));
    const members = [gzipSync(idx([count, 16, 16], new Uint8Array(0)))];
    for (let done = 0; done < pixels; done += block) members.push(done + block <= pixels ? zeros : gzipSync(new Uint8Array(pixels - done)));
    write('huge-images.gz', Buffer.concat(members));
    write('huge-labels.gz', gzipSync(idx([count], new Uint8Array(count))));
    const path = model('huge-idx', { layers: [OUTPUT], data: { source: 'idx', images: 'huge-images.gz', labels: 'huge-labels.gz' } });
    assertLocatedError(path, '"huge-images.gz"', /256,000,000 values; .* \(LIMITS\.maxDatasetValues\)/);
  });

  it('3 M layers (45 MB) are refused at the value limit, 100 layers at the layer limit', () => {
    const many = write('three-million-layers.nn.json', JSON.stringify({ layers: Array.from({ length: 3_000_000 }, () => ({ units: 1 })), data: { source: 'xor' } }));
    const { code, stderr } = check(many);
    assert.equal(code, 1);
    assert.match(stderr, new RegExp(`^${many.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1:\\d+: error: .*LIMITS\\.maxModelValues`, 'm'));
    const hundred = model('hundred-layers', { layers: Array.from({ length: 100 }, () => ({ units: 1 })), data: { source: 'xor' } });
    assertLocatedError(hundred, '[', /The network has 100 layers; .* at most 64 \(LIMITS\.maxLayers\)/);
  });

  it('100 000 nested [ are a located syntax error', () => {
    const path = write('nested.nn.json', '['.repeat(100_000));
    const { code, stderr } = check(path);
    assert.equal(code, 1);
    // The 65th bracket (column 65) is the first past 64 levels.
    assert.ok(stderr.startsWith(`${path}:1:65: error: `), stderr.slice(0, 300));
    assert.match(stderr, /LIMITS\.maxNestingDepth/);
  });

  it('an f64 65536-1-16384-2 network at batch 8192 is refused by the memory budget, on "batchSize"', () => {
    write('wide-images', idx([2, 256, 256], new Uint8Array(2 * 65_536)));
    write('two-labels', idx([2], Uint8Array.from([0, 1])));
    const path = model('memory-budget', {
      layers: [{ units: 1 }, { units: 16_384 }, OUTPUT],
      data: { source: 'idx', images: 'wide-images', labels: 'two-labels' },
      training: { batchSize: 8192, precision: 'f64', validationSplit: 0 },
    });
    assertLocatedError(path, '8192', /needs about \d+\.\d GiB .*; the limit is 2\.0 GiB \(LIMITS\.maxModelBytes\)/);
  });

  it('a model file starting with a byte-order mark is valid', () => {
    const path = write('bom.nn.json', `\ufeff${readFileSync(join(REPO_ROOT, 'samples/spirals.nn.json'), 'utf8')}`);
    const { code, stdout } = check(path);
    assert.equal(code, 0);
    assert.match(stdout, /valid/);
  });

  it('0×0-pixel IDX images are refused', () => {
    write('empty-images', idx([2, 0, 0], new Uint8Array(0)));
    write('two-labels', idx([2], Uint8Array.from([0, 1])));
    const path = model('zero-pixels', { layers: [OUTPUT], data: { source: 'idx', images: 'empty-images', labels: 'two-labels' } });
    assertLocatedError(path, '"empty-images"', /0×0-pixel images; an image needs at least 1×1 pixel/);
  });
});

describe('gradient-lens check on more hostile inputs', () => {
  it('a CSV cell with a NUL byte is reported with the byte escaped', () => {
    write('nul.csv', 'x,y\n1,0\n2\u0000,1\n');
    const path = model('nul', { layers: [{ units: 1, activation: 'sigmoid' }], loss: 'binary_cross_entropy', data: { source: 'csv', path: 'nul.csv', target: 'y' } });
    const stderr = assertLocatedError(path, '"nul.csv"', /row 3, column 1 \("x"\): "2\\u0000" is not a number/);
    assert.ok(!stderr.includes('\u0000'), 'no raw NUL reaches the terminal');
  });

  it('a truncated gzip is a readable error', () => {
    const gz = gzipSync('x,y\n1,0\n2,1\n'.repeat(1000));
    write('truncated.csv.gz', gz.subarray(0, gz.length - 40));
    const path = model('truncated-gz', { layers: [{ units: 1 }], data: { source: 'csv', path: 'truncated.csv.gz', target: 'y' } });
    assertLocatedError(path, '"truncated.csv.gz"', /cannot be decompressed/);
  });

  it('an IDX header that claims 10⁹ images over 2 is refused without allocating them', () => {
    write('lying-images', idx([1_000_000_000, 28, 28], new Uint8Array(2 * 784)));
    write('two-labels', idx([2], Uint8Array.from([0, 1])));
    // Without "limit", the header alone is refused (more images than LIMITS.maxSamples), on the data object
    // that lacks "limit"; with it, the file is found short.
    const unlimited = model('lying-idx', { layers: [OUTPUT], data: { source: 'idx', images: 'lying-images', labels: 'two-labels' } });
    assertLocatedError(unlimited, '{\n  "source": "idx"', /1,000,000,000 images; at most 1,000,000 may be used \(LIMITS\.maxSamples\)/);
    const limited = model('lying-idx-limited', { layers: [OUTPUT], data: { source: 'idx', images: 'lying-images', labels: 'two-labels', limit: 2 } });
    assertLocatedError(limited, '"lying-images"', /declares dimensions 1000000000 × 28 × 28 .* it is truncated/);
  });

  it('a data path that is a directory is refused', () => {
    mkdirSync(join(folder, 'a-folder.csv'), { recursive: true });
    const path = model('directory', { layers: [{ units: 1 }], data: { source: 'csv', path: 'a-folder.csv', target: 'y' } });
    assertLocatedError(path, '"a-folder.csv"', /is a directory, not a regular file/);
  });

  it('a data path of 100 000 characters is quoted to 80 characters in the error', () => {
    const path = model('long-path', { layers: [{ units: 1 }], data: { source: 'csv', path: `${'d'.repeat(100_000)}.csv`, target: 'y' } });
    assertLocatedError(path, '"ddd', /Cannot read "d{79}…"/);
  });

  it('a /proc file (size 0 in stat) is read with its bytes counted and refused as a CSV', () => {
    const path = model('proc', { layers: [{ units: 1 }], data: { source: 'csv', path: '/proc/self/status', target: 'y' } });
    assertLocatedError(path, '"y"', /there is no column "y"/);
  });
});
