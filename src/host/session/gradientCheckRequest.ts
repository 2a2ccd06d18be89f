/**
 * Check Gradients against a snapshot source, cancellable. A source cannot stop a check at once
 * (the worker abandons it before its next parameter), so cancelling stops waiting immediately,
 * tells the source to abandon it, and remembers the check until it settles: the next check waits
 * for that first, so the source never computes two at a time.
 */
import type { GradientCheckReport } from '../../core/gradientCheckReport';
import type { SnapshotSource } from '../snapshotSource';

export type GradientCheckOutcome =
  | { readonly kind: 'done'; readonly report: GradientCheckReport }
  /** Another command interrupted the check; the weights are untouched. */
  | { readonly kind: 'interrupted' }
  /** The caller cancelled; the source was told to abandon the check. */
  | { readonly kind: 'cancelled' };

const CANCELLED = Symbol('cancelled');

export class GradientCheckRequest {
  /** A cancelled check the source is still computing: settles with its late reply. */
  private abandoned: Promise<void> | undefined;

  /** Settles when a cancelled check has ended (at once when there is none). */
  get abandonedCheck(): Promise<void> | undefined {
    return this.abandoned;
  }

  /** Checks with `samplesPerTensor` parameters of each W⁽ˡ⁾, b⁽ˡ⁾; `cancelled` resolves when the caller cancels. */
  async run(source: SnapshotSource, samplesPerTensor: number, cancelled: Promise<void>): Promise<GradientCheckOutcome> {
    const pending = source.checkGradients(samplesPerTensor);
    const first = await Promise.race<GradientCheckReport | undefined | typeof CANCELLED>([pending, cancelled.then(() => CANCELLED)]);
    if (first !== CANCELLED) return first === undefined ? { kind: 'interrupted' } : { kind: 'done', report: first };
    const settled = pending.then(() => undefined, () => undefined);
    this.abandoned = settled;
    void settled.then(() => { if (this.abandoned === settled) this.abandoned = undefined; });
    source.cancelGradientCheck();
    return { kind: 'cancelled' };
  }

  /** The source ended: its abandoned check settles with it, nothing to wait for. */
  forget(): void {
    this.abandoned = undefined;
  }
}
