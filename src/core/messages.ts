/** Small wording helpers shared by the rules, so every message formats numbers, lists and suggestions alike. */

/** 65536 → "65,536": limits are easier to read with separators. */
export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

/** ["a", "b", "c"] → `"a", "b" or "c"`. */
export function quoteList(values: readonly string[], conjunction = 'or'): string {
  const quoted = values.map((v) => `"${v}"`);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} ${conjunction} ${quoted[quoted.length - 1]}`;
}

/** Characters of file text quoted in a message; longer text is cut with an ellipsis. */
export const MAX_QUOTED_LENGTH = 80;

/** Names longer than this get no "did you mean": no real key, value or column name is that long. */
export const MAX_SUGGESTED_NAME_LENGTH = 64;

/**
 * Text taken from a file (a key, a value, a column name, a cell) as a message may echo it: at most
 * MAX_QUOTED_LENGTH characters, cut with "…", so a crafted 5 MB key yields an 80-character message,
 * and control characters (a NUL, an escape sequence for the terminal) written as \u escapes.
 */
export function quoteText(text: string): string {
  const cut = text.length <= MAX_QUOTED_LENGTH ? text : `${text.slice(0, MAX_QUOTED_LENGTH - 1)}…`;
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return cut.replace(/[\u0000-\u001f\u007f]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Edit distance counting an adjacent transposition ("lable" → "label") as one edit. Keeps three
 * rows (the transposition looks two rows back), so memory is linear in the length of `b`.
 */
function editDistance(a: string, b: string): number {
  let twoBack = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) current[j] = Math.min(current[j], twoBack[j - 2] + 1);
    }
    [twoBack, previous, current] = [previous, current, twoBack];
  }
  return previous[b.length];
}

/**
 * The closest candidate to a misspelt name (ignoring case and `_`/`-`), or undefined when nothing
 * is close. Only names and candidates of at most MAX_SUGGESTED_NAME_LENGTH characters are
 * compared, so the work per pair is bounded whatever a file holds.
 */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  if (name.length > MAX_SUGGESTED_NAME_LENGTH) return undefined;
  const simplify = (s: string): string => s.toLowerCase().replace(/[_\-\s]/g, '');
  const wanted = simplify(name);
  // Allow roughly one typo per four characters, at least one.
  const allowed = Math.max(1, Math.floor(wanted.length / 4));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate.length > MAX_SUGGESTED_NAME_LENGTH) continue;
    const simple = simplify(candidate);
    // The distance is at least the difference in length: skip the table when that is already too far.
    if (Math.abs(simple.length - wanted.length) > allowed) continue;
    const distance = editDistance(wanted, simple);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= allowed ? best : undefined;
}

/** At most `shown` names, quoted and joined by ", ", with "… (N in all)" when some are left out. */
export function listNames(names: readonly string[], shown = 8): string {
  const listed = names.slice(0, shown).map(quoteText).join(', ');
  return names.length > shown ? `${listed}, … (${formatCount(names.length)} in all)` : listed;
}

/** ` Did you mean "relu"?` or the empty string. */
export function didYouMean(name: string, candidates: readonly string[]): string {
  const suggestion = closestName(name, candidates);
  return suggestion === undefined ? '' : ` Did you mean "${quoteText(suggestion)}"?`;
}
