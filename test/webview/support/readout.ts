/**
 * Reading what the panel shows: numbers as it prints them, and the cells of its heatmaps under the
 * pointer (the position of a cell, and the tooltip the heatmap shows for it).
 */
import assert from 'node:assert/strict';
import type { PanelPage } from './panelPage';

/** A number as src/core/numberFormat.ts prints it (U+2212 minus, e−n exponents) back to a number. */
export function parseShown(text: string): number {
  return Number(text.replace(/−/g, '-'));
}

/** CSS centre of cell (row, col) of a heatmap canvas, relative to the canvas, or to the page (scrolled into view first). */
export async function cellCentre(panel: PanelPage, selector: string, row: number, col: number, page = false): Promise<{ x: number; y: number }> {
  // The mouse only reaches what is inside the viewport.
  if (page) await panel.page.locator(selector).scrollIntoViewIfNeeded();
  const box = await panel.page.locator(selector).boundingBox();
  assert.ok(box !== null, `${selector} is not visible`);
  const { rows, cols } = await panel.page.$eval(selector, (canvas) => ({ rows: Number((canvas as HTMLElement).dataset.rows), cols: Number((canvas as HTMLElement).dataset.cols) }));
  const x = ((col + 0.5) * box.width) / cols;
  const y = ((row + 0.5) * box.height) / rows;
  return page ? { x: box.x + x, y: box.y + y } : { x, y };
}

/** Moves the pointer over cell (row, col) of a heatmap canvas and returns the tooltip's text. */
export async function hoverCell(panel: PanelPage, selector: string, row: number, col: number): Promise<string> {
  const { x, y } = await cellCentre(panel, selector, row, col, true);
  await panel.page.mouse.move(x, y);
  await panel.page.locator('.tooltip').waitFor({ state: 'visible', timeout: 2000 });
  return (await panel.page.locator('.tooltip').textContent()) ?? '';
}
