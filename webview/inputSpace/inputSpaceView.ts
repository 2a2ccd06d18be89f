/**
 * The panel's input-space section: for 1- or 2-input models the network's prediction
 * over its input space with the data on top (decision boundary, regression curve or surface), for
 * image models the first layer as images, and for anything else a note saying why there is none.
 * It tells the host whether it is shown (`setInputSpace`), so the worker computes grids only then.
 */
import type { InputPointsMessage, InputSpaceMessage, InputViewMessage, PredictionGridMessage } from '../../src/protocol/inputSpace';
import type { ModelMessage } from '../../src/protocol/panelMessages';
import { element, setHidden, setText } from '../dom';
import { FrameScheduler } from '../frameScheduler';
import { formatValue } from '../../src/core/numberFormat';
import type { Tooltip } from '../tooltip';
import type { PostToHost } from '../vscodeApi';
import { classColor, cssColor } from './classPalette';
import { FirstLayerImages } from './firstLayerImages';
import { LinePlot } from './linePlot';
import { PlanePlot } from './planePlot';

type Availability = { readonly kind: 'images' | 'data' } | { readonly kind: 'none'; readonly reason: string };

/** What this model's input space can show, from its layout alone. */
function inputSpaceAvailability(model: Pick<ModelMessage, 'input' | 'imageShape'>): Availability {
  if (model.imageShape !== undefined && model.imageShape[0] * model.imageShape[1] === model.input) return { kind: 'images' };
  if (model.input === 1 || model.input === 2) return { kind: 'data' };
  return { kind: 'none', reason: `The decision boundary needs 1 or 2 inputs (or image inputs); this model has ${model.input}.` };
}

function titleOf(points: InputPointsMessage): string {
  const classes = points.task !== 'regression';
  if (points.inputWidth === 2) return classes ? 'Decision boundary' : 'Prediction surface';
  return classes ? 'Class probabilities' : 'Regression curve';
}

const axisName = (points: InputPointsMessage, axis: number) => points.featureNames?.[axis] ?? `x${axis + 1}`;
const span = (low: number, high: number) => `from ${formatValue(low)} to ${formatValue(high)}`;

/** An input axis's extent in the data's own units (undoing the dataset's normalization, when known). */
function inputSpan(points: InputPointsMessage, axis: number): string {
  const { min, max } = points.domain;
  const scaling = points.inputScaling;
  if (scaling === undefined) return `${axisName(points, axis)} ${span(min[axis], max[axis])}`;
  const [shift, scale] = [scaling.shift[axis], scaling.scale[axis]];
  return `${axisName(points, axis)} ${span(shift + scale * min[axis], shift + scale * max[axis])}`;
}

/** Said once per caption when the axes are in data units rather than the network's. */
const unitsNote = (points: InputPointsMessage) => (points.inputScaling ? ' · in data units (the network sees them normalized)' : '');

export class InputSpaceView {
  readonly element = element('section', 'input-space');
  private readonly toggle = element('button', 'input-space-toggle');
  private readonly body = element('div', 'input-space-body');
  private readonly note = element('p', 'input-space-note figure-note');
  private readonly plotSlot = element('div', 'input-space-plot');
  private readonly caption = element('p', 'input-space-caption');
  private readonly legend = element('div', 'input-space-legend');
  private readonly scheduler = new FrameScheduler(() => this.draw());
  private plane: PlanePlot | undefined;
  private line: LinePlot | undefined;
  private images: FirstLayerImages | undefined;
  private availability: Availability | undefined;
  private points: InputPointsMessage | undefined;
  private view: InputViewMessage | undefined;
  /** New points not yet drawn on the plane's overlay. */
  private pointsChanged = false;
  private started = false;
  private postedVisible: boolean | undefined;

  constructor(private expanded: boolean, private readonly post: PostToHost, private readonly tooltip: Tooltip, private readonly onToggle: (expanded: boolean) => void) {
    this.element.setAttribute('aria-label', 'Input space');
    this.toggle.type = 'button';
    this.toggle.dataset.action = 'toggle-input-space';
    this.toggle.addEventListener('click', () => this.setExpanded(!this.expanded));
    const heading = element('h2', 'input-space-heading');
    heading.append(this.toggle);
    this.body.append(this.note, this.plotSlot, this.caption, this.legend);
    this.element.append(heading, this.body);
    this.render();
  }

  /** After the webview's `ready`: from now on, tell the host when the view shows (it starts off for a new webview). */
  start(): void {
    this.started = true;
    this.postedVisible = false;
    this.postVisibility();
  }

