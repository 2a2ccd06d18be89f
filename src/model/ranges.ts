/**
 * Where each part of a model file sits in its text. Paths are dotted JSON paths with array
 * indices as numbers: `training.learningRate`, `layers.2.units`, `data.features.0`.
 */
import type { SourceRange } from './diagnostics';

export interface PropertyRange {
  /** The key, including its quotes. */
  readonly key: SourceRange;
  /** The value (for objects and arrays, from the opening to the closing bracket). */
  readonly value: SourceRange;
  /** Key, colon and value together. */
  readonly property: SourceRange;
}

export interface ModelRanges {
  /** The whole root value (the full text when it failed to parse). */
  root: SourceRange;
  /** Each layer object, in file order (CodeLens and hover anchor here). */
  layers: SourceRange[];
  /** Every property of the file, by dotted path. */
  properties: Map<string, PropertyRange>;
  /** Elements of arrays by dotted path (`layers.0`, `data.features.1`). */
  elements: Map<string, SourceRange>;
}

export function emptyRanges(textLength: number): ModelRanges {
  return { root: { offset: 0, length: textLength }, layers: [], properties: new Map(), elements: new Map() };
}

/**
 * The range to underline for a path: the value when the key is present, else the nearest present
 * ancestor (so "missing key" diagnostics land on the object that should hold it).
 */
export function rangeOf(ranges: ModelRanges, path: string): SourceRange {
  let current = path;
  for (;;) {
    const property = ranges.properties.get(current);
    if (property) return property.value;
    const element = ranges.elements.get(current);
    if (element) return element;
    const dot = current.lastIndexOf('.');
    if (dot < 0) return ranges.root;
    current = current.slice(0, dot);
  }
}

/** The key of a property when present (unknown-key and duplicate-key warnings underline the key). */
export function keyRangeOf(ranges: ModelRanges, path: string): SourceRange {
  return ranges.properties.get(path)?.key ?? rangeOf(ranges, path);
}
