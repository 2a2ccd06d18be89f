/**
 * The host's check of every message the panel (webview) sends, before anything acts on it
 * (rules in docs/protocol.md, "Webview → host"). It lives in the host, not beside the message
 * types in src/protocol/: only the host runs it, the webview bundle must not carry it, and what it
 * hands back (a decoded PNG) is the host's own view of the message, not something both sides share.
 */
import { EXPORT_LIMITS, LIMITS } from '../../core/limits';
import { learningRateProblem } from '../../core/learningRate';
import { QUANTITIES, type QuantityName } from '../../core/snapshot';
import { isPace, PACES } from '../../core/pace';
import { EXPORT_DATA_KINDS, RUN_COMMANDS, type ExportImageMessage, type WebviewToHostMessage } from '../../protocol/panelMessages';
import { decodePngDataUrl, isSafeImageName } from '../../protocol/pngImage';

/**
 * An `exportImage` that passed every check: the data URL decoded once, during validation, so the
 * host writes these bytes and never decodes the URL again.
 */
export interface ValidatedExportImage {
  readonly type: 'exportImage';
  /** Passed `isSafeImageName`. */
  readonly name: string;
  /** The PNG file's bytes: signature and IHDR checked, at most EXPORT_LIMITS.maxImageBytes. */
  readonly png: Uint8Array;
}

/** A webview message as the host acts on it: as sent, except `exportImage`, whose PNG is already decoded. */
export type ValidatedWebviewMessage = Exclude<WebviewToHostMessage, ExportImageMessage> | ValidatedExportImage;

export type ParseResult = { readonly ok: true; readonly message: ValidatedWebviewMessage } | { readonly ok: false; readonly reason: string };

type Fields = Record<string, unknown>;

function isPlainObject(value: unknown): value is Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Reason for the first key that is not exactly one of `allowed`, or undefined. */
function unexpectedKey(value: Fields, allowed: readonly string[]): string | undefined {
  const extra = Object.keys(value).find((key) => !allowed.includes(key));
  return extra === undefined ? undefined : `unexpected field '${extra}'`;
}

function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;
}

/** Like `Array.prototype.every`, but a hole in a sparse array fails instead of being skipped. */
function everyElement(values: readonly unknown[], test: (value: unknown) => boolean): boolean {
  for (let i = 0; i < values.length; i++) if (!(i in values) || !test(values[i])) return false;
  return true;
}

function isOneOf<T extends string>(value: unknown, names: readonly T[]): value is T {
  return typeof value === 'string' && (names as readonly string[]).includes(value);
}

const fail = (reason: string): ParseResult => ({ ok: false, reason });

/** Every field each message type must have, besides `type`. */
const FIELDS: Record<WebviewToHostMessage['type'], readonly string[]> = {
  ready: [],
  ack: ['seq'],
  command: ['name'],
  setLearningRate: ['value'],
  selectSample: ['index'],
  setView: ['quantities', 'layers'],
  exportImage: ['name', 'dataUrl'],
  exportData: ['kind'],
  setInputSpace: ['visible'],
  setPace: ['pace'],
};

/**
 * Checks an untrusted value from the webview field by field: a known `type`, exactly the fields
 * that type has (no more, no fewer), types, finite numbers, integer ranges and known names. An
 * `exportImage` comes back with its PNG decoded (the only decoding of that data URL).
 */
export function parseWebviewMessage(value: unknown): ParseResult {
  if (!isPlainObject(value)) return fail('message is not a plain object');
  const type = value.type;
  if (!isOneOf(type, Object.keys(FIELDS) as WebviewToHostMessage['type'][])) {
    return fail(`unknown message type ${JSON.stringify(type) ?? String(type)}`);
  }
  const allowed = ['type', ...FIELDS[type]];
  const extra = unexpectedKey(value, allowed);
  if (extra !== undefined) return fail(`${type}: ${extra}`);
  const missing = allowed.find((key) => !Object.prototype.hasOwnProperty.call(value, key));
  if (missing !== undefined) return fail(`${type}: missing field '${missing}'`);

  switch (type) {
    case 'ready':
      return { ok: true, message: { type } };
    case 'ack':
      if (!isIntegerIn(value.seq, 0, Number.MAX_SAFE_INTEGER)) return fail('ack: seq must be a non-negative safe integer');
      return { ok: true, message: { type, seq: value.seq } };
    case 'command':
      if (!isOneOf(value.name, RUN_COMMANDS)) return fail(`command: unknown name, expected one of ${RUN_COMMANDS.join(', ')}`);
      return { ok: true, message: { type, name: value.name } };
    case 'setLearningRate': {
      const rate = value.value;
      if (typeof rate !== 'number') return fail('setLearningRate: value must be a number');
      const problem = learningRateProblem(rate);
      if (problem !== undefined) return fail(`setLearningRate: ${problem}`);
      return { ok: true, message: { type, value: rate } };
    }
    case 'selectSample':
      if (!isIntegerIn(value.index, 0, LIMITS.maxBatchSize - 1)) {
        return fail(`selectSample: index must be an integer in [0, ${LIMITS.maxBatchSize - 1}]`);
      }
      return { ok: true, message: { type, index: value.index } };
    case 'setView':
      return parseSetView(value.quantities, value.layers);
    case 'exportImage': {
      if (!isSafeImageName(value.name)) {
        return fail(`exportImage: name must be 1-${EXPORT_LIMITS.maxImageNameLength} letters, digits, '-', '_' or inner dots (no path)`);
      }
      const image = decodePngDataUrl(value.dataUrl);
      if (!image.ok) return fail(`exportImage: ${image.reason}`);
      return { ok: true, message: { type, name: value.name, png: image.bytes } };
    }
    case 'exportData':
      if (!isOneOf(value.kind, EXPORT_DATA_KINDS)) return fail(`exportData: unknown kind, expected one of ${EXPORT_DATA_KINDS.join(', ')}`);
      return { ok: true, message: { type, kind: value.kind } };
    case 'setInputSpace':
      if (typeof value.visible !== 'boolean') return fail('setInputSpace: visible must be true or false');
      return { ok: true, message: { type, visible: value.visible } };
    case 'setPace':
      if (!isPace(value.pace)) return fail(`setPace: unknown pace, expected one of ${PACES.join(', ')}`);
      return { ok: true, message: { type, pace: value.pace } };
  }
}

function parseSetView(quantities: unknown, layers: unknown): ParseResult {
  if (!Array.isArray(quantities) || quantities.length > QUANTITIES.length) {
    return fail(`setView: quantities must be an array of at most ${QUANTITIES.length} names`);
  }
  if (!everyElement(quantities, (name) => isOneOf(name, QUANTITIES))) return fail(`setView: unknown quantity, expected ${QUANTITIES.join(', ')}`);
  if (new Set(quantities).size !== quantities.length) return fail('setView: duplicate quantity');
  if (!Array.isArray(layers) || layers.length > LIMITS.maxLayers) {
    return fail(`setView: layers must be an array of at most ${LIMITS.maxLayers} indices`);
  }
  if (!everyElement(layers, (index) => isIntegerIn(index, 1, LIMITS.maxLayers))) return fail(`setView: layer indices must be integers in [1, ${LIMITS.maxLayers}]`);
  if (new Set(layers).size !== layers.length) return fail('setView: duplicate layer');
  // Copies, so later mutation of the posted arrays cannot change what was validated.
  return { ok: true, message: { type: 'setView', quantities: [...quantities] as QuantityName[], layers: [...layers] as number[] } };
}
