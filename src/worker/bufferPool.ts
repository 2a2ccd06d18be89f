/**
 * Snapshot tensor buffers the host has finished with, filled again by later snapshots. Tensors
 * are transferred (so detached here) when a snapshot is posted; allocating ~2 MB of fresh zeroed
 * memory 30 times a second, and the host's thread freeing it, cost a 784-256-128-10 net more
 * throughput than the copying itself. The host hands each snapshot's buffers back once a newer one replaces it.
 */
export class BufferPool {
  private readonly free = new Map<number, ArrayBuffer[]>();
  private bytes = 0;

  /**
   * `perSize`: buffers kept of one byte length (a snapshot in flight, one drawn, one being
   * filled, one spare); `maxBytes`: all of them together. Buffers beyond either are let go.
   */
  constructor(private readonly perSize = 4, private readonly maxBytes = 128 * 2 ** 20) {}

  /**
   * `length` floats, recycled when a buffer of that size is free. Its contents are stale: the
   * capture that fills it writes every element.
   */
  take(length: number): Float32Array {
    const buffer = this.free.get(length * Float32Array.BYTES_PER_ELEMENT)?.pop();
    if (buffer === undefined) return new Float32Array(length);
    this.bytes -= buffer.byteLength;
    return new Float32Array(buffer);
  }

  /** Buffers handed back; anything that is not a live ArrayBuffer of whole floats is ignored. */
  give(buffers: readonly unknown[]): void {
    for (const buffer of buffers) {
      if (!(buffer instanceof ArrayBuffer) || buffer.byteLength === 0 || buffer.byteLength % Float32Array.BYTES_PER_ELEMENT !== 0) continue;
      if (this.bytes + buffer.byteLength > this.maxBytes) continue;
      let list = this.free.get(buffer.byteLength);
      if (list === undefined) this.free.set(buffer.byteLength, (list = []));
      if (list.length >= this.perSize || list.includes(buffer)) continue;
      list.push(buffer);
      this.bytes += buffer.byteLength;
    }
  }

  /** Bytes waiting to be reused. */
  get pooledBytes(): number {
    return this.bytes;
  }

  clear(): void {
    this.free.clear();
    this.bytes = 0;
  }
}
