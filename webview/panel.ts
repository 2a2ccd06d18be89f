/**
 * The panel: receives host messages, keeps only the newest snapshot until the next animation
 * frame, draws it, and acknowledges it (cumulatively, covering every snapshot it replaced). It
 * tells the host what it draws (`setView`) so the worker copies only those tensors, and keeps
 * the user's view choices in the webview state so a reload restores them.
 */
import { INPUT_SPACE_MESSAGE_TYPES, isInputSpaceMessage } from '../src/protocol/inputSpace';
import type { HostToWebviewMessage, LayerOutline, RunState, SetViewMessage, SnapshotMessage } from '../src/protocol/panelMessages';
import { Banner, describeNonFinite } from './banner';
import { readChartTheme, onThemeChange, type ChartTheme } from './charts/chartTheme';
import { RunCharts } from './charts/runCharts';
import { ChartPacer, type ChartKey } from './chartPacer';
import { Controls } from './controls';
import { element, setHidden } from './dom';
import { DiagnosisStrip } from './diagnosisStrip';
import { DrawTimings } from './drawTimings';
import { ExportButtons } from './exportButtons';
import { EquationsView, layersForEquations } from './equationsView';
import { FrameScheduler } from './frameScheduler';
import { GradientCheckView } from './gradientCheckView';
import { Header } from './header';
import { InputSpaceView } from './inputSpace/inputSpaceView';
import { LayerCard } from './layerCard';
import { PaceControl } from './paceControl';
import { resolveScales, type PreparedFigure } from './scalePolicy';
import { TimelineController } from './timeline/timelineController';
import { Tooltip } from './tooltip';
import { ViewControls, type ViewChange } from './viewControls';
import { parseViewState, requiredQuantities, type ViewState } from './viewState';
import type { HostConnection } from './vscodeApi';
import { Walkthrough } from './walkthrough';

const HOST_MESSAGE_TYPES: ReadonlySet<string> = new Set<HostToWebviewMessage['type']>(['snapshot', 'model', 'state', 'error', 'gradientCheck', 'diagnosis', 'pace', 'scalars', 'walkthrough', ...INPUT_SPACE_MESSAGE_TYPES]);

export class Panel {
  readonly timings = new DrawTimings();
  readonly charts: RunCharts;
  private readonly header = new Header();
  private readonly controls: Controls;
  private readonly pace: PaceControl;
  private readonly exports: ExportButtons;
  /** Names exported images. */
  private modelName = 'gradient-lens';
  private readonly viewControls: ViewControls;
  private readonly banner = new Banner();
  /** While training, each chart renders 5 to 10 times a second, in idle time (see ChartPacer). */
  private readonly chartPacer = new ChartPacer(100, 200);
  private readonly gradientCheck = new GradientCheckView();
  private readonly diagnosis = new DiagnosisStrip((layer) => this.layerCards.find((card) => card.shape.index === layer)?.element);
  private readonly inputSpace: InputSpaceView;
  private readonly cards = element('div', 'layer-cards');
  private readonly empty = element('p', 'empty-note', 'Start a run to see its layers.');
  private readonly tooltip: Tooltip;
  /** Kept snapshots, the scrubbed step and the comparison with the run before an edit. */
  readonly timeline: TimelineController;
  readonly equations: EquationsView;
  readonly walkthrough: Walkthrough;
  private readonly scheduler = new FrameScheduler(() => this.drawFrame());
  private theme: ChartTheme;
  private view: ViewState;
  private layerCards: LayerCard[] = [];
  private pending: SnapshotMessage | undefined;
  private pendingReceivedAt = 0;
  /** The snapshot on screen, redrawn when the view changes (never persisted: the host re-sends after a reload). */
  private drawn: SnapshotMessage | undefined;
  private redrawRequested = false;
  private walkthroughRequested = false;
  private pendingState: RunState | undefined;
  private lastView: string | undefined;
  /** Frames that drew a snapshot; exposed on the root element for tests and debugging. */
  private drawnFrames = 0;

