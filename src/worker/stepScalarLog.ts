import { SCALAR_LIMITS } from '../core/limits';
import type { StepScalarsMessage } from '../protocol/stepScalars';

/**
 * Gathers every step's scalars into compact typed arrays until they are sent: `take` copies the
 * gathered part out (the copies are transferred) and the log fills its arrays again.
 */
export class StepScalarLog {
  /** Where the trainer writes each step's ‖∂L/∂W⁽ˡ⁾‖ (StepRequest.gradientNorms). */
  readonly norms: Float64Array;
  private readonly loss: Float32Array;
  private readonly accuracy: Float32Array | undefined;
  private readonly layerNorms: Float32Array;
  private validation: number[] = [];
  private firstStep = 0;
  private count = 0;

  constructor(private readonly layers: number, classification: boolean, private readonly capacity: number = SCALAR_LIMITS.maxStepsPerMessage) {
    this.norms = new Float64Array(layers);
    this.loss = new Float32Array(capacity);
    this.accuracy = classification ? new Float32Array(capacity) : undefined;
    this.layerNorms = new Float32Array(capacity * layers);
  }

  get length(): number {
    return this.count;
  }

  get isFull(): boolean {
    return this.count >= this.capacity;
  }

  /**
   * Step `step`'s loss, accuracy and the norms now in `this.norms`. Steps are consecutive: one that
   * does not follow the last (the run was reset) starts the log again.
   */
  record(step: number, loss: number, accuracy: number | undefined): void {
    if (this.count > 0 && step !== this.firstStep + this.count) this.clear();
    if (this.isFull) throw new RangeError(`the step scalar log holds at most ${this.capacity} steps: take() it first`);
    if (this.count === 0) this.firstStep = step;
    const i = this.count++;
    this.loss[i] = loss;
    if (this.accuracy) this.accuracy[i] = accuracy ?? Number.NaN;
    for (let l = 0; l < this.layers; l++) this.layerNorms[i * this.layers + l] = this.norms[l];
  }

  /** An epoch ended at `step` with this validation result (null: no validation split). */
  recordValidation(step: number, loss: number | null, accuracy: number | null): void {
    this.validation.push(step, loss ?? Number.NaN, accuracy ?? Number.NaN);
  }

  /** The gathered steps as a message (trimmed copies of their arrays), or undefined when there are none. */
  take(): StepScalarsMessage | undefined {
    if (this.count === 0) return undefined;
    const n = this.count;
    const message: StepScalarsMessage = {
      type: 'scalars',
      firstStep: this.firstStep,
      count: n,
      layers: this.layers,
      loss: this.loss.slice(0, n),
      ...(this.accuracy ? { accuracy: this.accuracy.slice(0, n) } : {}),
      norms: this.layerNorms.slice(0, n * this.layers),
      validation: Float64Array.from(this.validation),
    };
    this.clear();
    return message;
  }

  clear(): void {
    this.count = 0;
    this.validation = [];
  }
}
