/**
 * The panel's memory of a run: the last snapshots received (bounded, see BoundedHistory), and,
 * after an edit of the model file restarted the run, the run before the edit, so the two can be
 * compared step by step. Pure data (no DOM): the views ask it for the snapshot at a step.
 */
import type { SnapshotMessage } from '../../src/protocol/panelMessages';
import { DEFAULT_TIMELINE_BUDGET, type RunStart, type TimelineBudget } from '../../src/protocol/timeline';
import { BoundedHistory, type HistoryBounds } from './boundedHistory';
import { snapshotBytes } from './snapshotBytes';

const boundsOf = (budget: TimelineBudget): HistoryBounds => ({ maxItems: budget.snapshots, maxBytes: budget.maxBytes });

export class SnapshotTimeline {
  private budget: TimelineBudget = DEFAULT_TIMELINE_BUDGET;
  private current = new BoundedHistory<SnapshotMessage>(boundsOf(this.budget));
  /** The run before the last edit, kept under the same bounds (so at most twice the budget in all). */
  private previous: BoundedHistory<SnapshotMessage> | undefined;
  private runId: number | undefined;
  /** Bumped whenever the run before the edit is replaced, dropped or trimmed. */
  private previousChanges = 0;

  setBudget(budget: TimelineBudget): void {
    if (budget.snapshots === this.budget.snapshots && budget.maxBytes === this.budget.maxBytes) return;
    this.budget = budget;
    this.current.setBounds(boundsOf(budget));
    this.previous?.setBounds(boundsOf(budget));
    this.previousChanges++;
  }

  /**
   * A `model` message's run. A new run after an edit keeps the old run's snapshots as the one to
   * compare with; any other new run forgets both. The same run id again (the host replays the
   * layout to a reloaded webview) changes nothing. Returns whether a new run started.
   */
  startRun(run: RunStart | undefined): boolean {
    if (run === undefined || run.id === this.runId) return false;
    this.runId = run.id;
    this.previousChanges++;
    if (run.reason === 'edit' && this.current.length > 0) {
      this.previous = this.current;
      this.current = new BoundedHistory<SnapshotMessage>(boundsOf(this.budget));
    } else {
      this.previous = undefined;
      this.current.clear();
    }
    return true;
  }

  /**
   * Keeps a received snapshot. A step below the newest one means the run was reset, so the history
   * starts over; the same step again (a re-sent snapshot) is kept once.
   */
  record(snapshot: SnapshotMessage): void {
    const newest = this.current.newest;
    if (newest !== undefined && snapshot.run.step === newest.run.step) return;
    if (newest !== undefined && snapshot.run.step < newest.run.step) this.current.clear();
    this.current.push(snapshot, snapshotBytes(snapshot));
  }

  get newest(): SnapshotMessage | undefined {
    return this.current.newest;
  }

  /** Steps of the kept snapshots, oldest first (strictly increasing). */
  steps(): number[] {
    return Array.from({ length: this.current.length }, (_, i) => this.current.at(i).run.step);
  }

  /**
   * Changes whenever the run before the edit does (it is never recorded into, so anything derived
   * from it can be kept until this changes).
   */
  get previousVersion(): number {
    return this.previousChanges;
  }

  /** Whether there is a run before an edit to compare with. */
  get hasPrevious(): boolean {
    return this.previous !== undefined && this.previous.length > 0;
  }

  /** Steps kept in both runs, oldest first: the only ones that can be compared. */
  commonSteps(): number[] {
    if (this.previous === undefined) return [];
    const before = new Set(Array.from({ length: this.previous.length }, (_, i) => this.previous!.at(i).run.step));
    return this.steps().filter((step) => before.has(step));
  }

  /** Steps of the run before the edit, oldest first (for telling the user what can be compared). */
  previousSteps(): number[] {
    const previous = this.previous;
    return previous === undefined ? [] : Array.from({ length: previous.length }, (_, i) => previous.at(i).run.step);
  }

  at(step: number): SnapshotMessage | undefined {
    return findStep(this.current, step);
  }

  previousAt(step: number): SnapshotMessage | undefined {
    return this.previous === undefined ? undefined : findStep(this.previous, step);
  }

  /** Estimated bytes held, both runs. */
  get totalBytes(): number {
    return this.current.totalBytes + (this.previous?.totalBytes ?? 0);
  }
}

/** Binary search: steps increase within a history (record clears it when they do not). */
function findStep(history: BoundedHistory<SnapshotMessage>, step: number): SnapshotMessage | undefined {
  let low = 0;
  let high = history.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const found = history.at(middle);
    if (found.run.step === step) return found;
    if (found.run.step < step) low = middle + 1;
    else high = middle - 1;
  }
  return undefined;
}
