/**
 * Runs a draw callback at most once per animation frame however often it is requested, which is
 * what coalesces snapshots that arrive faster than the display refreshes. While the webview is
 * hidden the browser pauses animation frames, so nothing is drawn and no ack goes out: the host
 * then stops sending after LIMITS.maxUnacknowledgedSnapshots, which is the back-pressure we want.
 */
export class FrameScheduler {
  private requested = false;

  constructor(private readonly draw: () => void) {}

  request(): void {
    if (this.requested) return;
    this.requested = true;
    requestAnimationFrame(() => {
      this.requested = false;
      this.draw();
    });
  }
}
