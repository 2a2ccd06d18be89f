/**
 * When the Diagnosis strip and the model-file warnings call a layer unhealthy. The user sets these
 * as `gradientLens.diagnosis.*` (package.json declares the same defaults and minimums); the host
 * sends them to the panel so both judge a snapshot alike.
 */

export interface DiagnosisThresholds {
  /** A layer vanishes below this fraction of the largest ‖∂L/∂W‖ among the layers after it, in (0, 1). */
  readonly vanishingRatio: number;
  /** A layer explodes above this multiple of the smallest positive ‖∂L/∂W‖ among the layers after it, > 1. */
  readonly explodingRatio: number;
  /** A ReLU-family layer is flagged when more than this fraction of its units is dead, in [0, 1]. */
  readonly deadFraction: number;
  /** A hidden sigmoid/tanh layer is flagged when more than this fraction of its activations is saturated, in [0, 1]. */
  readonly saturatedFraction: number;
  /** ‖ΔW‖/‖W‖ of one step below this is too small a step (healthy is around 1e-3), > 0. */
  readonly minUpdateRatio: number;
  /** ‖ΔW‖/‖W‖ of one step above this is too large a step, > minUpdateRatio. */
  readonly maxUpdateRatio: number;
  /** Consecutive snapshots a finding must persist before it is shown (and be absent before it goes), ≥ 1. */
  readonly persistence: number;
}

export const DEFAULT_DIAGNOSIS_THRESHOLDS: DiagnosisThresholds = {
  vanishingRatio: 1e-4,
  explodingRatio: 1e4,
  deadFraction: 0.5,
  saturatedFraction: 0.5,
  minUpdateRatio: 1e-5,
  maxUpdateRatio: 1e-1,
  persistence: 3,
};

/** Upper bound of `persistence`: at 60 snapshots/s, 10 s. */
export const MAX_DIAGNOSIS_PERSISTENCE = 600;

/**
 * The thresholds with every value a hand-edited settings.json may get wrong replaced by its
 * default (wrong type, out of range, or an update band that is empty).
 */
export function sanitizeDiagnosisThresholds(raw: { readonly [K in keyof DiagnosisThresholds]?: unknown }): DiagnosisThresholds {
  const d = DEFAULT_DIAGNOSIS_THRESHOLDS;
  const number = (value: unknown, valid: (n: number) => boolean, fallback: number) =>
    typeof value === 'number' && Number.isFinite(value) && valid(value) ? value : fallback;
  const minUpdateRatio = number(raw.minUpdateRatio, (n) => n > 0, d.minUpdateRatio);
  return {
    vanishingRatio: number(raw.vanishingRatio, (n) => n > 0 && n < 1, d.vanishingRatio),
    explodingRatio: number(raw.explodingRatio, (n) => n > 1, d.explodingRatio),
    deadFraction: number(raw.deadFraction, (n) => n >= 0 && n <= 1, d.deadFraction),
    saturatedFraction: number(raw.saturatedFraction, (n) => n >= 0 && n <= 1, d.saturatedFraction),
    minUpdateRatio,
    maxUpdateRatio: number(raw.maxUpdateRatio, (n) => n > minUpdateRatio, Math.max(d.maxUpdateRatio, minUpdateRatio * 10)),
    persistence: number(raw.persistence, (n) => Number.isSafeInteger(n) && n >= 1 && n <= MAX_DIAGNOSIS_PERSISTENCE, d.persistence),
  };
}
