/**
 * Colour look-up tables for the heatmaps: 256 entries packed as Uint32 pixels in the byte order
 * of ImageData, so the renderer writes one 32-bit word per cell instead of four bytes.
 *
 * Both maps must read on light, dark and high-contrast editor backgrounds alike, so neither ends
 * near white or black:
 * - diverging (signed quantities: δ, ∂L/∂W): blue (negative) – grey (zero) – orange (positive) at
 *   one OKLab lightness, chroma growing with |value|. Equal lightness keeps +x and −x equally
 *   prominent, zero is a plain mid grey on any background, and blue/orange stay distinct under
 *   the common colour-vision deficiencies.
 * - sequential (non-negative quantities, e.g. ReLU or sigmoid activations): viridis.
 */

export type ColormapName = 'diverging' | 'sequential';

/** An RGB triple, 0–255 per channel. */
export type Rgb = readonly [number, number, number];

/** Index of the exact neutral (zero) entry of the diverging LUT: entries 1..127 are negative, 129..255 positive. */
export const DIVERGING_ZERO_INDEX = 128;
/** Steps on each side of zero: value v of a scale ±m maps to 128 + round(127·v/m). */
export const DIVERGING_HALF_STEPS = 127;

/** Shared by both maps for NaN/±Inf cells: a colour neither map contains, so a non-finite value never passes as a number. */
export const NON_FINITE_RGB: Rgb = [255, 0, 255];

const DIVERGING_LIGHTNESS = 0.62;
const DIVERGING_MAX_CHROMA = 0.17;
const NEGATIVE_HUE_DEGREES = 250;
const POSITIVE_HUE_DEGREES = 52;

const VIRIDIS_STOPS: readonly Rgb[] = [
  [0x44, 0x01, 0x54], [0x48, 0x28, 0x78], [0x3e, 0x49, 0x89], [0x31, 0x68, 0x8e], [0x26, 0x82, 0x8e],
  [0x1f, 0x9e, 0x89], [0x35, 0xb7, 0x79], [0x6e, 0xce, 0x58], [0xb5, 0xde, 0x2b], [0xfd, 0xe7, 0x25],
];

// ImageData is RGBA in memory; a Uint32Array view reads those bytes in the platform's order.
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** One opaque pixel as the Uint32 a Uint32Array view over ImageData.data expects. */
export function packPixel([r, g, b]: Rgb): number {
  return LITTLE_ENDIAN ? ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0 : ((r << 24) | (g << 16) | (b << 8) | 255) >>> 0;
}

export const NON_FINITE_PIXEL = packPixel(NON_FINITE_RGB);

/** The RGB of entry `index` of a map (for legends and tests). */
export function colormapRgb(name: ColormapName, index: number): Rgb {
  return name === 'diverging' ? divergingRgb(index) : sequentialRgb(index);
}

function divergingRgb(index: number): Rgb {
  const t = Math.max(-1, Math.min(1, (index - DIVERGING_ZERO_INDEX) / DIVERGING_HALF_STEPS));
  const hue = ((t < 0 ? NEGATIVE_HUE_DEGREES : POSITIVE_HUE_DEGREES) * Math.PI) / 180;
  const chroma = DIVERGING_MAX_CHROMA * Math.abs(t);
  return oklabToSrgb(DIVERGING_LIGHTNESS, chroma * Math.cos(hue), chroma * Math.sin(hue));
}

function sequentialRgb(index: number): Rgb {
  const position = (index / 255) * (VIRIDIS_STOPS.length - 1);
  const lower = Math.min(Math.floor(position), VIRIDIS_STOPS.length - 2);
  const fraction = position - lower;
  const [from, to] = [VIRIDIS_STOPS[lower], VIRIDIS_STOPS[lower + 1]];
  return [0, 1, 2].map((c) => Math.round(from[c] + (to[c] - from[c]) * fraction)) as unknown as Rgb;
}

/** Björn Ottosson's OKLab → linear sRGB, then the sRGB transfer curve, clamped to the gamut. */
function oklabToSrgb(lightness: number, a: number, b: number): Rgb {
  const l = (lightness + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m = (lightness - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s = (lightness - 0.0894841775 * a - 1.291485548 * b) ** 3;
  const linear = [
    4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
    -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
    -0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s,
  ];
  return linear.map((channel) => {
    const clamped = Math.max(0, Math.min(1, channel));
    const encoded = clamped <= 0.0031308 ? 12.92 * clamped : 1.055 * clamped ** (1 / 2.4) - 0.055;
    return Math.round(encoded * 255);
  }) as unknown as Rgb;
}

const lutCache = new Map<ColormapName, Uint32Array>();

/** The 256-entry packed LUT of a map, built once. */
export function colormapLut(name: ColormapName): Uint32Array {
  let lut = lutCache.get(name);
  if (lut === undefined) {
    lut = new Uint32Array(256);
    for (let i = 0; i < 256; i++) lut[i] = packPixel(colormapRgb(name, i));
    lutCache.set(name, lut);
  }
  return lut;
}
