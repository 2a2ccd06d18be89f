/**
 * How fast the worker trains: a few steps per second, so a person can watch the weights, δ and
 * gradients change, or as fast as the engine goes. One list of choices, checked by one rule
 * (`isPace`), serves the setting, the panel's control and the worker.
 */

/** Steps per second, or 'full' for no pacing at all. */
export const PACES = ['1', '10', '100', '1000', 'full'] as const;
export type Pace = (typeof PACES)[number];

/**
 * The samples train for 1 250–20 000 steps (README's Samples table): at 100 steps/s a first run
 * lasts 12.5 s to 3 min 20 s, and at 30 snapshots a second about every third step reaches the panel.
 */
export const DEFAULT_PACE: Pace = '100';

export function isPace(value: unknown): value is Pace {
  return typeof value === 'string' && (PACES as readonly string[]).includes(value);
}

/** Milliseconds between the starts of two paced steps; 0 at full speed. */
export function stepIntervalMs(pace: Pace): number {
  return pace === 'full' ? 0 : 1000 / Number(pace);
}

/** The label the panel and the setting show, e.g. `100 steps/s`. */
export function paceLabel(pace: Pace): string {
  return pace === 'full' ? 'full speed' : `${Number(pace).toLocaleString('en-US')} step${pace === '1' ? '' : 's'}/s`;
}
