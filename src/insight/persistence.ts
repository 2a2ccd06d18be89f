/**
 * Findings that hold still: a finding is shown once it has been present in `persistence`
 * consecutive snapshots and hidden once it has been absent from as many, so a layer hovering at a
 * threshold does not make the strip and the editor's squiggles flicker. Errors (NaN/±Inf) are
 * shown at once: the run has stopped, there will be no next snapshot to confirm them.
 */
import { compareFindings, findingKey, type Finding } from './diagnosis';

interface Streak {
  /** The latest measurement (or the last one, while it is absent). */
  finding: Finding;
  present: number;
  absent: number;
  shown: boolean;
}

export class PersistentFindings {
  private readonly streaks = new Map<string, Streak>();

  constructor(private persistence: number) {}

  /** Takes effect from the next snapshot; streaks already counted are kept. */
  setPersistence(persistence: number): void {
    this.persistence = persistence;
  }

  /** Counts one snapshot's findings and returns what to show now. */
  observe(findings: readonly Finding[]): Finding[] {
    const seen = new Set<string>();
    for (const finding of findings) {
      const key = findingKey(finding);
      seen.add(key);
      const streak = this.streaks.get(key) ?? { finding, present: 0, absent: 0, shown: false };
      streak.finding = finding;
      streak.present++;
      streak.absent = 0;
      if (streak.present >= this.persistence || finding.severity === 'error') streak.shown = true;
      this.streaks.set(key, streak);
    }
    for (const [key, streak] of this.streaks) {
      if (seen.has(key)) continue;
      streak.present = 0;
      streak.absent++;
      if (!streak.shown || streak.absent >= this.persistence) this.streaks.delete(key);
    }
    return this.shown;
  }

  /**
   * Shows exactly `findings` now, as if each had persisted: for a new judgement of the same
   * network (the thresholds changed), which no further snapshot needs to confirm.
   */
  confirm(findings: readonly Finding[]): Finding[] {
    this.streaks.clear();
    for (const finding of findings) this.streaks.set(findingKey(finding), { finding, present: this.persistence, absent: 0, shown: true });
    return this.shown;
  }

  /** The findings on show, ordered by severity, then layer. */
  get shown(): Finding[] {
    return [...this.streaks.values()]
      .filter((streak) => streak.shown)
      .map((streak) => streak.finding)
      .sort(compareFindings);
  }

  /** Findings seen but not yet confirmed by enough snapshots. */
  get pending(): number {
    let count = 0;
    for (const streak of this.streaks.values()) if (!streak.shown) count++;
    return count;
  }

  /** A new run (reset, reload, another model): nothing carries over. */
  clear(): void {
    this.streaks.clear();
  }
}
