/**
 * Typed reading of one JSON object of a model file: each accessor checks the value's type and
 * range, reports what is wrong and what would be right, records source ranges, and returns
 * undefined for a missing or invalid value so the caller can fall back to a default and go on
 * finding further problems.
 */
import type { Node } from 'jsonc-parser';
import type { DiagnosticSink, SourceRange } from './diagnostics';
import { didYouMean, formatCount, quoteList, quoteText } from '../core/messages';
import type { ModelRanges } from './ranges';

/** Allowed values of a number; bounds are inclusive unless marked exclusive. */
export interface NumberRule {
  readonly integer?: boolean;
  readonly min?: number;
  readonly max?: number;
  readonly minExclusive?: boolean;
  readonly maxExclusive?: boolean;
  /** Appended to range errors: a typical value, or which limit the bound is. */
  readonly hint?: string;
}

export function describeNumberRule(rule: NumberRule): string {
  const kind = rule.integer ? 'an integer' : 'a finite number';
  const min = rule.min === undefined ? undefined : formatCount(rule.min);
  const max = rule.max === undefined ? undefined : formatCount(rule.max);
  if (min !== undefined && max !== undefined) {
    return `${kind} in ${rule.minExclusive ? '(' : '['}${min}, ${max}${rule.maxExclusive ? ')' : ']'}`;
  }
  if (min !== undefined) return `${kind} ${rule.minExclusive ? '>' : '≥'} ${min}`;
  if (max !== undefined) return `${kind} ${rule.maxExclusive ? '<' : '≤'} ${max}`;
  return kind;
}

export function satisfiesNumberRule(value: number, rule: NumberRule): boolean {
  if (!Number.isFinite(value)) return false;
  if (rule.integer && !Number.isInteger(value)) return false;
  if (rule.min !== undefined && (rule.minExclusive ? value <= rule.min : value < rule.min)) return false;
  if (rule.max !== undefined && (rule.maxExclusive ? value >= rule.max : value > rule.max)) return false;
  return true;
}

/** "a string", "an array"… for "must be X, not Y" messages. */
function describeNodeType(node: Node): string {
  switch (node.type) {
    case 'object': return 'an object';
    case 'array': return 'an array';
    case 'string': return 'a string';
    case 'number': return 'a number';
    case 'boolean': return 'a boolean';
    case 'null': return 'null';
    default: return node.type;
  }
}

export function rangeOfNode(node: Node): SourceRange {
  return { offset: node.offset, length: node.length };
}

/** What every reader of one file shares. */
export interface ReadContext {
  readonly text: string;
  readonly sink: DiagnosticSink;
  readonly ranges: ModelRanges;
}

interface Entry {
  readonly key: string;
  readonly keyNode: Node;
  readonly valueNode: Node;
}

export class ObjectReader {
  private readonly entries = new Map<string, Entry>();

  /**
   * @param path dotted path of this object ('' for the root), prefixed to every key's path.
   * @param label how messages name this object ("layer 2", "training").
   */
  constructor(
    private readonly context: ReadContext,
    readonly node: Node,
    readonly path: string,
    readonly label: string,
  ) {
    for (const property of node.children ?? []) {
      const [keyNode, valueNode] = property.children ?? [];
      if (!keyNode || !valueNode || typeof keyNode.value !== 'string') continue;
      const key: string = keyNode.value;
      const propertyPath = this.pathOf(key);
      if (this.entries.has(key)) {
        context.sink.error('duplicate-key', rangeOfNode(keyNode),
          `"${quoteText(key)}" appears more than once in ${label}; keep one (JSON readers disagree about which one wins).`);
      }
      this.entries.set(key, { key, keyNode, valueNode });
      context.ranges.properties.set(propertyPath, {
        key: rangeOfNode(keyNode), value: rangeOfNode(valueNode), property: rangeOfNode(property),
      });
    }
  }

  get range(): SourceRange {
    return rangeOfNode(this.node);
  }

  pathOf(key: string): string {
    return this.path === '' ? key : `${this.path}.${key}`;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }

  /** Range of a key's value, or of this object when the key is absent. */
  valueRange(key: string): SourceRange {
    const entry = this.entries.get(key);
    return entry ? rangeOfNode(entry.valueNode) : this.range;
  }

  keyRange(key: string): SourceRange {
    const entry = this.entries.get(key);
    return entry ? rangeOfNode(entry.keyNode) : this.range;
  }

  /** Source text of a value as written (so `1e999` is quoted as `1e999`, not `Infinity`). */
  rawValue(key: string): string {
    const entry = this.entries.get(key);
    if (!entry) return '';
    return this.context.text.slice(entry.valueNode.offset, entry.valueNode.offset + entry.valueNode.length);
  }

