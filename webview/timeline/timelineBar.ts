/**
 * The timeline's controls: a slider over the kept steps (a native range input, as
 * @vscode-elements/elements has no slider; themed in panel.css), the shown step and the kept range,
 * a "Live" button back to the newest step, and the "Compare with before the edit" toggle. The
 * native slider brings the keyboard: ←/→ one kept step, Home/End the oldest/newest.
 */
import { controlButton } from '../controls';
import { element, setHidden, setText } from '../dom';
import '../elements';

export interface TimelineBarView {
  /** Steps the slider moves through, oldest first (the kept ones, or those kept in both runs when comparing). */
  readonly steps: readonly number[];
  /** Index into `steps` of the shown step. */
  readonly index: number;
  /** The shown step, and the oldest and newest kept step of the run. */
  readonly step: number;
  readonly kept: { readonly first: number; readonly last: number; readonly count: number };
  /** Scrubbing is possible (the run is not training). */
  readonly enabled: boolean;
  /** Showing the newest step. */
  readonly live: boolean;
  readonly canCompare: boolean;
  readonly comparing: boolean;
}

export interface TimelineBarHandlers {
  scrub(index: number): void;
  live(): void;
  compare(on: boolean): void;
}

export class TimelineBar {
  readonly element = element('div', 'timeline-bar');
  private readonly slider = element('input', 'timeline-slider');
  private readonly label = element('span', 'timeline-label');
  private readonly liveButton = controlButton('Live', 'Show the newest step and follow the run');
  private readonly compare = element('vscode-checkbox', 'timeline-compare');

  constructor(handlers: TimelineBarHandlers) {
    this.element.setAttribute('role', 'group');
    this.element.setAttribute('aria-label', 'Timeline of the kept steps');
    this.slider.type = 'range';
    this.slider.min = '0';
    this.slider.step = '1';
    this.slider.dataset.control = 'timeline';
    this.slider.setAttribute('aria-label', 'Step shown');
    this.slider.addEventListener('input', () => handlers.scrub(Number(this.slider.value)));
    // Home/End also when the thumb is already there: comparing may show a step off the slider's
    // steps (kept in one run only) with the thumb parked at an end, and End must still go to it.
    this.slider.addEventListener('keydown', (event) => {
      if (event.key === 'Home') handlers.scrub(0);
      if (event.key === 'End') handlers.scrub(Number(this.slider.max));
    });
    this.liveButton.dataset.action = 'live';
    this.liveButton.secondary = true;
    this.liveButton.addEventListener('click', () => {
      if (!this.liveButton.disabled) handlers.live();
    });
    this.compare.dataset.control = 'compare';
    this.compare.append(element('span', '', 'Compare with before the edit'));
    this.compare.addEventListener('change', () => handlers.compare(this.compare.checked));
    this.label.setAttribute('aria-live', 'polite');
    this.element.append(element('span', 'control-caption', 'timeline'), this.slider, this.label, this.liveButton, this.compare);
    this.element.hidden = true;
  }

  show(view: TimelineBarView): void {
    setHidden(this.element, false);
    const max = String(Math.max(0, view.steps.length - 1));
    if (this.slider.max !== max) this.slider.max = max;
    const value = String(Math.max(0, view.index));
    if (this.slider.value !== value) this.slider.value = value;
    this.slider.disabled = !view.enabled || view.steps.length < 2;
    this.slider.setAttribute('aria-valuetext', `step ${view.step}`);
    const { first, last, count } = view.kept;
    setText(this.label, `step ${view.step} (of kept ${first}..${last}, ${count} snapshot${count === 1 ? '' : 's'})`);
    this.label.dataset.step = String(view.step);
    this.liveButton.disabled = view.live;
    this.liveButton.setAttribute('aria-disabled', String(view.live));
    setHidden(this.compare, !view.canCompare);
    if (this.compare.checked !== view.comparing) this.compare.checked = view.comparing;
  }
}
