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

/** Edit distance counting an adjacent transposition ("lable" → "label") as one edit. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
    }
  }
  return rows[a.length][b.length];
}

/** The closest candidate to a misspelt name (ignoring case and `_`/`-`), or undefined when nothing is close. */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  const simplify = (s: string): string => s.toLowerCase().replace(/[_\-\s]/g, '');
  const wanted = simplify(name);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(wanted, simplify(candidate));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  // Allow roughly one typo per four characters, at least one.
  return bestDistance <= Math.max(1, Math.floor(wanted.length / 4)) ? best : undefined;
}

/** ` Did you mean "relu"?` or the empty string. */
export function didYouMean(name: string, candidates: readonly string[]): string {
  const suggestion = closestName(name, candidates);
  return suggestion === undefined ? '' : ` Did you mean "${suggestion}"?`;
}
