/**
 * What the panel shows: toggles for the quantities (activations, δ, ∂L/∂W, W, the update
 * −η·∂L/∂W) and the heatmap scale mode (per card, shared across layers, or a fixed ±m). Built
 * from @vscode-elements/elements (see elements.ts): checkboxes toggle with Space, the select
 * opens with Enter or Space and moves with the arrow keys, and each has an accessible name.
 */
import { parseNumber } from './controls';
import { element } from './dom';
import type { VscodeCheckbox } from './elements';
import './elements';
import { SCALE_MODES, VIEW_QUANTITIES, type ScaleMode, type ViewQuantity, type ViewState } from './viewState';

/**
 * The visible text of each toggle and the words around it that make up its accessible name
 * (`before + text + after`): those are in the label too, visually hidden, so the name a screen
 * reader announces is the full one while the bar shows only the symbol.
 */
const QUANTITY_LABELS: Record<ViewQuantity, { before: string; text: string; after?: string }> = {
  activations: { before: 'Show activations ', text: 'a' },
  delta: { before: 'Show error terms ', text: 'δ' },
  weightGradient: { before: 'Show weight gradients ', text: '∂L/∂W', after: ' and their histograms' },
  weights: { before: 'Show weights ', text: 'W' },
  update: { before: 'Show the update ', text: '−η·∂L/∂W' },
  equations: { before: 'Show the ', text: 'equations', after: ' of each layer with their terms as heatmaps' },
};

const SCALE_LABELS: Record<ScaleMode, string> = { card: 'per card', shared: 'shared across layers', fixed: 'fixed ±' };

export type ViewChange = Partial<Pick<ViewState, 'quantities' | 'scaleMode' | 'fixedScale'>>;

export class ViewControls {
  readonly element = element('div', 'view-controls');
  private readonly toggles = new Map<ViewQuantity, VscodeCheckbox>();
  private readonly scaleMode = element('vscode-single-select', 'control-select');
  private readonly fixedScale = element('vscode-textfield', 'control-input');

  constructor(initial: ViewState, onChange: (change: ViewChange) => void) {
    const group = element('div', 'quantity-toggles');
    group.setAttribute('role', 'group');
    group.setAttribute('aria-label', 'Quantities shown');
    group.append(element('span', 'control-caption', 'show'));
    for (const name of VIEW_QUANTITIES) {
      const { before, text, after } = QUANTITY_LABELS[name];
      const toggle = element('vscode-checkbox', 'quantity-toggle');
      toggle.dataset.quantity = name;
      toggle.checked = initial.quantities[name];
      toggle.append(element('span', 'visually-hidden', before), element('span', '', text));
      if (after !== undefined) toggle.append(element('span', 'visually-hidden', after));
      toggle.addEventListener('change', () => onChange({ quantities: this.quantities() }));
      this.toggles.set(name, toggle);
      group.append(toggle);
    }

    for (const mode of SCALE_MODES) {
      const option = element('vscode-option', '', SCALE_LABELS[mode]);
      option.value = mode;
      this.scaleMode.append(option);
    }
    this.scaleMode.dataset.control = 'scale-mode';
    this.scaleMode.label = 'Heatmap colour scale';
    this.scaleMode.value = initial.scaleMode;
    this.scaleMode.addEventListener('change', () => {
      const mode = this.scaleMode.value as ScaleMode;
      this.fixedScale.disabled = mode !== 'fixed';
      onChange({ scaleMode: mode });
    });
    // Text, not number: m takes any positive decimal (a number field would flag 0.1 as a step mismatch).
    this.fixedScale.dataset.control = 'fixed-scale';
    this.fixedScale.label = 'Fixed colour scale: values from −m to +m';
    this.fixedScale.value = String(initial.fixedScale);
    this.fixedScale.disabled = initial.scaleMode !== 'fixed';
    this.fixedScale.addEventListener('change', () => {
      const value = parseNumber(this.fixedScale.value);
      const valid = Number.isFinite(value) && value > 0;
      this.fixedScale.invalid = !valid;
      if (valid) onChange({ fixedScale: value });
    });
    const scale = element('label', 'control-label', 'scale');
    scale.append(this.scaleMode, this.fixedScale);
    this.element.append(group, scale);
  }

  /** Reflects a toggle changed from elsewhere (the walk-through turns the equations on). */
  setQuantity(name: ViewQuantity, shown: boolean): void {
    const toggle = this.toggles.get(name);
    if (toggle !== undefined) toggle.checked = shown;
  }

  private quantities(): Record<ViewQuantity, boolean> {
    return Object.fromEntries(VIEW_QUANTITIES.map((name) => [name, this.toggles.get(name)?.checked ?? false])) as Record<ViewQuantity, boolean>;
  }
}
