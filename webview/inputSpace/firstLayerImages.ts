/**
 * The first layer of an image model as images: row i of W⁽¹⁾ (what unit i responds to) and row i
 * of ∂L/∂W⁽¹⁾ (how the last batch pushes it), each reshaped to the input image, on the diverging
 * map with one symmetric scale per quantity across the units shown, so units compare at a glance.
 * Each image is a Heatmap (the cards' renderer), so a pixel's value shows on hover too.
 */
import type { FirstLayerImagesMessage } from '../../src/protocol/inputSpace';
import { element, setText } from '../dom';
import { Heatmap } from '../heatmap';
import { indexLabel, layerTag } from '../../src/core/notation';
import { formatValue } from '../../src/core/numberFormat';
import { scaleFor } from '../scale';
import type { Tooltip } from '../tooltip';

/** Largest edge of one unit's image on screen, in CSS pixels. */
const MAX_IMAGE_EDGE = 48;

class ImageGrid {
  readonly element = element('figure', 'first-layer-grid');
  private readonly caption = element('figcaption');
  private readonly tiles = element('div', 'first-layer-tiles');
  private images: Heatmap[] = [];
  private imageShape: readonly [number, number] = [0, 0];

  constructor(readonly quantity: 'W' | 'dW', private readonly tooltip: Tooltip) {
    this.element.dataset.figure = quantity;
    this.element.append(this.caption, this.tiles);
  }

  draw(rows: Float32Array, units: number, imageShape: readonly [number, number], label: string): void {
    this.resize(units, imageShape);
    const scale = scaleFor(rows, 'diverging');
    setText(this.caption, `${label} · ±${formatValue(scale.max)}`);
    const [height, width] = imageShape;
    const pixelsPerImage = height * width;
    this.images.forEach((image, unit) => image.update(rows.subarray(unit * pixelsPerImage, (unit + 1) * pixelsPerImage), height, width, scale));
  }

  /** One heatmap per unit, one cell per image pixel, each image at most MAX_IMAGE_EDGE px on its longer side. */
  private resize(units: number, imageShape: readonly [number, number]): void {
    const [height, width] = imageShape;
    if (this.images.length === units && this.imageShape[0] === height && this.imageShape[1] === width) return;
    this.imageShape = [height, width];
    const zoom = Math.max(1, Math.floor(MAX_IMAGE_EDGE / Math.max(height, width)));
    const symbol = this.quantity === 'W' ? `W${layerTag(1)}` : `∂L/∂W${layerTag(1)}`;
    this.images = Array.from({ length: units }, (_, unit) => {
      const image = new Heatmap({
        colormap: 'diverging', maxWidth: zoom * width, maxCell: zoom, stripHeight: zoom, maxHeight: zoom * height,
        // The tensor's own indices: row = unit, column = pixel (row-major in the image).
        describe: (row, col, value) => `unit ${unit + 1}: ${symbol}${indexLabel([unit, row * width + col])} = ${formatValue(value)}`,
      }, this.tooltip);
      image.canvas.dataset.unit = String(unit + 1);
      image.canvas.setAttribute('aria-label', `unit ${unit + 1}`);
      return image;
    });
    this.tiles.replaceChildren(...this.images.map((image) => image.canvas));
  }
}

export class FirstLayerImages {
  readonly element = element('div', 'first-layer-images');
  private readonly note = element('p', 'figure-note');
  private readonly weights: ImageGrid;
  private readonly gradients: ImageGrid;

  constructor(tooltip: Tooltip) {
    this.weights = new ImageGrid('W', tooltip);
    this.gradients = new ImageGrid('dW', tooltip);
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
