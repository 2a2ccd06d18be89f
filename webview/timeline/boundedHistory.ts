/**
 * A ring buffer of items with their estimated sizes, oldest first, bounded twice: at most
 * `maxItems` items and at most `maxBytes` bytes in total. Pushing evicts the oldest items until
 * both bounds hold again, except that the newest item always stays (it is the one on screen), so
 * memory never exceeds max(maxBytes, one item) however long a run lasts.
 */

export interface HistoryBounds {
  /** Items kept, ≥ 1. */
  readonly maxItems: number;
  /** Sum of the kept items' estimated bytes, > 0. */
  readonly maxBytes: number;
}

export class BoundedHistory<T> {
  private slots: (T | undefined)[];
  private sizes: Float64Array;
  /** Slot of the oldest item. */
  private head = 0;
  private count = 0;
  private bytes = 0;

  constructor(private bounds: HistoryBounds) {
    checkBounds(bounds);
    this.slots = new Array<T | undefined>(bounds.maxItems);
    this.sizes = new Float64Array(bounds.maxItems);
  }

  get length(): number {
    return this.count;
  }

  /** Estimated bytes of the kept items. */
  get totalBytes(): number {
    return this.bytes;
  }

  /** The `index`-th kept item, 0 being the oldest. */
  at(index: number): T {
    if (!Number.isInteger(index) || index < 0 || index >= this.count) throw new RangeError(`history index ${index} outside [0, ${this.count})`);
    return this.slots[(this.head + index) % this.slots.length] as T;
  }

  get newest(): T | undefined {
    return this.count === 0 ? undefined : this.at(this.count - 1);
  }

  /** Adds `item` of `bytes` estimated bytes as the newest, evicting the oldest beyond either bound. */
  push(item: T, bytes: number): void {
    if (this.count === this.slots.length) this.evictOldest();
    const slot = (this.head + this.count) % this.slots.length;
    this.slots[slot] = item;
    this.sizes[slot] = bytes;
    this.count++;
    this.bytes += bytes;
    while (this.count > 1 && this.bytes > this.bounds.maxBytes) this.evictOldest();
  }

  /** New bounds; the oldest items beyond them are evicted at once. */
  setBounds(bounds: HistoryBounds): void {
    checkBounds(bounds);
    const kept = Array.from({ length: this.count }, (_, i) => [this.at(i), this.sizes[(this.head + i) % this.slots.length]] as const);
    this.bounds = bounds;
    this.slots = new Array<T | undefined>(bounds.maxItems);
    this.sizes = new Float64Array(bounds.maxItems);
    this.head = 0;
    this.count = 0;
    this.bytes = 0;
    for (const [item, bytes] of kept) this.push(item, bytes);
  }

  clear(): void {
    this.slots.fill(undefined);
    this.head = 0;
    this.count = 0;
    this.bytes = 0;
  }

  private evictOldest(): void {
    this.bytes -= this.sizes[this.head];
    // Drop the reference, so the evicted snapshot's tensors can be collected.
    this.slots[this.head] = undefined;
    this.head = (this.head + 1) % this.slots.length;
    this.count--;
  }
}

function checkBounds({ maxItems, maxBytes }: HistoryBounds): void {
  if (!(Number.isInteger(maxItems) && maxItems >= 1 && maxBytes > 0)) throw new RangeError(`history bounds must be ≥ 1 item and > 0 bytes, got ${maxItems}, ${maxBytes}`);
}
