/**
 * Run controls: train / pause / resume / step / reset buttons, the learning rate η and the
 * sample whose per-sample vectors are shown. They only post messages; what actually happens
 * comes back as `state` and `snapshot` messages, so the panel never shows a state it guessed.
 *
 * Built from @vscode-elements/elements (see elements.ts): vscode-button is focusable and fires
 * `click` on Enter and Space; a vscode-textfield's inner <input> carries the accessible name
 * (its `label`) and re-dispatches the input's `change` on the host.
 */
import { learningRateProblem } from '../src/core/learningRate';
import type { RunCommand, RunState } from '../src/protocol/panelMessages';
import { element } from './dom';
import type { VscodeButton, VscodeTextfield } from './elements';
import './elements';
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
/** The commands that start or continue a run get the primary button style; the rest are secondary. */
const PRIMARY: readonly RunCommand[] = ['train', 'resume'];

export class Controls {
  readonly element = element('div', 'controls');
  private readonly buttons = new Map<RunCommand, VscodeButton>();
  private readonly learningRate = element('vscode-textfield', 'control-input');
  private readonly sample = element('vscode-textfield', 'control-input');
  private readonly nextSample = controlButton('next sample', 'Show the next sample of the batch');
  private batchSize = 0;

  /** `onSample` hears every sample the user picks (to persist it), after it was posted. */
  constructor(post: PostToHost, onSample: (index: number) => void = () => undefined) {
    for (const name of BUTTONS) {
      const button = controlButton(name, `${name[0].toUpperCase()}${name.slice(1)} training`);
      button.dataset.command = name;
      button.secondary = !PRIMARY.includes(name);
      button.addEventListener('click', () => {
        if (!button.disabled) post({ type: 'command', name });
      });
      this.buttons.set(name, button);
      this.element.append(button);
    }
    // Text, not number: η takes any positive decimal (a number field would flag 0.05 as a step
    // mismatch). Rejected values are marked invalid instead of being posted.
    this.learningRate.dataset.control = 'learning-rate';
    this.learningRate.label = 'Learning rate η';
    this.learningRate.addEventListener('change', () => {
      const value = parseNumber(this.learningRate.value);
      // Only what the host would accept: it validates again, but an invalid η should not leave the panel.
      const valid = learningRateProblem(value) === undefined;
      this.learningRate.invalid = !valid;
      if (valid) post({ type: 'setLearningRate', value });
    });
    this.sample.dataset.control = 'sample';
    this.sample.type = 'number';
    this.sample.step = 1;
    this.sample.min = 0;
    this.sample.label = 'Sample of the batch whose vectors a and δ are shown';
    const select = (index: number) => {
      this.sample.invalid = false;
      post({ type: 'selectSample', index });
      onSample(index);
    };
    this.sample.addEventListener('change', () => {
      const index = parseNumber(this.sample.value);
      // Before the first snapshot B is unknown: any index; the host clamps it to the batch.
      if (Number.isInteger(index) && index >= 0 && (this.batchSize === 0 || index < this.batchSize)) select(index);
      else this.sample.invalid = true;
    });
    this.nextSample.dataset.action = 'next-sample';
    this.nextSample.secondary = true;
    this.nextSample.addEventListener('click', () => {
      // Wraps at B; before the first snapshot B is unknown, so the next index is simply one more.
      const shown = parseNumber(this.sample.value);
      const current = Number.isInteger(shown) ? shown : -1;
      const index = this.batchSize > 0 ? (current + 1) % this.batchSize : current + 1;
      this.sample.value = String(index);
      select(index);
    });
    this.element.append(labelled('η', this.learningRate), labelled('sample', this.sample), this.nextSample);
    this.setState('idle');
  }

  setState(state: RunState): void {
    for (const [name, button] of this.buttons) {
      const disabled = !ENABLED[state].includes(name);
      if (button.disabled !== disabled) button.disabled = disabled;
      // Named for assistive technology as well: a disabled custom element is not a native control.
      button.setAttribute('aria-disabled', String(disabled));
    }
  }

  /** Reflects the run's η, batch size and sample, unless the user is editing that field. */
  setRun(learningRate: number, batchSize: number, sampleIndex: number): void {
    this.batchSize = batchSize;
    if (batchSize > 0 && this.sample.max !== batchSize - 1) this.sample.max = batchSize - 1;
    // Focus inside a text field's shadow root shows up as the host being the active element.
    if (document.activeElement !== this.learningRate && this.learningRate.value !== String(learningRate)) {
      this.learningRate.value = String(learningRate);
      this.learningRate.invalid = false;
    }
    if (document.activeElement !== this.sample && this.sample.value !== String(sampleIndex)) {
      this.sample.value = String(sampleIndex);
      this.sample.invalid = false;
    }
  }
}

/** A vscode-button with a visible text and an accessible name; `click` also fires on Enter and Space. */
export function controlButton(text: string, ariaLabel: string): VscodeButton {
  const button = element('vscode-button', 'control-button', text);
  button.setAttribute('aria-label', ariaLabel);
  // Space presses the button (the component turns it into a click) and, as on a native button, does not scroll the page.
  button.addEventListener('keydown', (event) => {
    if (event.key === ' ') event.preventDefault();
  });
  return button;
}

/** A field's number, or NaN for an empty or malformed one (`Number('')` would be 0). */
export function parseNumber(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

function labelled(text: string, field: VscodeTextfield): HTMLLabelElement {
  const label = element('label', 'control-label', text);
  label.append(field);
  return label;
}
