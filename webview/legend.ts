/**
 * A heatmap's key: the colour bar of its map and the numeric range it spans. Diverging scales
 * are symmetric, so the legend reads `−m · 0 · +m`; sequential ones read `min · max`.
 */
import { colormapLut } from './colormaps';
import { element, setHidden, setText } from './dom';
import { formatValue } from '../src/core/numberFormat';
import type { ColorScale } from './scale';

export class Legend {
  readonly element = element('div', 'legend');
  private readonly bar = element('canvas', 'legend-bar');
  private readonly minLabel = element('span', 'legend-min');
  private readonly midLabel = element('span', 'legend-mid', '0');
  private readonly maxLabel = element('span', 'legend-max');
  private drawnColormap: ColorScale['colormap'] | undefined;

  constructor() {
    this.bar.width = 256;
    this.bar.height = 1;
    const labels = element('div', 'legend-labels');
    labels.append(this.minLabel, this.midLabel, this.maxLabel);
    this.element.append(this.bar, labels);
    this.element.hidden = true;
  }

  update(scale: ColorScale): void {
    setHidden(this.element, false);
    if (scale.colormap !== this.drawnColormap) {
      this.drawBar(scale.colormap);
      this.drawnColormap = scale.colormap;
    }
    const diverging = scale.colormap === 'diverging';
    setText(this.minLabel, formatValue(scale.min));
    setText(this.maxLabel, (diverging ? '+' : '') + formatValue(scale.max));
    setHidden(this.midLabel, !diverging);
    this.element.dataset.colormap = scale.colormap;
  }

  private drawBar(colormap: ColorScale['colormap']): void {
    const image = new ImageData(256, 1);
    new Uint32Array(image.data.buffer).set(colormapLut(colormap));
    (this.bar.getContext('2d') as CanvasRenderingContext2D).putImageData(image, 0, 0);
  }
}
