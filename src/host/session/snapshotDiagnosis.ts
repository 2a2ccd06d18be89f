/**
 * The one diagnosis of a session's snapshots: each snapshot is judged once, here, with the
 * persistence that keeps findings from flickering (src/insight), and the result goes both to the
 * panel (with the snapshot, as a DiagnosisView) and to the model file's warnings. The panel draws
 * what it is sent; it runs no diagnosis of its own.
 */
import type { DiagnosisThresholds } from '../../core/diagnosisThresholds';
import { FINDING_TITLES, findingMeasure } from '../../insight/advice';
import type { NonFiniteReport } from '../../core/snapshot';
import { diagnose, type DiagnosedLayer, type Finding } from '../../insight/diagnosis';
import { PersistentFindings } from '../../insight/persistence';
import type { DiagnosisView, FindingView } from '../../protocol/panelMessages';

/** What the diagnosis reads of a snapshot: its step, each layer's statistics, its first NaN/±∞. */
export interface JudgedSnapshot {
  readonly run: { readonly step: number };
  readonly layers: readonly DiagnosedLayer[];
  readonly nonFinite?: NonFiniteReport;
}

export class SnapshotDiagnosis {
  private readonly tracker: PersistentFindings;
  /** The newest snapshot, judged again when the run stops or the thresholds change. */
  private latest: JudgedSnapshot | undefined;

  constructor(private thresholds: DiagnosisThresholds) {
    this.tracker = new PersistentFindings(thresholds.persistence);
  }

  /** Counts one snapshot; returns the findings on show after it. */
  observe(snapshot: JudgedSnapshot): DiagnosisView {
    // A step behind the last one is a new run (a source that reset itself): nothing carries over.
    if (this.latest !== undefined && snapshot.run.step < this.latest.run.step) this.tracker.clear();
    this.latest = snapshot;
    this.tracker.observe(this.judge(snapshot));
    return this.view;
  }

  /**
   * The run stopped streaming (paused, stepped, finished, diverged): its newest snapshot is final,
   * with no next one to confirm or dismiss a finding, so it is shown as judged. Undefined before
   * any snapshot.
   */
  settle(): DiagnosisView | undefined {
    if (this.latest === undefined) return undefined;
    this.tracker.confirm(this.judge(this.latest));
    return this.view;
  }

  /** New thresholds: the newest snapshot is judged by them at once (undefined if none changed, or no snapshot yet). */
  setThresholds(thresholds: DiagnosisThresholds): DiagnosisView | undefined {
    if (JSON.stringify(thresholds) === JSON.stringify(this.thresholds)) return undefined;
    this.thresholds = thresholds;
    this.tracker.setPersistence(thresholds.persistence);
    return this.settle();
  }

  /** A new run (reset, reload, another configuration): nothing of the old network applies. */
  clear(): void {
    this.tracker.clear();
    this.latest = undefined;
  }

  /** The findings on show, for the model file's warnings. */
  get shown(): Finding[] {
    return this.tracker.shown;
  }

  private get view(): DiagnosisView {
    return { findings: this.tracker.shown.map(findingView), pending: this.tracker.pending };
  }

  private judge(snapshot: JudgedSnapshot): Finding[] {
    return diagnose(snapshot.layers, snapshot.nonFinite, this.thresholds);
  }
}

/** A finding in the words the panel shows, numbers formatted as every view formats them. */
export function findingView(finding: Finding): FindingView {
  return {
    kind: finding.kind,
    severity: finding.severity,
    ...(finding.layer === undefined ? {} : { layer: finding.layer }),
    title: FINDING_TITLES[finding.kind],
    measured: findingMeasure(finding),
    explanation: finding.explanation,
    suggestion: finding.suggestion,
  };
}
