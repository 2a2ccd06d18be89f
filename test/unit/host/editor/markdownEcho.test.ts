/** File text in the data hover: cut short and inert (no links, images or HTML outside code spans). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DatasetInfo } from '../../../../src/data/info';
import { dataHover } from '../../../../src/extension/editor/hoverText';
import { echoCode } from '../../../../src/host/editor/markdownEcho';
import { MAX_QUOTED_LENGTH } from '../../../../src/core/messages';

/**
 * The Markdown outside code spans, by CommonMark's rule: a run of n backticks opens a span that
 * the next run of exactly n backticks closes; a run with no such closer is literal text.
 */
function outsideCodeSpans(markdown: string): string {
  let outside = '';
  let at = 0;
  while (at < markdown.length) {
    const open = /`+/g;
    open.lastIndex = at;
    const opener = open.exec(markdown);
    if (!opener) return outside + markdown.slice(at);
    outside += markdown.slice(at, opener.index);
    const closer = new RegExp(`(?<!\`)${opener[0]}(?!\`)`, 'g');
    closer.lastIndex = opener.index + opener[0].length;
    const closing = closer.exec(markdown);
    if (!closing) {
      outside += opener[0];
      at = opener.index + opener[0].length;
    } else {
      at = closing.index + closing[0].length;
    }
  }
  return outside;
}

const HOSTILE = [
  '![t](https://evil.example/track.png)',
  '<img src=x onerror=alert(1)>',
  '[run](command:workbench.action.terminal.new)',
  'x`](https://evil.example)`y',
  '``edge',
  'two\n# lines',
  'a'.repeat(5_000),
];

const info: DatasetInfo = { count: 10, inputWidth: HOSTILE.length, targetWidth: 2, task: 'classification', featureNames: HOSTILE, classNames: HOSTILE.slice(0, 4) };

describe('file text in the data hover', () => {
  const text = dataHover({ source: 'csv', path: '`](https://evil.example/p.csv)<b>', target: 'y`![i](https://evil.example/i.png)', normalize: 'none' }, info, 0.2);
  const outside = outsideCodeSpans(text);

  it('leaves no link, image or HTML outside code spans', () => {
    for (const token of ['![', '](', '<img', '<b>', '[run]', 'evil.example']) assert.ok(!outside.includes(token), `"${token}" outside a code span in:\n${text}`);
  });

  it('cuts each name to the echo limit, on one line', () => {
    assert.ok(!text.includes('a'.repeat(MAX_QUOTED_LENGTH)), 'a 5000-character column name is echoed whole');
    assert.ok(text.includes(`${'a'.repeat(MAX_QUOTED_LENGTH - 1)}…`));
    assert.ok(!/^# lines/m.test(text), 'a line break in a column name started a Markdown heading');
  });

  it('still shows ordinary names as they are', () => {
    assert.equal(echoCode('sepal_length'), '`sepal_length`');
    assert.equal(echoCode('a`b'), '`` a`b ``');
  });
});
