/**
 * TeX to KaTeX DOM, under the panel's strict CSP (style-src is the webview origin only, no
 * 'unsafe-inline').
 *
 * Why `katex.render` and never `renderToString` + innerHTML: KaTeX's HTML output positions glyphs
 * with inline `style` attributes (heights, vertical-align, struts). Parsed from an HTML string
 * those are inline styles, which this CSP blocks (and reports). `render` builds the same tree with
 * `document.createElement` and assigns `node.style` through the CSSOM, which style-src does not
 * govern, so the layout KaTeX computed survives with the CSP kept strict.
 *
 * Why 'htmlAndMathml' rather than 'mathml' alone: Chromium's native MathML depends on a system
 * math font (none on a bare Linux box, where fractions and primes came out misaligned in the
 * panel's screenshots), while KaTeX's HTML uses its own fonts shipped from the webview's resource
 * root (dist/katex/, woff2 only) and looks the same everywhere. The hidden MathML copy is what
 * screen readers read.
 *
 * Rendering costs ~0.1–1 ms per expression, so callers render when a layout (a shape) changes,
 * never per snapshot.
 */
import katex from 'katex';

export function renderMath(target: HTMLElement, tex: string): void {
  // throwOnError: the TeX is ours, so a parse error is a bug the tests must see, not red text.
  katex.render(tex, target, { output: 'htmlAndMathml', throwOnError: true, strict: 'error', trust: false });
}
