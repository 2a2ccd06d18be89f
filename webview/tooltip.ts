/**
 * The one tooltip of the panel, shared by every heatmap: a positioned element rather than a
 * `title` attribute, because it must follow the cell under the pointer and update as the data
 * streams in while the pointer rests.
 */
import { element, setText } from './dom';

const OFFSET_PX = 12;

export class Tooltip {
  readonly element = element('div', 'tooltip');

  constructor(parent: HTMLElement) {
    this.element.setAttribute('role', 'tooltip');
    this.element.hidden = true;
    parent.append(this.element);
  }

  /** Shows `text` near the pointer at client coordinates, kept inside the viewport. */
  show(text: string, clientX: number, clientY: number): void {
    setText(this.element, text);
    this.element.hidden = false;
    const { width, height } = this.element.getBoundingClientRect();
    const left = Math.min(clientX + OFFSET_PX, window.innerWidth - width - 2);
    const top = clientY + OFFSET_PX + height > window.innerHeight ? clientY - OFFSET_PX - height : clientY + OFFSET_PX;
    // CSSOM writes are allowed by a CSP without 'unsafe-inline' (style attributes are not).
    this.element.style.left = `${Math.max(0, left) + window.scrollX}px`;
    this.element.style.top = `${Math.max(0, top) + window.scrollY}px`;
  }

  hide(): void {
    this.element.hidden = true;
  }
}
