/**
 * Text taken from a user's files (a data path, a CSV column name, a class label) as a hover's
 * Markdown may show it: one line of at most MAX_QUOTED_LENGTH characters (the cut every message
 * quoting a file uses), in a code span (whose content Markdown never interprets), so a crafted
 * file can put neither links, images nor HTML into the hover, nor a megabyte of text.
 */
import { MAX_QUOTED_LENGTH } from '../../core/messages';

/** One line (line breaks would start new Markdown blocks), at most MAX_QUOTED_LENGTH characters. */
function shortLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is replaced
  const line = text.replace(/[\u0000-\u001f\u007f\s]+/g, ' ');
  return line.length <= MAX_QUOTED_LENGTH ? line : `${line.slice(0, MAX_QUOTED_LENGTH - 1)}…`;
}

/** `text` as a Markdown code span, fenced by more backticks than the text holds in a row (so none can close it early). */
export function echoCode(text: string): string {
  const line = shortLine(text);
  const longestRun = Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  // A space on each side keeps a leading or trailing backtick from joining the fence; Markdown strips one of each.
  const padded = line.startsWith('`') || line.endsWith('`') || longestRun > 0 ? ` ${line} ` : line;
  return `${fence}${padded}${fence}`;
}