  setModel(model: ModelMessage): void {
    this.availability = inputSpaceAvailability(model);
    this.points = undefined;
    this.view = undefined;
    this.plane = this.line = this.images = undefined;
    this.plotSlot.replaceChildren();
    this.render();
    this.postVisibility();
  }

  receive(message: InputSpaceMessage): void {
    if (message.type === 'inputPoints') {
      this.points = message;
      this.pointsChanged = true;
      this.view = undefined; // a grid of the previous data's domain
    } else {
      this.view = message;
    }
    this.scheduler.request();
  }

  private get visible(): boolean {
    return this.expanded && this.availability !== undefined && this.availability.kind !== 'none';
  }

  private setExpanded(expanded: boolean): void {
    this.expanded = expanded;
    this.onToggle(expanded);
    this.render();
    this.postVisibility();
    if (expanded) this.scheduler.request();
  }

  private postVisibility(): void {
    const visible = this.visible;
    if (!this.started || visible === this.postedVisible) return;
    this.postedVisible = visible;
    this.post({ type: 'setInputSpace', visible });
  }

  /** Heading, note and which parts are hidden. */
  private render(): void {
    const title = this.availability?.kind === 'images' ? 'First layer as images' : this.points ? titleOf(this.points) : 'Input space';
    setText(this.toggle, `${this.expanded ? '▾' : '▸'} ${title}`);
    this.toggle.setAttribute('aria-expanded', String(this.expanded));
    setHidden(this.body, !this.expanded);
    const availability = this.availability;
    const waiting = availability === undefined ? 'Start a run to see its input space.'
      : availability.kind === 'none' ? availability.reason
        : availability.kind === 'data' && this.points === undefined ? 'Waiting for the data…'
          : this.view === undefined ? 'Waiting for the first prediction…' : '';
    setText(this.note, waiting);
    setHidden(this.note, waiting === '');
    this.element.dataset.state = availability?.kind ?? 'waiting';
  }

  private draw(): void {
    this.render();
    if (!this.expanded) return;
    const view = this.view;
    if (view?.type === 'firstLayerImages') {
      this.images ??= this.mount(new FirstLayerImages(this.tooltip));
      this.images.draw(view);
      setText(this.caption, 'Blue: negative, orange: positive; grey is zero.');
      this.legend.replaceChildren();
      return;
    }
    const points = this.points;
    if (points === undefined) return;
    const grid = view?.type === 'predictionGrid' && view.inputWidth === points.inputWidth ? view : undefined;
    if (points.inputWidth === 2) this.drawPlane(points, grid);
    else this.drawLine(points, grid);
    this.drawLegend(points, grid);
  }

  private drawPlane(points: InputPointsMessage, grid: PredictionGridMessage | undefined): void {
    this.plane ??= this.mount(new PlanePlot());
    if (this.pointsChanged) this.plane.drawPoints(points);
    this.pointsChanged = false;
    if (grid) this.plane.drawGrid(grid, points);
    setText(this.caption, `horizontal: ${inputSpan(points, 0)} · vertical: ${inputSpan(points, 1)}${unitsNote(points)}`);
  }

  private drawLine(points: InputPointsMessage, grid: PredictionGridMessage | undefined): void {
    this.line ??= this.mount(new LinePlot());
    this.line.draw(points, grid, getComputedStyle(this.element).color);
    const [low, high] = this.line.verticalRange;
    const vertical = points.task === 'regression' ? 'prediction and target' : 'predicted probability';
    setText(this.caption, `horizontal: ${inputSpan(points, 0)} · vertical: ${vertical} ${span(low, high)}${unitsNote(points)}`);
  }

  private drawLegend(points: InputPointsMessage, grid: PredictionGridMessage | undefined): void {
    const items: HTMLElement[] = [];
    if (points.task !== 'regression') {
      const names = points.classNames ?? [];
      names.forEach((name, label) => {
        const swatch = element('span', 'input-space-swatch');
        swatch.style.backgroundColor = cssColor(classColor(label));
        const item = element('span', 'input-space-class');
        item.append(swatch, document.createTextNode(`class ${name}`));
        items.push(item);
      });
    }
    const shown = points.targets.length;
    items.push(element('span', 'input-space-figure', `● training ○ validation · ${shown === points.total ? `${shown}` : `${shown} of ${points.total}`} samples`));
    if (grid) items.push(element('span', 'input-space-figure', `after step ${grid.step}`));
    if (points.task !== 'regression' && points.inputWidth === 2) items.push(element('span', 'input-space-figure', 'paler = less certain'));
    this.legend.replaceChildren(...items);
  }

  private mount<T extends { element: HTMLElement }>(plot: T): T {
    this.plotSlot.replaceChildren(plot.element);
    return plot;
  }
}
