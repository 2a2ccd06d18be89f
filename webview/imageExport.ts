/**
 * Renders part of the panel (a layer card, or the whole panel) into one PNG by composing what is on
 * screen: every visible <canvas> (heatmaps, charts) drawn at its place, and every visible text
 * node drawn with its computed font and colour, over the theme's background. No DOM-to-image
 * library: those inline styles or load SVG/foreignObject images, which the panel's CSP forbids.
 */
import { EXPORT_LIMITS } from '../src/core/limits';

/** Text inside these is not drawn: buttons, fields and their labels are not part of the picture. */
// KaTeX's hidden MathML copy (for screen readers) is clipped to 1 px but its text rects are not: skip it too.
const SKIPPED_TEXT = 'button, vscode-button, vscode-textfield, vscode-single-select, vscode-checkbox, .controls, .view-controls, [data-export-skip], .katex-mathml';

export interface RenderedImage {
  readonly dataUrl: string;
  /** Pixels: the element's CSS size times the device pixel ratio (less if that exceeds EXPORT_LIMITS.maxImageSide). */
  readonly width: number;
  readonly height: number;
}

export function renderElementPng(root: HTMLElement): RenderedImage {
  const bounds = root.getBoundingClientRect();
  const cssWidth = Math.max(1, bounds.width);
  const cssHeight = Math.max(1, bounds.height);
  const scale = Math.min(window.devicePixelRatio || 1, EXPORT_LIMITS.maxImageSide / cssWidth, EXPORT_LIMITS.maxImageSide / cssHeight);
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(cssWidth * scale));
  canvas.height = Math.max(1, Math.round(cssHeight * scale));
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas context');
  context.scale(scale, scale);
  context.fillStyle = backgroundOf(root);
  context.fillRect(0, 0, cssWidth, cssHeight);
  drawCanvases(context, root, bounds);
  drawTexts(context, root, bounds);
  return { dataUrl: canvas.toDataURL('image/png'), width: canvas.width, height: canvas.height };
}

/** The first opaque background from the element up (the page's theme colour in the end). */
function backgroundOf(element: HTMLElement): string {
  for (let node: HTMLElement | null = element; node; node = node.parentElement) {
    const color = getComputedStyle(node).backgroundColor;
    if (color !== '' && color !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(color)) return color;
  }
  return '#ffffff';
}

function isShown(element: Element, rect: DOMRect): boolean {
  return rect.width > 0 && rect.height > 0 && element.closest('[hidden]') === null && getComputedStyle(element).visibility !== 'hidden';
}

function drawCanvases(context: CanvasRenderingContext2D, root: HTMLElement, bounds: DOMRect): void {
  for (const source of root.querySelectorAll('canvas')) {
    const rect = source.getBoundingClientRect();
    if (!isShown(source, rect) || source.width === 0 || source.height === 0) continue;
    // Heatmaps are drawn one pixel per cell and scaled up by CSS: keep their cells sharp.
    context.imageSmoothingEnabled = source.width >= rect.width;
    context.drawImage(source, rect.left - bounds.left, rect.top - bounds.top, rect.width, rect.height);
  }
}

function drawTexts(context: CanvasRenderingContext2D, root: HTMLElement, bounds: DOMRect): void {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  context.textBaseline = 'top';
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    const text = node.textContent?.trim() ?? '';
    if (!parent || text === '' || parent.closest(SKIPPED_TEXT) || parent.closest('canvas')) continue;
    range.selectNodeContents(node);
    const rect = range.getBoundingClientRect();
    if (!isShown(parent, rect)) continue;
    const style = getComputedStyle(parent);
    context.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    context.fillStyle = style.color;
    // Wrapped text is drawn on one line, clipped to its box's width.
    context.fillText(text, rect.left - bounds.left, rect.top - bounds.top, Math.max(rect.width, 1));
  }
}
