/**
 * The run header: model name, run state, step and epoch, loss and accuracy (training and, when
 * present, validation), throughput and learning rate η.
 */
import type { RunHeader, RunState } from '../src/protocol/panelMessages';
import { element, setHidden, setText } from './dom';
import { formatPercent, formatValue } from '../src/core/numberFormat';

type Field = 'model' | 'state' | 'progress' | 'loss' | 'accuracy' | 'validation' | 'speed' | 'learningRate';

export class Header {
  readonly element = element('header', 'run-header');
  private readonly fields = {} as Record<Field, HTMLElement>;

  constructor() {
    const fieldNames: readonly Field[] = ['model', 'state', 'progress', 'loss', 'accuracy', 'validation', 'speed', 'learningRate'];
    for (const name of fieldNames) {
      const field = element('span', `run-field run-${name}`);
      field.dataset.field = name;
      this.fields[name] = field;
      this.element.append(field);
    }
    this.setModel('no model');
    this.setState('idle');
    for (const name of fieldNames.slice(2)) this.fields[name].hidden = true;
  }

  setModel(name: string): void {
    setText(this.fields.model, name);
  }

  setState(state: RunState): void {
    setText(this.fields.state, state);
    // One class per state so the theme CSS can colour it (diverged and error in the error colour).
    this.fields.state.className = `run-field run-state state-${state}`;
  }

  update(run: RunHeader): void {
    this.setState(run.state);
    this.show('progress', `step ${run.step} · epoch ${run.epoch}`);
    this.show('loss', `L = ${formatValue(run.loss)}`);
    this.show('accuracy', run.accuracy === undefined ? undefined : `acc ${formatPercent(run.accuracy)}`);
    const validation = [
      run.valLoss === undefined ? undefined : `val L = ${formatValue(run.valLoss)}`,
      run.valAccuracy === undefined ? undefined : `val acc ${formatPercent(run.valAccuracy)}`,
    ].filter((part) => part !== undefined);
    this.show('validation', validation.length > 0 ? validation.join(' · ') : undefined);
    this.show('speed', `${formatValue(run.stepsPerSecond)} steps/s`);
    this.show('learningRate', `η = ${formatValue(run.learningRate)}`);
  }

  private show(field: Field, text: string | undefined): void {
    setHidden(this.fields[field], text === undefined);
    if (text !== undefined) setText(this.fields[field], text);
  }
}
