/**
 * Colours of classes in the input-space view: Tableau 10, whose hues stay apart on light, dark
 * and high-contrast backgrounds and under the common colour-vision deficiencies; class 0 blue and
 * class 1 orange, the ends of the diverging heatmap map. More than ten classes repeat colours.
 */
import type { Rgb } from '../colormaps';

const TABLEAU_10: readonly Rgb[] = [
  [0x4e, 0x79, 0xa7], [0xf2, 0x8e, 0x2b], [0x59, 0xa1, 0x4f], [0xe1, 0x57, 0x59], [0xb0, 0x7a, 0xa1],
  [0x76, 0xb7, 0xb2], [0xed, 0xc9, 0x48], [0xff, 0x9d, 0xa7], [0x9c, 0x75, 0x5f], [0xba, 0xb0, 0xac],
];

export function classColor(label: number): Rgb {
  return TABLEAU_10[((label % TABLEAU_10.length) + TABLEAU_10.length) % TABLEAU_10.length];
}

export function cssColor([r, g, b]: Rgb, alpha = 1): string {
  return alpha === 1 ? `rgb(${r}, ${g}, ${b})` : `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

/**
 * The predicted class of one output row and how sure the network is, 0 (chance) … 1 (certain):
 * one output is P(class 1) against 0.5; several are scored by their largest (argmax).
 */
export function predictedClass(outputs: Float32Array, base: number, width: number): { label: number; certainty: number } {
  if (width === 1) {
    const p = outputs[base];
    return { label: p >= 0.5 ? 1 : 0, certainty: clamp01(Math.abs(p - 0.5) * 2) };
  }
  let label = 0;
  for (let j = 1; j < width; j++) if (outputs[base + j] > outputs[base + label]) label = j;
  const chance = 1 / width;
  return { label, certainty: clamp01((outputs[base + label] - chance) / (1 - chance)) };
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.max(0, Math.min(1, value)) : 0;
}
