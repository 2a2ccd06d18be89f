/**
 * Snapshots as the host posts them to the panel: each judged by the host's one diagnosis
 * (src/host/session/snapshotDiagnosis.ts, persistence applied), its findings sent with it.
 */
import { DEFAULT_DIAGNOSIS_THRESHOLDS } from '../../../src/core/diagnosisThresholds';
import { SnapshotDiagnosis } from '../../../src/host/session/snapshotDiagnosis';
import type { PlainSnapshotMessage } from '../../fixtures/snapshots/mlp2-16-16-3';

/** `snapshots` judged in order, and the judge, for what the host sends later (a settled run, new thresholds). */
export function judgedByHost(snapshots: readonly PlainSnapshotMessage[]): { judged: PlainSnapshotMessage[]; judge: SnapshotDiagnosis } {
  const judge = new SnapshotDiagnosis(DEFAULT_DIAGNOSIS_THRESHOLDS);
  return { judged: snapshots.map((snapshot) => ({ ...snapshot, diagnosis: judge.observe(snapshot) })), judge };
}
