/**
 * What a saved edit of a running model changes: nothing, only η (applied to the running source at
 * once, the run goes on), or anything else (the source is configured again and the run restarts).
 */
import type { ModelSpec } from '../../core/spec';

export type SpecChange = 'none' | 'learningRate' | 'reconfigure';

export function compareSpecs(running: ModelSpec, saved: ModelSpec): SpecChange {
  if (JSON.stringify(running) === JSON.stringify(saved)) return 'none';
  const sameButRate = { ...saved, training: { ...saved.training, learningRate: running.training.learningRate } };
  return JSON.stringify(running) === JSON.stringify(sameButRate) ? 'learningRate' : 'reconfigure';
}
