/**
 * The panel's export buttons: the snapshot (JSON or CSV), the gradient-norm history (CSV) and a
 * PNG of the whole panel in the panel's top bar, and a PNG button on every layer card. PNGs are
 * rendered here (imageExport.ts) and sent as `exportImage`; the host asks where to save them.
 */
import { MAX_PNG_DATA_URL_LENGTH, toSafeImageName } from '../src/protocol/pngImage';
import { controlButton } from './controls';
import { element } from './dom';
import type { VscodeButton } from './elements';
import { renderElementPng } from './imageExport';
import type { PostToHost } from './vscodeApi';

export class ExportButtons {
  readonly element = element('div', 'export-buttons');

  /** `panelRoot` is what the panel PNG shows; `modelName` names the files; `failed` shows a problem. */
  constructor(private readonly post: PostToHost, private readonly panelRoot: HTMLElement, private readonly modelName: () => string, private readonly failed: (message: string) => void) {
    this.element.dataset.exportSkip = '';
    this.element.append(
      exportButton('snapshot', 'Export…', 'Export the snapshot as JSON or CSV', () => post({ type: 'exportData', kind: 'snapshot' })),
      exportButton('norm-history', 'Norms CSV…', 'Export the gradient-norm history as CSV', () => post({ type: 'exportData', kind: 'normHistory' })),
      exportButton('panel-png', 'PNG…', 'Save the whole panel as a PNG image', () => this.sendImage(this.panelRoot, 'panel')),
    );
  }

  /** A PNG button for a layer card's header. */
  cardButton(card: HTMLElement, layer: number): VscodeButton {
    return exportButton('card-png', 'PNG…', `Save layer ${layer} as a PNG image`, () => this.sendImage(card, `layer${layer}`));
  }

  private sendImage(root: HTMLElement, what: string): void {
    try {
      const image = renderElementPng(root);
      // The host refuses larger images; say so here instead of posting one that would be dropped.
      if (image.dataUrl.length > MAX_PNG_DATA_URL_LENGTH) return this.failed(`The ${what} image is too large to export (${image.width}×${image.height} px).`);
      this.post({ type: 'exportImage', name: toSafeImageName(`${this.modelName()}-${what}`), dataUrl: image.dataUrl });
    } catch (error) {
      this.failed(`Could not render the ${what} image: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

function exportButton(id: string, text: string, label: string, onClick: () => void): VscodeButton {
  const button = controlButton(text, label);
  button.secondary = true;
  button.dataset.export = id;
  button.addEventListener('click', onClick);
  return button;
}
