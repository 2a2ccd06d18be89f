/** A one-line progress bar on a terminal's stderr, redrawn at most 10 times a second. */
export class ProgressBar {
  private lastDraw = 0;
  private visible = false;

  constructor(private readonly total: number, private readonly stream: NodeJS.WriteStream = process.stderr) {}

  get enabled(): boolean {
    return this.stream.isTTY === true;
  }

  update(done: number, detail: string): void {
    const now = Date.now();
    if (!this.enabled || now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const width = 30;
    const filled = Math.round((width * done) / Math.max(1, this.total));
    const percent = ((100 * done) / Math.max(1, this.total)).toFixed(0).padStart(3);
    this.stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${percent}% ${detail}\x1b[K`);
    this.visible = true;
  }

  /** Erases the bar so a table row can be printed in its place. */
  clear(): void {
    if (this.visible) this.stream.write('\r\x1b[K');
    this.visible = false;
  }
}
