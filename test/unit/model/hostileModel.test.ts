// Model files crafted to exhaust the parser: every one gets a located diagnostic that names the
// limit, and each echo of file text is cut short.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { closestName, MAX_QUOTED_LENGTH, quoteText } from '../../../src/core/messages';
import { parseModel } from '../../../src/model/parse';
import { LIMITS } from '../../../src/core/limits';

const VALID = '{ "layers": [{ "units": 4, "activation": "tanh" }, { "units": 1 }], "data": { "source": "xor" } }';

describe('closestName: bounded suggestions', () => {
  it('still suggests for a short typo', () => {
    assert.equal(closestName('lable', ['label', 'units']), 'label');
  });

  it('suggests nothing for a name longer than 64 characters, even one that differs by one edit', () => {
    const candidate = 'a'.repeat(64);
    assert.equal(closestName(`${'a'.repeat(63)}b`, [candidate]), candidate, 'one edit at 64 characters is suggested');
    assert.equal(closestName(`${candidate}b`, [candidate]), undefined, 'a 65-character name gets no suggestion');
    assert.equal(closestName(candidate, [`${candidate}b`]), undefined, 'nor is a candidate of 65 characters offered');
  });

  it('answers a 5 M-character name against 30 000 candidates at once', () => {
    const candidates = Array.from({ length: 30_000 }, (_, i) => `column_${i}`);
    const started = performance.now();
    assert.equal(closestName('x'.repeat(5_000_000), candidates), undefined);
    assert.equal(closestName('column_2999x', candidates), 'column_2999');
    assert.ok(performance.now() - started < 2_000, `took ${performance.now() - started} ms`);
  });
});

describe('quoteText', () => {
  it('keeps short text and cuts long text to the limit with an ellipsis', () => {
    assert.equal(quoteText('relu'), 'relu');
    const quoted = quoteText('x'.repeat(1_000));
    assert.equal(quoted.length, MAX_QUOTED_LENGTH);
    assert.ok(quoted.endsWith('…'));
  });
});

describe('parseModel: hostile structure', () => {
  it('100 000 nested [ are a syntax error on the first bracket past the limit', () => {
    const parsed = parseModel('['.repeat(100_000));
    assert.equal(parsed.diagnostics.length, 1);
    const [diagnostic] = parsed.diagnostics;
    assert.equal(diagnostic.code, 'syntax');
    assert.equal(diagnostic.range.offset, LIMITS.maxNestingDepth);
    assert.match(diagnostic.message, /LIMITS\.maxNestingDepth/);
  });

  it('brackets inside strings and comments do not count as nesting', () => {
    const text = `// ${'['.repeat(200)}\n{ "name": "${'{'.repeat(200)}", ${VALID.slice(1)}`;
    const parsed = parseModel(text);
    assert.deepEqual(parsed.diagnostics.filter((d) => d.severity === 'error'), []);
    assert.ok(parsed.spec);
  });

  it('a file of more values than the limit is refused on the first value past it', () => {
    const values = Array.from({ length: LIMITS.maxModelValues }, () => '1').join(',');
    const text = `{ "x": [${values}] }`;
    const parsed = parseModel(text);
    assert.equal(parsed.diagnostics.length, 1);
    assert.equal(parsed.diagnostics[0].code, 'too-many-values');
    // Counted: the root object, the key "x" and the array (3), then the ones, each 2 characters
    // apart ("1,"); the one that makes the count exceed the limit is number maxModelValues − 2.
    const firstOne = text.indexOf('[') + 1;
    assert.equal(parsed.diagnostics[0].range.offset, firstOne + 2 * (LIMITS.maxModelValues - 3));
    assert.match(parsed.diagnostics[0].message, /LIMITS\.maxModelValues/);
  });

  it('more layers than allowed are refused on "layers" without reading any layer', () => {
    const layers = Array.from({ length: LIMITS.maxLayers + 1 }, () => '{ "units": 0 }').join(',');
    const parsed = parseModel(`{ "layers": [${layers}], "data": { "source": "xor" } }`);
    assert.deepEqual(parsed.diagnostics.map((d) => d.code), ['too-many-layers']);
    assert.match(parsed.diagnostics[0].message, /LIMITS\.maxLayers/);
  });

  it('a UTF-8 byte-order mark is accepted and offsets still point into the text', () => {
    const text = `\ufeff${VALID.replace('"units": 4', '"units": 0')}`;
    const parsed = parseModel(text);
    assert.deepEqual(parsed.diagnostics.map((d) => d.code), ['out-of-range']);
    assert.equal(text.slice(parsed.diagnostics[0].range.offset, parsed.diagnostics[0].range.offset + parsed.diagnostics[0].range.length), '0');
    assert.ok(parseModel(`\ufeff${VALID}`).spec);
  });

  it('a 5 M-character unknown key and activation are reported with at most 80 characters of each', () => {
    const long = 'r'.repeat(5_000_000);
    const parsed = parseModel(`{ "${long}": 1, "layers": [{ "units": 1, "activation": "${long}" }], "data": { "source": "xor" } }`);
    const codes = parsed.diagnostics.map((d) => d.code).sort();
    assert.deepEqual(codes, ['invalid-enum', 'unknown-key']);
    for (const diagnostic of parsed.diagnostics) {
      assert.ok(diagnostic.message.length < 600, `${diagnostic.message.length} characters`);
      assert.ok(diagnostic.message.includes(`${'r'.repeat(MAX_QUOTED_LENGTH - 1)}…`));
    }
  });
});
