/**
 * The panel: receives host messages, keeps only the newest snapshot until the next animation
 * frame, draws it, and acknowledges it (cumulatively, covering every snapshot it replaced).
 */
import type { HostToWebviewMessage, LayerShape, RunState, SnapshotMessage } from '../src/protocol/panelMessages';
import { Banner, describeNonFinite } from './banner';
import { Controls } from './controls';
import { element, setHidden } from './dom';
import { FrameScheduler } from './frameScheduler';
import { Header } from './header';
import { LayerCard } from './layerCard';
import { Tooltip } from './tooltip';
import type { PostToHost } from './vscodeApi';

const HOST_MESSAGE_TYPES: ReadonlySet<string> = new Set<HostToWebviewMessage['type']>(['snapshot', 'model', 'state', 'error']);

export class Panel {
  private readonly header = new Header();
  private readonly controls: Controls;
  private readonly banner = new Banner();
  private readonly cards = element('div', 'layer-cards');
  private readonly empty = element('p', 'empty-note', 'Start a run to see its layers.');
  private readonly tooltip: Tooltip;
  private readonly scheduler = new FrameScheduler(() => this.drawFrame());
  private layerCards: LayerCard[] = [];
  private pending: SnapshotMessage | undefined;
  private pendingState: RunState | undefined;
  /** Frames that drew a snapshot; exposed on the root element for tests and debugging. */
  private drawnFrames = 0;

  constructor(private readonly root: HTMLElement, private readonly post: PostToHost) {
    this.controls = new Controls(post);
    const top = element('div', 'panel-top');
    top.append(this.header.element, this.controls.element);
    root.append(top, this.banner.element, this.empty, this.cards);
    this.tooltip = new Tooltip(root);
  }

  /** Handles one `message` event's data; anything that is not a host message is ignored. */
  receive(data: unknown): void {
    if (typeof data !== 'object' || data === null || !HOST_MESSAGE_TYPES.has((data as { type?: unknown }).type as string)) return;
    const message = data as HostToWebviewMessage;
    switch (message.type) {
      case 'model':
        this.header.setModel(message.name);
        this.layout(message.layers, message.batchSize);
        break;
      case 'snapshot':
        // Older undrawn snapshots are dropped here; the ack after drawing covers them (it is cumulative).
        this.pending = message;
        this.pendingState = undefined;
        this.scheduler.request();
        break;
      case 'state':
        this.pendingState = message.state;
        this.scheduler.request();
        break;
      case 'error':
        this.banner.show(message.layer === undefined ? message.message : `Layer ${message.layer}${message.quantity === undefined ? '' : ` (${message.quantity})`}: ${message.message}`);
        break;
    }
  }

  private drawFrame(): void {
    const snapshot = this.pending;
    this.pending = undefined;
    if (snapshot !== undefined) {
      this.drawSnapshot(snapshot);
      this.drawnFrames++;
      this.root.dataset.drawnFrames = String(this.drawnFrames);
      this.root.dataset.drawnSeq = String(snapshot.seq);
      this.post({ type: 'ack', seq: snapshot.seq });
    }
    // A state change that came after the snapshot wins over the snapshot's own state.
    if (this.pendingState !== undefined) {
      this.header.setState(this.pendingState);
      this.controls.setState(this.pendingState);
      this.pendingState = undefined;
    }
  }

  private drawSnapshot(snapshot: SnapshotMessage): void {
    const { run, layers } = snapshot;
    this.layout(layers, run.batchSize);
    this.header.update(run);
    this.controls.setState(run.state);
    this.controls.setRun(run.learningRate, run.batchSize, run.sampleIndex);
    if (snapshot.nonFinite !== undefined) this.banner.show(describeNonFinite(snapshot.nonFinite, layers));
    else this.banner.clear();
    layers.forEach((layer, i) => this.layerCards[i].update(layer, run));
  }

  /** Builds the cards for these layer shapes, keeping every card whose shape did not change. */
  private layout(shapes: readonly LayerShape[], batchSize: number): void {
    const unchanged = shapes.length === this.layerCards.length && shapes.every((shape, i) => this.layerCards[i].fits(shape));
    if (unchanged) return;
    this.layerCards = shapes.map((shape, i) => {
      const existing = this.layerCards[i];
      if (existing !== undefined && existing.fits(shape)) return existing;
      const card = new LayerCard({ index: shape.index, units: shape.units, inputs: shape.inputs, activation: shape.activation }, this.tooltip);
      card.setContext(batchSize, 0);
      return card;
    });
    this.cards.replaceChildren(...this.layerCards.map((card) => card.element));
    setHidden(this.empty, this.layerCards.length > 0);
  }
}
