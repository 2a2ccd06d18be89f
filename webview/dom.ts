/**
 * Tiny DOM helpers. The webview's CSP has no 'unsafe-inline', so nothing here ever writes a
 * `style` attribute or HTML strings: elements get classes, and positions go through the CSSOM.
 */

/** A new element with a class list and optional text. */
export function element<K extends keyof HTMLElementTagNameMap>(tag: K, className = '', text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className !== '') node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Sets text only when it differs, so unchanged labels cause no layout or repaint. */
export function setText(node: Node, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}

/** Toggles `hidden` only when it differs. */
export function setHidden(node: HTMLElement, hidden: boolean): void {
  if (node.hidden !== hidden) node.hidden = hidden;
}
