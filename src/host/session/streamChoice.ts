/**
 * What a session asks its source to stream (StreamSettings), from two voices: the user's settings
 * and the panel. The panel's choice of quantities wins over the settings' default once made; a
 * settings change moves the pace only when the pace setting itself changed (so a pace picked in
 * the panel survives an unrelated settings change).
 */
import type { Pace } from '../../core/pace';
import type { StreamSettings } from '../../protocol/workerMessages';

/** The settings a stream is read from. */
export interface StreamDefaults {
  readonly snapshotRate: number;
  readonly quantities: StreamSettings['quantities'];
  readonly pace: Pace;
}

export class StreamChoice {
  private current: StreamSettings;
  /** The pace setting last read. */
  private settingsPace: Pace;
  /** The panel chose the quantities (setView): the settings no longer override them. */
  private viewChosen = false;

  constructor(defaults: StreamDefaults) {
    this.current = { rate: defaults.snapshotRate, quantities: defaults.quantities, layers: 'all', sample: 0, pace: defaults.pace };
    this.settingsPace = defaults.pace;
  }

  get settings(): StreamSettings {
    return this.current;
  }

  /** The pace the run trains at. */
  get pace(): Pace {
    return this.current.pace ?? this.settingsPace;
  }

  /** New settings; returns the pace when it changed because its setting did (for the panel's control). */
  applyDefaults(defaults: StreamDefaults): Pace | undefined {
    const pace = defaults.pace !== this.settingsPace ? defaults.pace : undefined;
    this.settingsPace = defaults.pace;
    this.change({ rate: defaults.snapshotRate, ...(this.viewChosen ? {} : { quantities: defaults.quantities }), ...(pace ? { pace } : {}) });
    return pace;
  }

  /** The panel's view: these quantities, of these layers, from now on. */
  chooseView(quantities: StreamSettings['quantities'], layers: readonly number[]): void {
    this.viewChosen = true;
    this.change({ quantities, layers });
  }

  change(change: Partial<StreamSettings>): void {
    this.current = { ...this.current, ...change };
  }
}
