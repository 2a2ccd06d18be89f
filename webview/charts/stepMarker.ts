/**
 * A vertical line across a step chart at the step the timeline shows, so the loss and norm curves
 * point at the moment the layer cards are showing. A chart.js plugin registered once (chartSetup.ts)
 * that draws only on the charts given a marker here; the marker lives outside the chart's options,
 * so setting it never rebuilds the configuration.
 */
import type { Chart, Plugin } from 'chart.js';

interface Marker {
  readonly step: number;
  readonly colour: string;
  /** Where it was last drawn, in canvas CSS pixels (for tests); undefined until drawn or off-axis. */
  x?: number;
}

const markers = new WeakMap<Chart, Marker>();

export const StepMarker: Plugin = {
  id: 'gradientLensStepMarker',
  afterDatasetsDraw(chart) {
    const marker = markers.get(chart);
    if (marker === undefined) return;
    const x = chart.scales.x?.getPixelForValue(marker.step);
    const { left, right, top, bottom } = chart.chartArea;
    marker.x = x !== undefined && x >= left && x <= right ? x : undefined;
    if (marker.x === undefined) return;
    const context = chart.ctx;
    context.save();
    context.strokeStyle = marker.colour;
    context.lineWidth = 2;
    context.beginPath();
    // Half a pixel off so a 2-px line covers whole device pixels at scale 1.
    context.moveTo(Math.round(marker.x), top);
    context.lineTo(Math.round(marker.x), bottom);
    context.stroke();
    context.restore();
  },
};

/**
 * Shows a marker at `step` (undefined removes it) from the chart's next render; returns whether it
 * changed, i.e. whether the chart needs one (the caller asks the panel's ChartPacer for it: chart
 * renders are the costly part).
 */
export function setStepMarker(chart: Chart, step: number | undefined, colour: string): boolean {
  const current = markers.get(chart);
  if (step === undefined ? current === undefined : current?.step === step && current.colour === colour) return false;
  if (step === undefined) markers.delete(chart);
  else markers.set(chart, { step, colour });
  return true;
}

/** The marker's step and drawn x (canvas CSS pixels), for the test hooks. */
export function stepMarkerOf(chart: Chart): { step: number; x: number | undefined } | undefined {
  const marker = markers.get(chart);
  return marker === undefined ? undefined : { step: marker.step, x: marker.x };
}
