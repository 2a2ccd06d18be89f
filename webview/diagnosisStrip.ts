/**
 * The Diagnosis strip at the top of the panel: the findings of the run (src/insight/diagnosis)
 * that persisted over the last snapshots, one compact row each — a severity icon, the layer, the
 * finding and its measured value against the threshold — with the explanation and the suggestion
 * on hover and behind an expand button. Clicking a row scrolls to that layer's card and highlights
 * it. "No problems found" when a run is healthy; hidden until the first snapshot. The host's
 * warnings in the model file follow the same rules (src/extension/session/trainingDiagnostics.ts).
 */
import { FINDING_TITLES, findingMeasure } from '../src/insight/advice';
import { diagnose, findingKey, type Finding } from '../src/insight/diagnosis';
import { PersistentFindings } from '../src/insight/persistence';
import { DEFAULT_DIAGNOSIS_THRESHOLDS, type DiagnosisThresholds } from '../src/core/diagnosisThresholds';
import type { SnapshotMessage } from '../src/protocol/panelMessages';
import { element, setHidden } from './dom';
import { formatValue } from '../src/core/numberFormat';

/** How long a revealed card keeps its highlight. */
const HIGHLIGHT_MS = 2000;

const ICONS: Record<Finding['severity'], string> = { error: '✕', warning: '!' };

export class DiagnosisStrip {
  readonly element = element('section', 'diagnosis-strip');
  private readonly list = element('ul', 'diagnosis-findings');
  private readonly healthy = element('p', 'diagnosis-healthy');
  private readonly healthyText = element('span', 'diagnosis-healthy-text');
  private thresholds: DiagnosisThresholds = DEFAULT_DIAGNOSIS_THRESHOLDS;
  private readonly tracker = new PersistentFindings(DEFAULT_DIAGNOSIS_THRESHOLDS.persistence);
  /** The newest snapshot, judged again when the thresholds change. */
  private latest: SnapshotMessage | undefined;
  private lastStep = -1;
  private shownKey: string | undefined;
  private expanded = new Set<string>();
  private highlightTimer: ReturnType<typeof setTimeout> | undefined;

  /** `cardOf` finds the card of a 1-based layer (undefined while the layout has none). */
  constructor(private readonly cardOf: (layer: number) => HTMLElement | undefined) {
    this.element.setAttribute('aria-label', 'Diagnosis');
    this.element.hidden = true;
    this.healthy.append(element('span', 'diagnosis-icon is-ok', '✓'), this.healthyText);
    this.element.append(element('h2', 'diagnosis-title', 'Diagnosis'), this.list, this.healthy);
  }

  setThresholds(thresholds: DiagnosisThresholds): void {
    this.thresholds = thresholds;
    this.tracker.setPersistence(thresholds.persistence);
    // Same network, new judgement: no need to wait for snapshots to confirm it.
    if (this.latest !== undefined) this.tracker.confirm(this.judge(this.latest));
    this.render();
  }

  /** Counts one snapshot (every one the host sends, drawn or coalesced away, as the host counts them). */
  observe(snapshot: SnapshotMessage): void {
    if (snapshot.run.step < this.lastStep) this.tracker.clear(); // a reset: the old run's findings are gone
    this.lastStep = snapshot.run.step;
    this.latest = snapshot;
    this.tracker.observe(this.judge(snapshot));
  }

  /**
   * The run stopped streaming (paused, stepped, finished, or a reloaded panel's replay): the newest
   * snapshot is final, with no next one to confirm a finding, so it is shown as judged.
   */
  settle(): void {
    if (this.latest !== undefined) this.tracker.confirm(this.judge(this.latest));
    this.render();
  }

  /** A new layout: nothing of the old network applies. */
  reset(): void {
    this.tracker.clear();
    this.latest = undefined;
    this.lastStep = -1;
    this.expanded.clear();
    this.render();
  }

  /** Redraws the rows when the findings on show changed (called once per drawn frame). */
  render(): void {
    const findings = this.tracker.shown;
    // A finding still waiting for its confirming snapshots is not "no problem" yet.
    const pending = this.tracker.pending > 0;
    const key = JSON.stringify([this.latest === undefined, pending, findings.map((f) => [findingKey(f), formatValue(f.value), formatValue(f.threshold)]), [...this.expanded]]);
    if (key === this.shownKey) return;
    this.shownKey = key;
    setHidden(this.element, this.latest === undefined);
    this.element.dataset.findings = String(findings.length);
    this.list.replaceChildren(...findings.map((finding) => this.row(finding)));
    setHidden(this.list, findings.length === 0);
    setHidden(this.healthy, findings.length > 0);
    this.healthy.dataset.state = pending ? 'checking' : 'healthy';
    this.healthyText.textContent = pending ? 'Checking…' : 'No problems found';
  }

  private judge(snapshot: SnapshotMessage): Finding[] {
    return diagnose(snapshot.layers, snapshot.nonFinite, this.thresholds);
  }

  private row(finding: Finding): HTMLLIElement {
    const id = findingKey(finding);
    const row = element('li', `diagnosis-finding is-${finding.severity}`);
    row.dataset.kind = finding.kind;
    row.dataset.severity = finding.severity;
    if (finding.layer !== undefined) row.dataset.layer = String(finding.layer);
    const detail = `${finding.explanation}\nSuggestion: ${finding.suggestion}`;

    const reveal = element('button', 'diagnosis-reveal');
    reveal.type = 'button';
    reveal.title = detail;
    reveal.append(
      element('span', `diagnosis-icon is-${finding.severity}`, ICONS[finding.severity]),
      element('span', 'diagnosis-layer', finding.layer === undefined ? 'loss' : `L${finding.layer}`),
      element('span', 'diagnosis-name', FINDING_TITLES[finding.kind]),
      element('span', 'diagnosis-measure', findingMeasure(finding, formatValue)),
    );
    reveal.setAttribute('aria-label', `${finding.severity}: ${FINDING_TITLES[finding.kind]}, ${finding.layer === undefined ? 'the loss' : `layer ${finding.layer}`}. ${detail}`);
    if (finding.layer !== undefined) {
      const layer = finding.layer;
      reveal.addEventListener('click', () => this.revealCard(layer));
    } else {
      reveal.disabled = true;
    }

    const isOpen = this.expanded.has(id);
    const toggle = element('button', 'diagnosis-expand', isOpen ? '▾' : '▸');
    toggle.type = 'button';
    toggle.title = isOpen ? 'Hide the suggestion' : 'Show the suggestion';
    toggle.setAttribute('aria-expanded', String(isOpen));
    toggle.setAttribute('aria-label', toggle.title);
    toggle.addEventListener('click', () => {
      if (!this.expanded.delete(id)) this.expanded.add(id);
      this.render();
    });

    const more = element('div', 'diagnosis-detail');
    more.append(element('p', 'diagnosis-explanation', finding.explanation), element('p', 'diagnosis-suggestion', finding.suggestion));
    more.hidden = !isOpen;
    row.append(toggle, reveal, more);
    return row;
  }

  private revealCard(layer: number): void {
    const card = this.cardOf(layer);
    if (card === undefined) return;
    card.scrollIntoView({ block: 'start', behavior: 'smooth' });
    for (const other of card.parentElement?.querySelectorAll('.diagnosis-highlight') ?? []) other.classList.remove('diagnosis-highlight');
    card.classList.add('diagnosis-highlight');
    if (this.highlightTimer !== undefined) clearTimeout(this.highlightTimer);
    this.highlightTimer = setTimeout(() => card.classList.remove('diagnosis-highlight'), HIGHLIGHT_MS);
  }
}
