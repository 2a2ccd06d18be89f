/**
 * Chart colours from the VS Code theme variables (`--vscode-charts-*`, `--vscode-foreground`),
 * read when a chart is created and again whenever VS Code switches the theme (it rewrites the
 * body class and the variables). Canvas drawing cannot use `var(...)`, hence the resolved values.
 */
import { formatValue } from '../../src/core/numberFormat';
export const SERIES_COLOUR_NAMES = ['blue', 'orange', 'green', 'purple', 'red', 'yellow'] as const;

const FALLBACK: Record<(typeof SERIES_COLOUR_NAMES)[number] | 'foreground', string> = {
  blue: '#3794ff', orange: '#d18616', green: '#89d185', purple: '#b180d7', red: '#f14c4c', yellow: '#cca700', foreground: '#cccccc',
};

export interface ChartTheme {
  /** Series colours in a fixed order (layer l gets series[(l − 1) mod 6]). */
  readonly series: readonly string[];
  readonly foreground: string;
  /** Grid lines: the foreground, faint. */
  readonly grid: string;
  readonly font: string;
}

function variable(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim()
    || getComputedStyle(document.body).getPropertyValue(name).trim();
  return value === '' ? fallback : value;
}

export function readChartTheme(): ChartTheme {
  const foreground = variable('--vscode-foreground', FALLBACK.foreground);
  return {
    series: SERIES_COLOUR_NAMES.map((name) => variable(`--vscode-charts-${name}`, FALLBACK[name])),
    foreground,
    grid: withAlpha(foreground, 0.15),
    font: variable('--vscode-font-family', 'system-ui, sans-serif'),
  };
}

/** `#rrggbb` (or `#rgb`) with an alpha; other syntaxes are returned unchanged. */
export function withAlpha(colour: string, alpha: number): string {
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(colour);
  const hex = short !== null ? `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}` : colour;
  if (!/^#[0-9a-f]{6}$/i.test(hex)) return colour;
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

/**
 * Tick, grid and title colours of one axis; tick labels in the panel's number format (real minus
 * sign). `includeBounds: false` for step axes fitted to the data: a label at the last step would
 * collide with the nice tick before it ("41 42").
 */
export function axisColours(theme: ChartTheme, title?: string, logarithmic = false, includeBounds = true) {
  return {
    ticks: {
      color: theme.foreground,
      includeBounds,
      maxTicksLimit: logarithmic ? undefined : 6,
      // A log axis labels whole decades only: chart.js would also label 2·10ⁿ, 5·10ⁿ…
      callback: (value: number | string) => {
        const number = Number(value);
        return logarithmic && !Number.isInteger(Math.log10(number)) ? '' : formatValue(number);
      },
    },
    grid: { color: theme.grid },
    border: { color: theme.grid },
    title: { display: title !== undefined, text: title ?? '', color: theme.foreground },
  };
}

/**
 * Calls `onChange` after VS Code switches theme: it rewrites the body class and the variables in
 * the root element's style (which the page's CSP does not restrict, as they come from outside).
 */
export function onThemeChange(onChange: () => void): void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });
}
