/**
 * What the panel shows: toggles for the quantities (activations, δ, ∂L/∂W, W, the update
 * −η·∂L/∂W) and the heatmap scale mode (per card, shared across layers, or a fixed ±m). Native
 * inputs with labels, so all of it works from the keyboard and reads out in a screen reader.
 */
import { element } from './dom';
import { SCALE_MODES, VIEW_QUANTITIES, type ScaleMode, type ViewQuantity, type ViewState } from './viewState';

const QUANTITY_LABELS: Record<ViewQuantity, { text: string; aria: string }> = {
  activations: { text: 'a', aria: 'Show activations a' },
  delta: { text: 'δ', aria: 'Show error terms δ' },
  weightGradient: { text: '∂L/∂W', aria: 'Show weight gradients ∂L/∂W and their histograms' },
  weights: { text: 'W', aria: 'Show weights W' },
  update: { text: '−η·∂L/∂W', aria: 'Show the update −η·∂L/∂W' },
};

const SCALE_LABELS: Record<ScaleMode, string> = { card: 'per card', shared: 'shared across layers', fixed: 'fixed ±' };

export type ViewChange = Partial<Pick<ViewState, 'quantities' | 'scaleMode' | 'fixedScale'>>;

export class ViewControls {
  readonly element = element('div', 'view-controls');
  private readonly toggles = new Map<ViewQuantity, HTMLInputElement>();
  private readonly scaleMode = element('select', 'control-input control-select');
  private readonly fixedScale = element('input', 'control-input');

  constructor(initial: ViewState, onChange: (change: ViewChange) => void) {
    const group = element('div', 'quantity-toggles');
    group.setAttribute('role', 'group');
    group.setAttribute('aria-label', 'Quantities shown');
    group.append(element('span', 'control-caption', 'show'));
    for (const name of VIEW_QUANTITIES) {
      const input = element('input', 'quantity-toggle');
      input.type = 'checkbox';
      input.dataset.quantity = name;
      input.checked = initial.quantities[name];
      input.setAttribute('aria-label', QUANTITY_LABELS[name].aria);
      input.addEventListener('change', () => onChange({ quantities: this.quantities() }));
      this.toggles.set(name, input);
      const label = element('label', 'toggle-label');
      label.append(input, element('span', '', QUANTITY_LABELS[name].text));
      group.append(label);
    }

    for (const mode of SCALE_MODES) {
      const option = element('option', '', SCALE_LABELS[mode]);
      option.value = mode;
      this.scaleMode.append(option);
    }
    this.scaleMode.value = initial.scaleMode;
    this.scaleMode.setAttribute('aria-label', 'Heatmap colour scale');
    this.scaleMode.addEventListener('change', () => {
      this.fixedScale.disabled = this.scaleMode.value !== 'fixed';
      onChange({ scaleMode: this.scaleMode.value as ScaleMode });
    });
    this.fixedScale.type = 'number';
    this.fixedScale.step = 'any';
    this.fixedScale.min = '0';
    this.fixedScale.value = String(initial.fixedScale);
    this.fixedScale.disabled = initial.scaleMode !== 'fixed';
    this.fixedScale.setAttribute('aria-label', 'Fixed colour scale: values from −m to +m');
    this.fixedScale.addEventListener('change', () => {
      const value = this.fixedScale.valueAsNumber;
      if (Number.isFinite(value) && value > 0) onChange({ fixedScale: value });
    });
    const scale = element('label', 'control-label', 'scale');
    scale.append(this.scaleMode, this.fixedScale);
    this.element.append(group, scale);
  }

  private quantities(): Record<ViewQuantity, boolean> {
    return Object.fromEntries(VIEW_QUANTITIES.map((name) => [name, this.toggles.get(name)?.checked ?? false])) as Record<ViewQuantity, boolean>;
  }
}
