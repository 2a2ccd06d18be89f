/**
 * The first layer of an image model as images: row i of W⁽¹⁾ (what unit i responds to) and row i
 * of ∂L/∂W⁽¹⁾ (how the last batch pushes it), each reshaped to the input image, on the diverging
 * map with one symmetric scale per quantity across the units shown, so units compare at a glance.
 */
import type { FirstLayerImagesMessage } from '../../src/protocol/inputSpace';
import { colormapLut, NON_FINITE_PIXEL } from '../colormaps';
import { element, setText } from '../dom';
import { formatValue } from '../notation';
import { lutIndex, scaleFor } from '../scale';

/** Largest edge of one unit's image on screen, in CSS pixels. */
const MAX_IMAGE_EDGE = 48;

class ImageGrid {
  readonly element = element('figure', 'first-layer-grid');
  private readonly caption = element('figcaption');
  private readonly tiles = element('div', 'first-layer-tiles');
  private canvases: HTMLCanvasElement[] = [];

  constructor(readonly quantity: 'W' | 'dW') {
    this.element.dataset.figure = quantity;
    this.element.append(this.caption, this.tiles);
  }

  draw(rows: Float32Array, units: number, [height, width]: readonly [number, number], label: string): void {
    this.resize(units, height, width);
    const scale = scaleFor(rows, 'diverging');
    setText(this.caption, `${label} · ±${formatValue(scale.max)}`);
    const lut = colormapLut('diverging');
    const pixelsPerImage = height * width;
    this.canvases.forEach((canvas, unit) => {
      const context = canvas.getContext('2d')!;
      const image = context.createImageData(width, height);
      const pixels = new Uint32Array(image.data.buffer);
      for (let p = 0; p < pixelsPerImage; p++) {
        const value = rows[unit * pixelsPerImage + p];
        pixels[p] = Number.isFinite(value) ? lut[lutIndex(value, scale)] : NON_FINITE_PIXEL;
      }
      context.putImageData(image, 0, 0);
    });
  }

  /** One canvas per unit, one pixel per image pixel, enlarged by CSS without smoothing. */
  private resize(units: number, height: number, width: number): void {
    const first = this.canvases[0];
    if (this.canvases.length === units && first?.width === width && first.height === height) return;
    const zoom = Math.max(1, Math.floor(MAX_IMAGE_EDGE / Math.max(height, width)));
    this.canvases = Array.from({ length: units }, (_, unit) => {
      const canvas = element('canvas', 'first-layer-image');
      canvas.width = width;
      canvas.height = height;
      canvas.style.width = `${width * zoom}px`;
      canvas.style.height = `${height * zoom}px`;
      canvas.dataset.unit = String(unit + 1);
      canvas.title = `unit ${unit + 1}`;
      return canvas;
    });
    this.tiles.replaceChildren(...this.canvases);
  }
}

export class FirstLayerImages {
  readonly element = element('div', 'first-layer-images');
  private readonly note = element('p', 'figure-note');
  private readonly weights = new ImageGrid('W');
  private readonly gradients = new ImageGrid('dW');

  constructor() {
    this.element.append(this.note, this.weights.element, this.gradients.element);
  }

  draw(message: FirstLayerImagesMessage): void {
    const [height, width] = message.imageShape;
    const shape = `${height}×${width}`;
    this.weights.draw(message.weights, message.units, message.imageShape, `W⁽¹⁾ rows as ${shape} images, after step ${message.step}`);
    this.gradients.draw(message.weightGradient, message.units, message.imageShape,
      message.step === 0 ? '∂L/∂W⁽¹⁾ rows: no step yet' : `∂L/∂W⁽¹⁾ rows, batch of step ${message.step}`);
    setText(this.note, message.units < message.totalUnits
      ? `Showing the first ${message.units} of ${message.totalUnits} units.`
      : `All ${message.totalUnits} units of layer 1.`);
  }
}
