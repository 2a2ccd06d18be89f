/**
 * IDX files (the MNIST format): a 4-byte magic number 0x00 0x00 <type> <rank>, then `rank`
 * big-endian uint32 dimensions, then the values. Images are unsigned bytes of rank 3
 * (count × rows × columns, magic 0x00000803); labels unsigned bytes of rank 1 (0x00000801).
 * Raw or gzip. See http://yann.lecun.com/exdb/mnist/ ("FILE FORMATS").
 */
import { quoteText } from '../core/messages';
import { LIMITS } from '../core/limits';
import type { LossName, NormalizeMode } from '../core/spec';
import { maybeGunzip } from './bytes';
import type { Dataset } from '../core/dataset';
import { labelledToDataset } from './encode';
import { DataError, checkDatasetValues, type DataKey } from './errors';
import { normalizeGlobally } from './normalize';

const UNSIGNED_BYTE = 0x08;

export interface IdxArray {
  readonly dims: readonly number[];
  /** The values, row-major (a view into the file bytes). */
  readonly values: Uint8Array;
}

/** Bytes of an image file's header: the magic number and three dimensions. */
export const IDX_IMAGE_HEADER_BYTES = 4 + 4 * 3;

function failure(fileName: string, key?: DataKey): (message: string) => never {
  return (message) => {
    throw new DataError('bad-idx', `${quoteText(fileName)}: ${message}`, { file: fileName, key });
  };
}

/** The dimensions an IDX header of the expected rank declares (the values are not looked at). */
function readIdxHeader(bytes: Uint8Array, expectedRank: number, fileName: string, key?: DataKey): { dims: number[]; headerLength: number } {
  const fail = failure(fileName, key);
  if (bytes.length < 4) fail(`the file has ${bytes.length} bytes, too few for an IDX header (4-byte magic number).`);
  const expectedMagic = `00 00 08 0${expectedRank}`;
  const magic = [...bytes.subarray(0, 4)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    fail(`magic number ${magic} is not IDX (it must start with 00 00; expected ${expectedMagic}).`);
  }
  if (bytes[2] !== UNSIGNED_BYTE) {
    fail(`value type 0x${bytes[2].toString(16).padStart(2, '0')} is not supported; only unsigned bytes (0x08, as in MNIST) are (expected magic ${expectedMagic}).`);
  }
  if (bytes[3] !== expectedRank) {
    fail(`the file has ${bytes[3]} dimension${bytes[3] === 1 ? '' : 's'}, but ${expectedRank === 3 ? 'an image file needs 3 (count, rows, columns)' : 'a label file needs 1 (count)'}; ` +
      `expected magic ${expectedMagic}. Are "images" and "labels" swapped?`);
  }
  const headerLength = 4 + 4 * expectedRank;
  if (bytes.length < headerLength) fail(`the header is cut short: ${expectedRank} dimensions need ${headerLength} bytes, the file has ${bytes.length}.`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { dims: Array.from({ length: expectedRank }, (_, index) => view.getUint32(4 + 4 * index, false)), headerLength };
}

/** Parses one IDX array of unsigned bytes with the expected rank. */
export function parseIdx(fileBytes: Uint8Array, expectedRank: number, fileName: string, key?: DataKey): IdxArray {
  const bytes = maybeGunzip(fileBytes, fileName, key);
  const { dims, headerLength } = readIdxHeader(bytes, expectedRank, fileName, key);
  const fail = failure(fileName, key);
  const valueCount = dims.reduce((product, dim) => product * dim, 1);
  const available = bytes.length - headerLength;
  if (available !== valueCount) {
    fail(`the header declares dimensions ${dims.join(' × ')} = ${valueCount} values, but the file holds ${available}; ` +
      (available < valueCount ? 'it is truncated.' : 'it has trailing bytes.'));
  }
  return { dims, values: bytes.subarray(headerLength) };
}

export interface IdxOptions {
  readonly loss: LossName;
  readonly normalize: NormalizeMode;
  readonly limit?: number;
  readonly imagesName: string;
  readonly labelsName: string;
}

/**
 * An image/label pair → Dataset with imageShape [rows, columns]; classes are 0 … max label
 * (names "0", "1", …). Normalization is over all pixels together (see normalizeGlobally).
 */
export function idxToDataset(imageBytes: Uint8Array, labelBytes: Uint8Array, options: IdxOptions): Dataset {
  const images = parseIdx(imageBytes, 3, options.imagesName, 'images');
  const labels = parseIdx(labelBytes, 1, options.labelsName, 'labels');
  const [imageCount, rows, columns] = images.dims;
  const [labelCount] = labels.dims;
  if (imageCount !== labelCount) {
    throw new DataError('bad-idx',
      `${quoteText(options.imagesName)} has ${imageCount} images but ${quoteText(options.labelsName)} has ${labelCount} labels; use the matching pair of files.`,
      { key: 'labels', file: options.labelsName });
  }
  const { count, width } = checkImageDims(images.dims, options);
  const inputs = new Float64Array(count * width);
  for (let i = 0; i < count * width; i++) inputs[i] = images.values[i];
  normalizeGlobally(inputs, options.normalize);
  const sampleLabels = Int32Array.from(labels.values.subarray(0, count));
  let classCount = 2;
  for (const label of sampleLabels) classCount = Math.max(classCount, label + 1);
  return labelledToDataset({
    inputs,
    inputWidth: width,
    labels: sampleLabels,
    classNames: Array.from({ length: classCount }, (_, index) => String(index)),
    imageShape: [rows, columns],
  }, options.loss);
}

/**
 * The start of an image file, checked as soon as its header has arrived: the declared image size
 * and count are refused (0×0 pixels, too many inputs or values) before the rest is read.
 */
export function checkImageHeader(start: Uint8Array, options: Pick<IdxOptions, 'limit' | 'imagesName'>): void {
  checkImageDims(readIdxHeader(start, 3, options.imagesName, 'images').dims, options);
}

/** The samples used and the input width of images with dimensions [count, rows, columns]; @throws DataError past a limit. */
function checkImageDims([imageCount, rows, columns]: readonly number[], options: Pick<IdxOptions, 'limit' | 'imagesName'>): { count: number; width: number } {
  if (rows < 1 || columns < 1) {
    throw new DataError('bad-idx', `${quoteText(options.imagesName)}: the header declares ${rows}×${columns}-pixel images; an image needs at least 1×1 pixel.`,
      { key: 'images', file: options.imagesName });
  }
  if (rows * columns > LIMITS.maxLayerWidth) {
    throw new DataError('bad-idx',
      `${quoteText(options.imagesName)}: ${rows}×${columns} images have ${rows * columns} pixels, more than the ${LIMITS.maxLayerWidth} inputs allowed (LIMITS.maxLayerWidth).`,
      { key: 'images', file: options.imagesName });
  }
  const count = Math.min(imageCount, options.limit ?? imageCount);
  if (count > LIMITS.maxSamples) {
    throw new DataError('too-many-samples',
      `${quoteText(options.imagesName)} has ${imageCount.toLocaleString('en-US')} images; at most ${LIMITS.maxSamples.toLocaleString('en-US')} may be used (LIMITS.maxSamples). Set "limit".`,
      { key: 'limit', file: options.imagesName });
  }
  if (count < 1) throw new DataError('too-few-samples', `${quoteText(options.imagesName)} holds no images.`, { key: 'images', file: options.imagesName });
  const width = rows * columns;
  checkDatasetValues(count, width, options.imagesName, 'images');
  return { count, width };
}
