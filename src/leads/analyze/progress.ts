/** A progress bar on a terminal; a line every 10% when stderr is a file or a pipe. */
export class Progress {
  private lastDraw = 0;
  private lastTenth = -1;

  constructor(
    private readonly out: NodeJS.WritableStream & { isTTY?: boolean },
    private readonly totalBytes: number,
  ) {}

  update(bytes: number, adverts: number): void {
    const share = this.totalBytes > 0 ? Math.min(1, bytes / this.totalBytes) : 1;
    if (this.out.isTTY) {
      const now = Date.now();
      if (now - this.lastDraw < 100 && share < 1) return;
      this.lastDraw = now;
      const filled = Math.round(share * 30);
      this.out.write(
        `\r[${'#'.repeat(filled)}${'.'.repeat(30 - filled)}] ${(share * 100).toFixed(0).padStart(3)}%  ${adverts.toLocaleString('en-US')} adverts`,
      );
      return;
    }
    const tenth = Math.floor(share * 10);
    if (tenth > this.lastTenth) {
      this.lastTenth = tenth;
      this.out.write(`${tenth * 10}% read, ${adverts.toLocaleString('en-US')} adverts\n`);
    }
  }

  done(): void {
    if (this.out.isTTY) this.out.write('\n');
  }
}
