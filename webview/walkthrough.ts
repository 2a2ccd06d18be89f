/**
 * The backprop walk-through bar: on a paused step, Prev/Next (and ←/→) move through the phases of
 * walkthroughPhases.ts, highlighting the cards, figures and equation terms of each and explaining
 * it in one line. Available only while the run is paused: any other state ends it, because the
 * snapshot it explains would be replaced under it.
 */
import type { RunState } from '../src/protocol/panelMessages';
import { controlButton } from './controls';
import { element, setHidden, setText } from './dom';
import type { EquationsView } from './equationsView';
import { walkthroughPhases, type Phase } from './walkthroughPhases';

export class Walkthrough {
  readonly element = element('section', 'walkthrough');
  private readonly start = controlButton('walk through this step', 'Walk through this training step, phase by phase');
  private readonly previous = controlButton('◀ prev', 'Previous phase (←)');
  private readonly next = controlButton('next ▶', 'Next phase (→)');
  private readonly counter = element('span', 'walkthrough-counter');
  private readonly title = element('strong', 'walkthrough-title');
  private readonly explanation = element('p', 'walkthrough-explanation');
  private readonly hint = element('span', 'walkthrough-hint');
  private phases: Phase[] = [];
  private index = -1;
  private state: RunState = 'idle';

  /** `showEquations` turns the equations view on (the walk-through points into it). */
  constructor(private readonly equations: EquationsView, private readonly showEquations: () => void) {
    this.element.setAttribute('aria-label', 'Backprop walk-through');
    this.element.dataset.active = 'false';
    this.start.dataset.action = 'walkthrough';
    this.previous.dataset.action = 'walkthrough-prev';
    this.next.dataset.action = 'walkthrough-next';
    this.previous.secondary = true;
    this.next.secondary = true;
    this.start.secondary = true;
    this.start.addEventListener('click', () => (this.active ? this.stop() : this.begin()));
    this.previous.addEventListener('click', () => this.move(-1));
    this.next.addEventListener('click', () => this.move(1));
    this.explanation.setAttribute('aria-live', 'polite');
    const bar = element('div', 'walkthrough-bar');
    bar.append(this.start, this.previous, this.counter, this.next, this.title, this.hint);
    this.element.append(bar, this.explanation);
    document.addEventListener('keydown', (event) => {
      if (!this.active || event.altKey || event.ctrlKey || event.metaKey || isEditable(event.target)) return;
      if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
        event.preventDefault();
        this.move(event.key === 'ArrowLeft' ? -1 : 1);
      }
    });
    this.render();
  }

  get active(): boolean {
    return this.index >= 0;
  }

  /** The run state from `state` messages and snapshots: leaving pause ends the walk-through. */
  setRunState(state: RunState): void {
    if (state === this.state) return;
    this.state = state;
    if (state !== 'paused') this.stop();
    this.render();
  }

  /** The cards or the snapshot changed: re-derive the phases and re-apply the current one. */
  refresh(): void {
    if (!this.active) return;
    const phases = walkthroughPhases(this.equations.shapes);
    if (phases.length !== this.phases.length) this.index = 0;
    this.phases = phases;
    this.render();
  }

  /** Starts at the first phase (the button, or the host's `walkthrough` message); only on a paused step. */
  begin(): void {
    if (this.state !== 'paused' || this.equations.layerCount === 0) return;
    if (!this.equations.isShown) this.showEquations();
    this.phases = walkthroughPhases(this.equations.shapes);
    this.index = 0;
    this.render(true);
  }

  private stop(): void {
    this.index = -1;
    this.render();
  }

  private move(by: number): void {
    if (!this.active) return;
    this.index = Math.min(this.phases.length - 1, Math.max(0, this.index + by));
    this.render(true);
  }

  /** `scroll`: the user moved to this phase, so bring its terms into view (a redraw does not). */
  private render(scroll = false): void {
    const active = this.active;
    const paused = this.state === 'paused';
    this.element.dataset.active = String(active);
    setText(this.start, active ? 'end walk-through' : 'walk through this step');
    this.start.disabled = !paused;
    this.start.setAttribute('aria-disabled', String(!paused));
    for (const button of [this.previous, this.next]) setHidden(button, !active);
    setHidden(this.counter, !active);
    setHidden(this.explanation, !active);
    setText(this.hint, paused || active ? '' : 'pause training to walk through a step');
    if (!active) {
      setText(this.title, '');
      this.element.removeAttribute('data-phase');
      this.equations.focus(undefined);
      return;
    }
    const phase = this.phases[this.index];
    this.previous.disabled = this.index === 0;
    this.next.disabled = this.index === this.phases.length - 1;
    this.element.dataset.phase = phase.id;
    setText(this.counter, `${this.index + 1} / ${this.phases.length}`);
    setText(this.title, phase.title);
    const layers = this.equations.shapes.map((shape) => shape.index);
    const complete = layers.every((l) => this.equations.termsOf(l) !== undefined);
    const context = { termsOf: (l: number) => this.equations.termsOf(l), run: this.equations.run, loss: this.equations.loss, optimizer: this.equations.optimizer };
    setText(this.explanation, phase.explain(context) + (complete ? '' : ' (Some terms are missing: press Step to stream them; collapsed cards show none.)'));
    this.equations.focus(phase.focus, scroll);
  }
}

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT|VSCODE-TEXTFIELD|VSCODE-SINGLE-SELECT)$/.test(target.tagName);
}
