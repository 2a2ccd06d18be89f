/**
 * Checks on the PNG images the panel sends for saving (`exportImage`): a base64 `data:image/png`
 * URL whose bytes start with the PNG signature and an IHDR chunk, within EXPORT_LIMITS, and a
 * suggested file name that cannot name another folder. Pure: runs in the host and in the tests.
 */
import { EXPORT_LIMITS } from '../core/limits';

export const PNG_DATA_URL_PREFIX = 'data:image/png;base64,';

/** The 8 bytes every PNG file starts with. */
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

/** Longest data URL whose payload can decode to at most EXPORT_LIMITS.maxImageBytes. */
export const MAX_PNG_DATA_URL_LENGTH = PNG_DATA_URL_PREFIX.length + Math.ceil(EXPORT_LIMITS.maxImageBytes / 3) * 4;

export type DecodedPng =
  | { readonly ok: true; readonly bytes: Uint8Array; readonly width: number; readonly height: number }
  | { readonly ok: false; readonly reason: string };

/** The first character that breaks `[A-Za-z0-9+/]*={0,2}`: outside the alphabet, or a '=' not in the final padding. */
const NOT_BASE64 = /[^A-Za-z0-9+/=]|=(?!=?$)/;

/** Decodes and checks a PNG data URL; never throws. */
export function decodePngDataUrl(dataUrl: unknown): DecodedPng {
  const fail = (reason: string): DecodedPng => ({ ok: false, reason });
  if (typeof dataUrl !== 'string') return fail('dataUrl must be a string');
  // Length first: an oversized payload is refused before any decoding work.
  if (dataUrl.length > MAX_PNG_DATA_URL_LENGTH) {
    return fail(`image larger than ${EXPORT_LIMITS.maxImageBytes} bytes: a data URL of ${dataUrl.length} characters (at most ${MAX_PNG_DATA_URL_LENGTH})`);
  }
  if (!dataUrl.startsWith(PNG_DATA_URL_PREFIX)) return fail(`dataUrl must start with ${PNG_DATA_URL_PREFIX}`);
  const payload = dataUrl.slice(PNG_DATA_URL_PREFIX.length);
  if (payload.length % 4 !== 0) return fail(`dataUrl is not valid base64: ${payload.length} characters after the prefix, not a multiple of 4`);
  const invalid = payload.search(NOT_BASE64);
  if (invalid >= 0) return fail(`dataUrl is not valid base64: character ${PNG_DATA_URL_PREFIX.length + invalid} is ${JSON.stringify(payload[invalid])}`);
  const binary = atob(payload);
  if (binary.length > EXPORT_LIMITS.maxImageBytes) return fail(`image larger than ${EXPORT_LIMITS.maxImageBytes} bytes: ${binary.length} bytes`);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  // Signature (8) + IHDR length (4) + type (4) + width (4) + height (4).
  if (bytes.length < 24) return fail(`not a PNG (bad signature): ${bytes.length} bytes, fewer than the 24 of a PNG signature and IHDR`);
  if (PNG_SIGNATURE.some((byte, i) => bytes[i] !== byte)) return fail('not a PNG (bad signature): the first 8 bytes are not the PNG signature');
  const view = new DataView(bytes.buffer);
  const chunkType = String.fromCharCode(...bytes.subarray(12, 16));
  if (view.getUint32(8) !== 13 || chunkType !== 'IHDR') return fail('not a PNG (first chunk is not IHDR)');
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  if (width < 1 || height < 1 || width > EXPORT_LIMITS.maxImageSide || height > EXPORT_LIMITS.maxImageSide) {
    return fail(`image sides must be in [1, ${EXPORT_LIMITS.maxImageSide}] pixels, got ${width}×${height}`);
  }
  return { ok: true, bytes, width, height };
}

/**
 * A suggested file name the host may use as is: letters, digits, '-', '_' and inner dots only
 * (no separators, no '..', no leading dot), at most EXPORT_LIMITS.maxImageNameLength characters.
 */
export function isSafeImageName(name: unknown): name is string {
  return typeof name === 'string' && name.length <= EXPORT_LIMITS.maxImageNameLength &&
    /^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(name) && !name.includes('..');
}

/** Turns any label (a model name, say) into a name `isSafeImageName` accepts; 'image' when nothing is left. */
export function toSafeImageName(label: string): string {
  const cleaned = label.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/\.{2,}/g, '.').replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, EXPORT_LIMITS.maxImageNameLength);
  return cleaned === '' ? 'image' : cleaned;
}
