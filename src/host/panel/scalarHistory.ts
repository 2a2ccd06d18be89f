/**
 * The run's every-step scalars as the worker sent them (`scalars` batches), kept so a panel that
 * was hidden or re-created draws its charts from the run's first step, without a gap. A webview
 * is not kept while hidden: a shown panel starts with empty charts, and only this history can
 * refill them.
 */
import type { StepScalarsMessage } from '../../protocol/stepScalars';

/**
 * Bytes of scalar arrays kept per run (64 MiB): a million steps of a 14-layer network. Beyond it
 * the oldest batches go, so a very long run's charts start later but still have no gap.
 */
export const MAX_KEPT_SCALAR_BYTES = 64 * 1024 * 1024;

export class ScalarHistory {
  private readonly batches: StepScalarsMessage[] = [];
  private bytes = 0;

  constructor(private readonly maxBytes = MAX_KEPT_SCALAR_BYTES) {}

  /** Keeps `message`; a batch that does not continue the last one starts a new run (reset, a fresh worker). */
  record(message: StepScalarsMessage): void {
    const last = this.batches.at(-1);
    if (last !== undefined && message.firstStep <= last.firstStep + last.count - 1) this.clear();
    this.batches.push(message);
    this.bytes += bytesOf(message);
    while (this.bytes > this.maxBytes && this.batches.length > 1) this.bytes -= bytesOf(this.batches.shift()!);
  }

  /** The kept batches, oldest first. */
  get all(): readonly StepScalarsMessage[] {
    return this.batches;
  }

  clear(): void {
    this.batches.length = 0;
    this.bytes = 0;
  }
}

function bytesOf(message: StepScalarsMessage): number {
  return message.loss.byteLength + message.norms.byteLength + message.validation.byteLength + (message.accuracy?.byteLength ?? 0);
}
