/**
 * Run controls: train / pause / resume / step / reset buttons, the learning rate η and the
 * sample whose per-sample vectors are shown. They only post messages; what actually happens
 * comes back as `state` and `snapshot` messages, so the panel never shows a state it guessed.
 */
import { PANEL_LIMITS } from '../src/protocol/limits';
import type { RunCommand, RunState } from '../src/protocol/panelMessages';
import { element } from './dom';
import type { PostToHost } from './vscodeApi';

/** Commands that make sense in each state; the host rejects the rest anyway. */
const ENABLED: Record<RunState, readonly RunCommand[]> = {
  idle: ['train', 'step', 'reset'],
  training: ['pause', 'stop', 'reset'],
  paused: ['resume', 'step', 'stop', 'reset'],
  finished: ['train', 'reset'],
  diverged: ['reset'],
  error: ['reset'],
};

const BUTTONS: readonly RunCommand[] = ['train', 'pause', 'resume', 'step', 'stop', 'reset'];

export class Controls {
  readonly element = element('div', 'controls');
  private readonly buttons = new Map<RunCommand, HTMLButtonElement>();
  private readonly learningRate = element('input', 'control-input');
  private readonly sample = element('input', 'control-input');
  private readonly nextSample = element('button', 'control-button', 'next sample');
  private batchSize = 0;

  /** `onSample` hears every sample the user picks (to persist it), after it was posted. */
  constructor(post: PostToHost, onSample: (index: number) => void = () => undefined) {
    for (const name of BUTTONS) {
      const button = element('button', 'control-button', name);
      button.type = 'button';
      button.dataset.command = name;
      button.setAttribute('aria-label', `${name[0].toUpperCase()}${name.slice(1)} training`);
      button.addEventListener('click', () => post({ type: 'command', name }));
      this.buttons.set(name, button);
      this.element.append(button);
    }
    this.learningRate.type = 'number';
    this.learningRate.step = 'any';
    this.learningRate.min = '0';
    this.learningRate.max = String(PANEL_LIMITS.maxLearningRate);
    this.learningRate.setAttribute('aria-label', 'Learning rate η');
    this.learningRate.addEventListener('change', () => {
      const value = this.learningRate.valueAsNumber;
      // Only what the host would accept: it validates again, but an invalid η should not leave the panel.
      if (Number.isFinite(value) && value > 0 && value <= PANEL_LIMITS.maxLearningRate) post({ type: 'setLearningRate', value });
    });
    this.sample.type = 'number';
    this.sample.step = '1';
    this.sample.min = '0';
    this.sample.setAttribute('aria-label', 'Sample of the batch whose vectors a and δ are shown');
    const select = (index: number) => {
      post({ type: 'selectSample', index });
      onSample(index);
    };
    this.sample.addEventListener('change', () => {
      const index = this.sample.valueAsNumber;
      if (Number.isInteger(index) && index >= 0 && index <= Number(this.sample.max)) select(index);
    });
    this.nextSample.type = 'button';
    this.nextSample.dataset.action = 'next-sample';
    this.nextSample.setAttribute('aria-label', 'Show the next sample of the batch');
    this.nextSample.addEventListener('click', () => {
      // Wraps at B; before the first snapshot B is unknown, so the next index is simply one more.
      const current = Number.isInteger(this.sample.valueAsNumber) ? this.sample.valueAsNumber : -1;
      const index = this.batchSize > 0 ? (current + 1) % this.batchSize : current + 1;
      this.sample.value = String(index);
      select(index);
    });
    this.element.append(labelled('η', this.learningRate), labelled('sample', this.sample), this.nextSample);
    this.setState('idle');
  }

  setState(state: RunState): void {
    for (const [name, button] of this.buttons) button.disabled = !ENABLED[state].includes(name);
  }

  /** Reflects the run's η, batch size and sample, unless the user is editing that field. */
  setRun(learningRate: number, batchSize: number, sampleIndex: number): void {
    this.batchSize = batchSize;
    this.sample.max = String(batchSize - 1);
    if (document.activeElement !== this.learningRate) this.learningRate.value = String(learningRate);
    if (document.activeElement !== this.sample) this.sample.value = String(sampleIndex);
  }
}

function labelled(text: string, input: HTMLInputElement): HTMLLabelElement {
  const label = element('label', 'control-label', text);
  label.append(input);
  return label;
}