  constructor(private readonly root: HTMLElement, private readonly host: HostConnection) {
    this.view = parseViewState(host.loadState());
    // The host puts the model file's URI on the body so that it lands in the state its
    // WebviewPanelSerializer gets back when VS Code restores the panel.
    const modelUri = root.ownerDocument.body.dataset.modelUri;
    if (modelUri !== undefined && modelUri !== '') this.view = { ...this.view, modelUri };
    this.theme = readChartTheme();
    this.controls = new Controls(host.post, (sampleIndex) => this.changeView({ sampleIndex }));
    this.viewControls = new ViewControls(this.view, (change) => this.changeView(change));
    this.pace = new PaceControl(host.post);
    this.charts = new RunCharts(this.theme);
    this.exports = new ExportButtons(host.post, root, () => this.modelName, (message) => this.banner.show(message));
    const top = element('div', 'panel-top');
    top.append(this.header.element, this.controls.element, this.pace.element, this.exports.element);
    root.append(top, this.diagnosis.element, this.gradientCheck.element, this.viewControls.element, this.banner.element, this.charts.element, this.empty, this.cards);
    this.tooltip = new Tooltip(root);
    this.inputSpace = new InputSpaceView(this.view.inputSpace, host.post, this.tooltip, (inputSpace) => this.changeView({ inputSpace }));
    this.charts.element.after(this.inputSpace.element);
    this.timeline = new TimelineController(this.charts, this.cards, this.tooltip, this.theme, () => this.requestRedraw());
    this.viewControls.element.after(this.timeline.bar.element);
    this.cards.before(this.timeline.comparison.element);
    this.equations = new EquationsView(this.tooltip);
    this.equations.setShown(this.view.quantities.equations);
    this.walkthrough = new Walkthrough(this.equations, () => {
      this.viewControls.setQuantity('equations', true);
      this.changeView({ quantities: { ...this.view.quantities, equations: true } });
    });
    this.viewControls.element.after(this.walkthrough.element);
    this.host.saveState(this.view);
    onThemeChange(() => {
      this.theme = readChartTheme();
      this.charts.setTheme(this.theme);
      this.timeline.setTheme(this.theme);
      for (const card of this.layerCards) card.setTheme(this.theme);
    });
  }

  /** Chart renders waiting for their turn (for the test hooks). */
  get chartsPending(): number {
    return this.chartPacer.pending;
  }

  /** How often `chart` rendered (for the test hooks). */
  chartRenders(chart: ChartKey): number {
    return this.chartPacer.renders(chart);
  }

  /** The layer cards, in layer order (for the test hooks). */
  get layerCardList(): readonly LayerCard[] {
    return this.layerCards;
  }

  /** After `ready`: tell the host what to stream, and re-apply a sample picked before a reload. */
  start(): void {
    this.postView();
    this.inputSpace.start();
    if (this.view.sampleIndex !== undefined) this.host.post({ type: 'selectSample', index: this.view.sampleIndex });
  }

