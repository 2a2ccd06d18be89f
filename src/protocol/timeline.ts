/**
 * How the panel learns that a run started and why, and how much history it may keep. The panel
 * keeps a timeline of recent snapshots to scrub through, and after an edit of the model file the
 * previous run's timeline to compare against; both are bounded by `TimelineBudget`.
 */

/** Why the worker was (re)configured: the model was loaded, or a saved edit changed more than η. */
export const RUN_START_REASONS = ['load', 'edit'] as const;
export type RunStartReason = (typeof RUN_START_REASONS)[number];

/** Identifies one configured run of a session; sent with the `model` message. */
export interface RunStart {
  /** Increases by 1 at every (re)configuration of the session's worker. */
  readonly id: number;
  readonly reason: RunStartReason;
}

/** The panel's history bound: it evicts the oldest snapshot beyond either limit. */
export interface TimelineBudget {
  /** Snapshots kept per run, in [1, TIMELINE_LIMITS.maxSnapshots]. */
  readonly snapshots: number;
  /** Estimated tensor and statistics bytes kept per run, in [1, TIMELINE_LIMITS.maxMegabytes] MiB. */
  readonly maxBytes: number;
}

export const TIMELINE_LIMITS = {
  /** Largest `gradientLens.timeline.snapshots`. */
  maxSnapshots: 5_000,
  /** Largest `gradientLens.timeline.maxMegabytes`. */
  maxMegabytes: 1_024,
} as const;

/** Defaults of the settings; the panel uses them too until the host sends a budget. */
export const DEFAULT_TIMELINE_BUDGET: TimelineBudget = { snapshots: 200, maxBytes: 64 * 1024 * 1024 };