  /**
   * Warns about every key not in `allowed`. `why` explains whose keys these are ("for source
   * 'xor'") when the allowed set depends on another value.
   */
  warnUnknownKeys(allowed: readonly string[], why = ''): void {
    for (const { key, keyNode } of this.entries.values()) {
      if (allowed.includes(key)) continue;
      this.context.sink.warning('unknown-key', rangeOfNode(keyNode),
        `Unknown key "${quoteText(key)}" in ${this.label}${why} is ignored.${didYouMean(key, allowed)} Valid keys: ${allowed.join(', ')}.`);
    }
  }

  /** Reports a missing required key on this object's range. */
  requireKey(key: string, example: string): boolean {
    if (this.has(key)) return true;
    this.context.sink.error('missing-key', this.range, `${capitalize(this.label)} needs "${key}", e.g. ${example}.`);
    return false;
  }

  private wrongType(key: string, expected: string, entry: Entry, hint = ''): void {
    this.context.sink.error('wrong-type', rangeOfNode(entry.valueNode),
      `"${key}" in ${this.label} must be ${expected}, not ${describeNodeType(entry.valueNode)}.${hint}`);
  }

  number(key: string, rule: NumberRule): number | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    const node = entry.valueNode;
    const expected = describeNumberRule(rule);
    if (node.type !== 'number') {
      const quoted = node.type === 'string' ? Number(String(node.value).trim()) : NaN;
      const hint = node.type === 'string' && String(node.value).trim() !== '' && Number.isFinite(quoted)
        ? ` Write ${quoteText(String(node.value).trim())} without quotes.`
        : rule.hint ? ` ${rule.hint}` : '';
      this.wrongType(key, expected, entry, hint);
      return undefined;
    }
    const value = node.value as number;
    if (satisfiesNumberRule(value, rule)) return value;
    const raw = quoteText(this.rawValue(key));
    let problem: string;
    if (!Number.isFinite(value)) problem = `${raw} overflows to ${value > 0 ? '' : '-'}Infinity`;
    else if (rule.integer && !Number.isInteger(value)) problem = `${raw} is not a whole number`;
    else problem = `got ${raw}`;
    const code = rule.integer && Number.isFinite(value) && !Number.isInteger(value) ? 'not-integer' : 'out-of-range';
    this.context.sink.error(code, rangeOfNode(node),
      `"${key}" in ${this.label} must be ${expected}; ${problem}.${rule.hint ? ` ${rule.hint}` : ''}`);
    return undefined;
  }

  string(key: string, options: { nonEmpty?: boolean } = {}): string | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.valueNode.type !== 'string') {
      this.wrongType(key, 'a string', entry);
      return undefined;
    }
    const value = entry.valueNode.value as string;
    if (options.nonEmpty && value.trim() === '') {
      this.context.sink.error('out-of-range', rangeOfNode(entry.valueNode), `"${key}" in ${this.label} must not be empty.`);
      return undefined;
    }
    return value;
  }

  boolean(key: string): boolean | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.valueNode.type !== 'boolean') {
      const hint = entry.valueNode.type === 'string' && /^(true|false)$/.test(String(entry.valueNode.value))
        ? ` Write ${String(entry.valueNode.value)} without quotes.` : '';
      this.wrongType(key, 'true or false', entry, hint);
      return undefined;
    }
    return entry.valueNode.value as boolean;
  }

  /** One of `values`; a wrong one is reported with the full list of valid ones. */
  enumValue<T extends string>(key: string, values: readonly T[]): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    const list = quoteList(values);
    if (entry.valueNode.type !== 'string') {
      this.wrongType(key, `one of ${list}`, entry);
      return undefined;
    }
    const value = entry.valueNode.value as string;
    if ((values as readonly string[]).includes(value)) return value as T;
    this.context.sink.error('invalid-enum', rangeOfNode(entry.valueNode),
      `"${quoteText(value)}" is not a valid "${key}" in ${this.label}.${didYouMean(value, values)} Valid values: ${list}.`);
    return undefined;
  }

  object(key: string, label: string): ObjectReader | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.valueNode.type !== 'object') {
      this.wrongType(key, 'an object', entry);
      return undefined;
    }
    return new ObjectReader(this.context, entry.valueNode, this.pathOf(key), label);
  }

  /** The element nodes of an array value, each recorded in ranges.elements. */
  array(key: string): Node[] | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.valueNode.type !== 'array') {
      this.wrongType(key, 'an array', entry);
      return undefined;
    }
    const elements = entry.valueNode.children ?? [];
    elements.forEach((element, index) => this.context.ranges.elements.set(`${this.pathOf(key)}.${index}`, rangeOfNode(element)));
    return elements;
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
