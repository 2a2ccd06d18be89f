/**
 * The Diagnosis strip at the top of the panel: the findings the host judged for the snapshot on
 * show (persistence applied; see src/host/session/snapshotDiagnosis.ts), one compact row each — a
 * severity icon, the layer, the finding and its measured value against the threshold — with the
 * explanation and the suggestion on hover and behind an expand button. Clicking a row scrolls to
 * that layer's card and highlights it. "No problems found" when a run is healthy; hidden until the
 * first snapshot. The strip judges nothing itself: the host sends the findings with each snapshot
 * (and again in a `diagnosis` message when the newest is judged anew), the same findings it puts
 * on the model file.
 */
import type { DiagnosisView, FindingView, SnapshotMessage } from '../src/protocol/panelMessages';
import { element, setHidden } from './dom';

/** How long a revealed card keeps its highlight. */
const HIGHLIGHT_MS = 2000;

const ICONS: Record<FindingView['severity'], string> = { error: '✕', warning: '!' };

/** A stable identity for a finding across snapshots, for the rows' expanded state. */
const keyOf = (finding: FindingView): string => `${finding.kind}@${finding.layer ?? 'loss'}`;

export class DiagnosisStrip {
  readonly element = element('section', 'diagnosis-strip');
  private readonly list = element('ul', 'diagnosis-findings');
  private readonly healthy = element('p', 'diagnosis-healthy');
  private readonly healthyText = element('span', 'diagnosis-healthy-text');
  /** What the strip shows: the diagnosis of the snapshot on show (undefined before any). */
  private current: DiagnosisView | undefined;
  /** The host's newer judgement of one snapshot (the run stopped, or the thresholds changed). */
  private rejudged: { readonly seq: number; readonly diagnosis: DiagnosisView } | undefined;
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

  /** The host judged snapshot `seq` again: shown whenever that snapshot is. */
  rejudge(seq: number, diagnosis: DiagnosisView): void {
    this.rejudged = { seq, diagnosis };
  }

  /** Draws the findings of the snapshot on show (the newest, or one scrubbed to on the timeline). */
  show(snapshot: SnapshotMessage): void {
    this.current = this.rejudged?.seq === snapshot.seq ? this.rejudged.diagnosis : snapshot.diagnosis;
    this.render();
  }

  /** A new layout: nothing of the old network applies. */
  reset(): void {
    this.current = undefined;
    this.rejudged = undefined;
    this.expanded.clear();
    this.render();
  }

  /** Redraws the rows when the findings on show changed. */
  private render(): void {
    const findings = this.current?.findings ?? [];
    // A finding still waiting for its confirming snapshots is not "no problem" yet.
    const pending = (this.current?.pending ?? 0) > 0;
    const key = JSON.stringify([this.current === undefined, pending, findings.map((f) => [keyOf(f), f.measured]), [...this.expanded]]);
    if (key === this.shownKey) return;
    this.shownKey = key;
    setHidden(this.element, this.current === undefined);
    this.element.dataset.findings = String(findings.length);
    this.list.replaceChildren(...findings.map((finding) => this.row(finding)));
    setHidden(this.list, findings.length === 0);
    setHidden(this.healthy, findings.length > 0);
    this.healthy.dataset.state = pending ? 'checking' : 'healthy';
    this.healthyText.textContent = pending ? 'Checking…' : 'No problems found';
  }

  private row(finding: FindingView): HTMLLIElement {
    const id = keyOf(finding);
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
      element('span', 'diagnosis-name', finding.title),
      element('span', 'diagnosis-measure', finding.measured),
    );
    reveal.setAttribute('aria-label', `${finding.severity}: ${finding.title}, ${finding.layer === undefined ? 'the loss' : `layer ${finding.layer}`}. ${detail}`);
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
