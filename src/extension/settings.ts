import * as vscode from 'vscode';
import { sanitizeDiagnosisThresholds, type DiagnosisThresholds } from '../core/diagnosisThresholds';
import { DEFAULTS } from '../core/limits';
import { clampSnapshotRate } from '../core/snapshotRate';
import { DEFAULT_PACE, isPace, type Pace } from '../core/pace';
import { QUANTITIES, type QuantityName } from '../core/snapshot';
import { PRECISIONS, type Precision } from '../core/spec';
import { DEFAULT_TIMELINE_BUDGET, TIMELINE_LIMITS, type TimelineBudget } from '../protocol/timeline';

/** The `gradientLens.*` settings the training session reads (declared in package.json). */
export interface TrainingSettings {
  /** Snapshots per second the worker streams, in [LIMITS.minSnapshotRate, LIMITS.maxSnapshotRate]. */
  readonly snapshotRate: number;
  /** How fast Train runs: steps per second, or 'full'. */
  readonly pace: Pace;
  /** Precision for models that do not set `training.precision`; undefined keeps the model default. */
  readonly precision: Precision | undefined;
  /** Seed for models that do not set `training.seed`; undefined keeps the model default. */
  readonly seed: number | undefined;
  /** Tensors streamed for every layer until the panel asks for others. */
  readonly quantities: readonly QuantityName[];
  /** Closing a training model's panel pauses its run. */
  readonly pauseWhenPanelClosed: boolean;
  /** How much snapshot history the panel keeps per run (`gradientLens.timeline.*`). */
  readonly timeline: TimelineBudget;
  /** When the panel's Diagnosis strip calls a layer unhealthy (`gradientLens.diagnosis.*`). */
  readonly diagnosis: DiagnosisThresholds;
}

export const SETTINGS_SECTION = 'gradientLens';

/** Reads the settings, clamping or dropping values a hand-edited settings.json may get wrong. */
export function readTrainingSettings(scope?: vscode.Uri): TrainingSettings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope);
  const rate = config.get<number>('snapshotRate', DEFAULTS.snapshotRate);
  const pace = config.get<unknown>('pace', DEFAULT_PACE);
  const precision = config.get<string | null>('defaultPrecision', null);
  const seed = config.get<number | null>('defaultSeed', null);
  const quantities = config.get<unknown[]>('streamedQuantities', ['a', 'delta', 'dW', 'db']);
  return {
    snapshotRate: typeof rate === 'number' && Number.isFinite(rate) ? clampSnapshotRate(rate) : DEFAULTS.snapshotRate,
    pace: isPace(pace) ? pace : DEFAULT_PACE,
    precision: (PRECISIONS as readonly unknown[]).includes(precision) ? (precision as Precision) : undefined,
    seed: typeof seed === 'number' && Number.isSafeInteger(seed) && seed >= 0 ? seed : undefined,
    quantities: [...new Set(Array.isArray(quantities) ? quantities : [])].filter((name): name is QuantityName => (QUANTITIES as readonly unknown[]).includes(name)),
    pauseWhenPanelClosed: config.get<boolean>('pauseWhenPanelClosed', true),
    timeline: readTimelineBudget(config),
    diagnosis: readDiagnosisThresholds(scope),
  };
}

function readTimelineBudget(config: vscode.WorkspaceConfiguration): TimelineBudget {
  const snapshots = config.get<number>('timeline.snapshots', DEFAULT_TIMELINE_BUDGET.snapshots);
  const megabytes = config.get<number>('timeline.maxMegabytes', DEFAULT_TIMELINE_BUDGET.maxBytes / 2 ** 20);
  return {
    snapshots: Number.isInteger(snapshots) && snapshots >= 1 ? Math.min(snapshots, TIMELINE_LIMITS.maxSnapshots) : DEFAULT_TIMELINE_BUDGET.snapshots,
    maxBytes: typeof megabytes === 'number' && Number.isFinite(megabytes) && megabytes > 0
      ? Math.min(megabytes, TIMELINE_LIMITS.maxMegabytes) * 2 ** 20
      : DEFAULT_TIMELINE_BUDGET.maxBytes,
  };
}

/** The `gradientLens.diagnosis.*` thresholds; values out of range fall back to their defaults. */
export function readDiagnosisThresholds(scope?: vscode.Uri): DiagnosisThresholds {
  const config = vscode.workspace.getConfiguration(`${SETTINGS_SECTION}.diagnosis`, scope);
  return sanitizeDiagnosisThresholds({
    vanishingRatio: config.get('vanishingRatio'),
    explodingRatio: config.get('explodingRatio'),
    deadFraction: config.get('deadFraction'),
    saturatedFraction: config.get('saturatedFraction'),
    minUpdateRatio: config.get('minUpdateRatio'),
    maxUpdateRatio: config.get('maxUpdateRatio'),
    persistence: config.get('persistence'),
  });
}

/** Fires when any setting the session reads changes. */
export function onDidChangeTrainingSettings(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(SETTINGS_SECTION)) listener();
  });
}
