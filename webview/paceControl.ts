/**
 * The pace control: how many steps per second Train runs (1 · 10 · 100 · 1 000 · full speed). It
 * posts the user's choice; the host answers with `pace`, which is what the control shows, so a
 * settings change made elsewhere shows here too.
 */
import { isPace, paceLabel, PACES, type Pace } from '../src/core/pace';
import { element } from './dom';
import './elements';
import type { PostToHost } from './vscodeApi';

export class PaceControl {
  readonly element = element('label', 'control-label', 'pace');
  private readonly select = element('vscode-single-select', 'control-select');

  constructor(post: PostToHost) {
    for (const pace of PACES) {
      const option = element('vscode-option', '', paceLabel(pace));
      option.value = pace;
      this.select.append(option);
    }
    this.select.dataset.control = 'pace';
    this.select.label = 'Training pace, steps per second';
    this.select.addEventListener('change', () => {
      const pace = this.select.value;
      if (isPace(pace)) post({ type: 'setPace', pace });
    });
    this.element.append(this.select);
  }

  /** The run's pace as the host reports it. */
  show(pace: Pace): void {
    if (this.select.value !== pace) this.select.value = pace;
  }
}