  /** Handles one `message` event's data; anything that is not a host message is ignored. */
  receive(data: unknown): void {
    if (typeof data !== 'object' || data === null || !HOST_MESSAGE_TYPES.has((data as { type?: unknown }).type as string)) return;
    const message = data as HostToWebviewMessage;
    if (isInputSpaceMessage(message)) return this.inputSpace.receive(message);
    switch (message.type) {
      case 'model':
        this.header.setModel(message.name);
        this.modelName = message.name;
        this.gradientCheck.dismiss(); // a check of another layout (the host re-sends a current one after this)
        this.chartPacer.cancel(); // a waiting render belongs to the old layout
        this.timeline.startRun(message);
        this.diagnosis.reset();
        this.equations.setModel(message);
        this.layout(message.layers, message.batchSize);
        this.inputSpace.setModel(message);
        break;
      case 'snapshot':
        // Every snapshot's scalars go into the charts' histories, even if it is coalesced away below.
        this.layout(message.layers, message.run.batchSize);
        this.charts.record(message.run, message.layers);
        this.timeline.record(message);
        // Older undrawn snapshots are dropped here; the ack after drawing covers them (it is cumulative).
        this.pending = message;
        this.pendingReceivedAt = performance.now();
        this.pendingState = undefined;
        this.scheduler.request();
        break;
      case 'state':
        this.pendingState = message.state;
        this.timeline.setState(message.state);
        this.scheduler.request();
        break;
      case 'error':
        this.banner.show(message.layer === undefined ? message.message : `Layer ${message.layer}${message.quantity === undefined ? '' : ` (${message.quantity})`}: ${message.message}`);
        break;
      case 'gradientCheck':
        this.gradientCheck.show(message.report);
        break;
      case 'diagnosis':
        this.diagnosis.rejudge(message.seq, message.diagnosis);
        this.requestRedraw();
        break;
      case 'pace':
        this.pace.show(message.pace);
        break;
      case 'walkthrough':
        // Begun in the next frame, once the paused state and its snapshot sent before this are drawn.
        this.walkthroughRequested = true;
        this.scheduler.request();
        break;
      case 'scalars':
        // Drawn with the snapshot that follows; a batch sent when the run rests draws on its own.
        this.charts.recordScalars(message);
        this.requestRedraw();
        break;
    }
  }

  private drawFrame(): void {
    const snapshot = this.pending;
    this.pending = undefined;
    if (snapshot !== undefined) {
      const drawStart = performance.now();
      this.drawSnapshot(snapshot);
      this.drawn = snapshot;
      this.drawnFrames++;
      this.root.dataset.drawnFrames = String(this.drawnFrames);
      this.root.dataset.drawnSeq = String(snapshot.seq);
      this.post({ type: 'ack', seq: snapshot.seq });
      // A chart that found no idle time for too long renders here (one per snapshot frame).
      this.chartPacer.renderOverdue();
      this.timings.record(this.pendingReceivedAt, drawStart, performance.now());
    } else if (this.redrawRequested && this.drawn !== undefined) {
      this.drawSnapshot(this.drawn);
    }
    this.redrawRequested = false;
    // A state change that came after the snapshot wins over the snapshot's own state.
    if (this.pendingState !== undefined) {
      this.header.setState(this.pendingState);
      this.controls.setState(this.pendingState);
      this.walkthrough.setRunState(this.pendingState);
      this.pendingState = undefined;
    }
    if (this.walkthroughRequested) {
      this.walkthroughRequested = false;
      if (!this.walkthrough.active) this.walkthrough.begin();
    }
  }

  /** Draws the newest snapshot, or the step scrubbed to on the timeline (with the live run state). */
  private drawSnapshot(newest: SnapshotMessage): void {
    const snapshot = this.timeline.shown(newest);
    const historical = snapshot !== newest;
    const { layers } = snapshot;
    // The state is the run's now (a later `state` message, or a scrubbed step's own state, is older news).
    const run = { ...snapshot.run, state: this.timeline.state };
    this.header.update(run);
    this.controls.setState(run.state);
    // The controls set the run from now on: a scrubbed step's η must not land in the η field.
    if (!historical) this.controls.setRun(run.learningRate, run.batchSize, run.sampleIndex);
    if (snapshot.nonFinite !== undefined) this.banner.show(describeNonFinite(snapshot.nonFinite, layers));
    else this.banner.clear();
    // Charts render at once when the run stands still (or the step is scrubbed), paced while it streams.
    const immediate = run.state !== 'training' || historical;
    const renderChart = (chart: ChartKey, draw: () => void): void => this.chartPacer.request(chart, draw, immediate);
    // The after − before view hides the cards: nothing of them to draw until it is switched off (which redraws).
    if (!this.timeline.isComparing) {
      const prepared: (readonly PreparedFigure[])[] = layers.map((layer, i) => this.layerCards[i].prepare(layer, run));
      const scaleOf = resolveScales(this.view.scaleMode, this.view.fixedScale, prepared.flat());
      prepared.forEach((figures, i) => this.layerCards[i].draw(figures, scaleOf));
      for (const card of this.layerCards) card.drawHistogram(renderChart);
      this.equations.draw(snapshot);
    }
    this.walkthrough.setRunState(run.state);
    this.walkthrough.refresh();
    this.charts.draw(renderChart);
    this.diagnosis.show(snapshot);
    this.timeline.drew(snapshot, renderChart);
    // Renders still waiting from the live stream show now too.
    if (immediate) this.chartPacer.flush();
  }

