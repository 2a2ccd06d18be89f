// Pure helpers of the benchmark: statistics, FLOP counts, agreement checks and table layout.
// No timing, no I/O, so they can be unit-tested (test/unit/bench/).

/** Median of a non-empty list (mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Nearest-rank percentile p ∈ [0, 100] of a non-empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/**
 * Floating-point operations one training step executes in a dense net, counting the three matrix
 * products of each layer (2·B·n_{l−1}·n_l each: forward Z, ∂L/∂W, and δ passed down) except the
 * first layer's input gradient, which no peer computes (the inputs are not trained). So
 * 6·B·Σ(n_{l−1}·n_l) − 2·B·n_0·n_1; elementwise work (activations, bias, update) is left out.
 */
export function flopsPerStep(sizes: readonly number[], batch: number): number {
  let macs = 0;
  for (let l = 1; l < sizes.length; l++) macs += (l === 1 ? 2 : 3) * sizes[l - 1] * sizes[l];
  return 2 * batch * macs;
}

/** |a − b| / max(|a|, |b|, tiny): symmetric relative difference, 0 for two equal values. */
export function relativeDifference(a: number, b: number): number {
  if (a === b) return 0;
  const scale = Math.max(Math.abs(a), Math.abs(b), 1e-30);
  return Math.abs(a - b) / scale;
}

export interface LossTrace {
  readonly peer: string;
  /** Loss of step 1, …, step N (each the forward pass before that step's update). */
  readonly losses: readonly number[];
}

export interface Disagreement {
  readonly peer: string;
  readonly step: number;
  readonly value: number;
  readonly reference: number;
  readonly relative: number;
}

/**
 * Compares every peer's loss at step 1 and at the last step with the reference's. Returns the
 * disagreements larger than `tolerance` (relative), or a non-finite loss, or a missing step.
 */
export function lossDisagreements(reference: LossTrace, others: readonly LossTrace[], tolerance: number): Disagreement[] {
  const found: Disagreement[] = [];
  const last = reference.losses.length;
  for (const other of [reference, ...others]) {
    for (const step of [1, last]) {
      const value = other.losses[step - 1];
      const expected = reference.losses[step - 1];
      const relative = value === undefined || !Number.isFinite(value) || !Number.isFinite(expected) ? Number.POSITIVE_INFINITY : relativeDifference(value, expected);
      if (!(relative <= tolerance)) found.push({ peer: other.peer, step, value: value ?? Number.NaN, reference: expected, relative });
    }
  }
  return found;
}

/** Per-round ratios a[i] / b[i] (rounds where both ran), for medians of paired measurements. */
export function pairedRatios(a: readonly number[], b: readonly number[]): number[] {
  const ratios: number[] = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (b[i] > 0 && Number.isFinite(a[i])) ratios.push(a[i] / b[i]);
  return ratios;
}

/** The peer order of round `round`: the list rotated by `round`, so no peer always runs first. */
export function rotation<T>(items: readonly T[], round: number): T[] {
  if (items.length === 0) return [];
  const shift = ((round % items.length) + items.length) % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

/** Formats a number with about `digits` significant digits, thousands separated by a thin space. */
export function formatNumber(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  const decimals = magnitude === 0 ? 0 : Math.max(0, digits - 1 - Math.floor(Math.log10(magnitude)));
  const [whole, fraction] = value.toFixed(Math.min(decimals, 6)).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** A plain-text table: first column left-aligned, the others right-aligned. */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
