// The panel's `exportImage` and `exportData` messages: only a real PNG within EXPORT_LIMITS, under
// a name that cannot leave the chosen folder, gets past the validator.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EXPORT_LIMITS } from '../../../../src/core/limits';
import { parseWebviewMessage } from '../../../../src/host/panel/parseWebviewMessage';
import { decodePngDataUrl, toSafeImageName } from '../../../../src/protocol/pngImage';
import { pngDataUrl as dataUrl, tinyPng as png } from '../../../fixtures/png';

const message = (fields: Record<string, unknown>) => ({ type: 'exportImage', name: 'spirals-layer2', dataUrl: dataUrl(png(3, 2)), ...fields });

test('accepts a PNG and hands on its decoded bytes, not the data URL', () => {
  const parsed = parseWebviewMessage(message({}));
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.reason);
  assert.equal(parsed.message.type, 'exportImage');
  assert.deepEqual(Object.keys(parsed.message).sort(), ['name', 'png', 'type']);
  if (parsed.message.type !== 'exportImage') return;
  assert.equal(parsed.message.name, 'spirals-layer2');
  assert.ok(parsed.message.png instanceof Uint8Array);
  assert.deepEqual(Buffer.from(parsed.message.png), png(3, 2));
});

test('decodePngDataUrl reads the size from IHDR', () => {
  const decoded = decodePngDataUrl(dataUrl(png(3, 2)));
  assert.ok(decoded.ok);
  assert.deepEqual([decoded.width, decoded.height], [3, 2]);
  assert.deepEqual(Buffer.from(decoded.bytes), png(3, 2));
});

const rejected: [string, Record<string, unknown>, RegExp][] = [
  ['a JPEG data URL', { dataUrl: `data:image/jpeg;base64,${png(3, 2).toString('base64')}` }, /must start with data:image\/png/],
  ['bytes that are not a PNG', { dataUrl: dataUrl(Buffer.from('GIF89a this is not a png at all, really')) }, /bad signature/],
  ['a PNG signature without IHDR', { dataUrl: dataUrl(Buffer.concat([png(3, 2).subarray(0, 8), Buffer.alloc(20)])) }, /IHDR/],
  ['base64 of a length that is no multiple of 4', { dataUrl: 'data:image/png;base64,iVBORw0K$$$' }, /not valid base64: 11 characters after the prefix, not a multiple of 4/],
  ['a character outside base64, named with its offset', { dataUrl: 'data:image/png;base64,iVBORw0K$$$$' }, /not valid base64: character 30 is "\$"/],
  ['padding inside the payload', { dataUrl: 'data:image/png;base64,iVBO=w0K' }, /not valid base64: character 26 is "="/],
  ['more than two padding characters', { dataUrl: 'data:image/png;base64,iVBORw0K====' }, /not valid base64: character 30 is "="/],
  ['fewer bytes than a PNG header', { dataUrl: dataUrl(png(3, 2).subarray(0, 16)) }, /bad signature\): 16 bytes, fewer than the 24/],
  ['a number instead of a data URL', { dataUrl: 42 }, /string/],
  ['an image wider than the limit', { dataUrl: dataUrl(png(EXPORT_LIMITS.maxImageSide + 1, 1)) }, /sides/],
  ['a payload over the size limit', { dataUrl: `data:image/png;base64,${'A'.repeat(Math.ceil(EXPORT_LIMITS.maxImageBytes / 3) * 4 + 4)}` }, new RegExp(`larger than ${EXPORT_LIMITS.maxImageBytes} bytes: a data URL of \\d+ characters \\(at most \\d+\\)`)],
  ['a payload within the URL length that decodes past the size limit', { dataUrl: `data:image/png;base64,${'A'.repeat(Math.ceil(EXPORT_LIMITS.maxImageBytes / 3) * 4)}` }, new RegExp(`larger than ${EXPORT_LIMITS.maxImageBytes} bytes: ${Math.ceil(EXPORT_LIMITS.maxImageBytes / 3) * 3} bytes`)],
  ['a path-traversal name', { name: '../../.bashrc' }, /name/],
  ['a name with a separator', { name: 'a/b' }, /name/],
  ['a Windows path name', { name: 'C:\\evil' }, /name/],
  ['a hidden-file name', { name: '.hidden' }, /name/],
  ['an inner ".."', { name: 'a..b' }, /name/],
  ['an empty name', { name: '' }, /name/],
  ['an over-long name', { name: 'x'.repeat(EXPORT_LIMITS.maxImageNameLength + 1) }, /name/],
  ['a non-string name', { name: ['a'] }, /name/],
  ['an extra field', { path: '/tmp/x.png' }, /unexpected field 'path'/],
];
for (const [what, fields, reason] of rejected) {
  test(`rejects ${what}`, () => {
    const parsed = parseWebviewMessage(message(fields));
    assert.equal(parsed.ok, false);
    if (!parsed.ok) assert.match(parsed.reason, reason);
  });
}

test('rejects a message without its data URL', () => {
  const parsed = parseWebviewMessage({ type: 'exportImage', name: 'x' });
  assert.equal(parsed.ok, false);
});

test('exportData: known kinds only', () => {
  assert.deepEqual(parseWebviewMessage({ type: 'exportData', kind: 'normHistory' }), { ok: true, message: { type: 'exportData', kind: 'normHistory' } });
  assert.equal(parseWebviewMessage({ type: 'exportData', kind: 'weights' }).ok, false);
  assert.equal(parseWebviewMessage({ type: 'exportData', kind: 'snapshot', path: '/etc' }).ok, false);
});

test('toSafeImageName turns any label into a name the validator accepts', () => {
  for (const label of ['../../etc/passwd', 'my model (v2)', '..', '', 'ünïcödé', 'a'.repeat(200)]) {
    const name = toSafeImageName(label);
    assert.ok(parseWebviewMessage(message({ name })).ok, `${label} → ${name}`);
  }
  assert.equal(toSafeImageName('xor-2-16-16-3-layer2'), 'xor-2-16-16-3-layer2');
});