  private requestRedraw(): void {
    this.redrawRequested = true;
    this.scheduler.request();
  }

  private post(message: Parameters<HostConnection['post']>[0]): void {
    this.host.post(message);
  }

  private changeView(change: ViewChange & { sampleIndex?: number; collapsedLayers?: readonly number[]; inputSpace?: boolean }): void {
    this.view = { ...this.view, ...change };
    this.host.saveState(this.view);
    if (change.quantities !== undefined) {
      for (const card of this.layerCards) card.setVisible(this.view.quantities);
      this.equations.setShown(this.view.quantities.equations);
    }
    this.postView();
    if (change.quantities !== undefined || change.scaleMode !== undefined || change.fixedScale !== undefined || change.collapsedLayers !== undefined) {
      this.redrawRequested = true;
      this.scheduler.request();
    }
  }

  /** Posts `setView` when what the panel draws changed since the last one it posted. */
  private postView(): void {
    const expanded = this.layerCards.filter((card) => !card.collapsed).map((card) => card.shape.index);
    const message: SetViewMessage = {
      type: 'setView',
      quantities: requiredQuantities(this.view.quantities),
      layers: this.view.quantities.equations ? layersForEquations(expanded, this.layerCards.length) : expanded,
    };
    const key = JSON.stringify(message);
    if (key === this.lastView) return;
    this.lastView = key;
    this.post(message);
  }

  /** Builds the cards for these layer shapes, keeping every card whose shape did not change. */
  private layout(shapes: readonly LayerOutline[], batchSize: number): void {
    const unchanged = shapes.length === this.layerCards.length && shapes.every((shape, i) => this.layerCards[i].fits(shape));
    if (unchanged) return;
    const replaced = new Set(this.layerCards);
    this.layerCards = shapes.map((shape, i) => {
      const existing = this.layerCards[i];
      if (existing !== undefined && existing.fits(shape)) {
        replaced.delete(existing);
        return existing;
      }
      const layer: LayerOutline = { index: shape.index, units: shape.units, inputs: shape.inputs, activation: shape.activation };
      const card = new LayerCard(layer, this.tooltip, this.theme, (collapsed) => this.collapse(layer.index, collapsed));
      card.addHeaderAction(this.exports.cardButton(card.element, layer.index));
      card.setContext(batchSize, 0);
      card.setCollapsed(this.view.collapsedLayers.includes(layer.index));
      card.setVisible(this.view.quantities);
      return card;
    });
    // Replaced cards' histograms would otherwise live on in Chart.instances (and a waiting render with them).
    for (const card of replaced) {
      this.chartPacer.cancel(card.histogramChart.instance);
      card.dispose();
    }
    this.cards.replaceChildren(...this.layerCards.map((card) => card.element));
    this.equations.layout(this.layerCards);
    setHidden(this.empty, this.layerCards.length > 0);
    this.charts.setLayers(this.layerCards.map((card) => card.shape.index));
    this.postView();
  }

  private collapse(layer: number, collapsed: boolean): void {
    const others = this.view.collapsedLayers.filter((index) => index !== layer);
    this.changeView({ collapsedLayers: collapsed ? [...others, layer] : others });
  }
}
