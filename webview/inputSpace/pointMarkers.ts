/**
 * The data drawn over a prediction: training samples as filled dots, validation samples as rings,
 * so the two splits stay apart on any background. One function for the plane and the line plot.
 */
const RADIUS = 3.5;

/** Draws one marker at canvas pixel (x, y) in `fill`; `validation` draws a ring instead of a dot. */
export function drawMarker(context: CanvasRenderingContext2D, x: number, y: number, fill: string, validation: boolean): void {
  context.beginPath();
  context.arc(x, y, RADIUS, 0, 2 * Math.PI);
  if (validation) {
    context.lineWidth = 2;
    context.strokeStyle = fill;
    context.stroke();
    context.beginPath();
    context.arc(x, y, RADIUS + 1.5, 0, 2 * Math.PI);
    context.lineWidth = 1;
    context.strokeStyle = 'rgba(0, 0, 0, 0.55)';
    context.stroke();
    return;
  }
  context.fillStyle = fill;
  context.fill();
  context.lineWidth = 1;
  context.strokeStyle = 'rgba(0, 0, 0, 0.55)';
  context.stroke();
}
