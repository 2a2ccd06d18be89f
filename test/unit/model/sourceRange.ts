// The text a diagnostic's source range covers, for asserting where a diagnostic points.

/** The characters of `text` that `range` (an offset and a length, as the model diagnostics carry) covers. */
export const slice = (text: string, range: { offset: number; length: number }): string => text.slice(range.offset, range.offset + range.length);
