/**
 * Writes dump files (`gradient-lens/dump@1`, serialized by engine/dumpFormat.ts) incrementally,
 * so a long run never holds the whole file in memory.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { DUMP_END, dumpHead } from '../engine/dumpFormat';
import type { ModelSpec } from '../core/spec';

/** Streams a dump file: header, then records as they come, then the closing brackets. */
export class DumpWriter {
  private readonly stream: WriteStream;
  private records = 0;

  constructor(path: string, spec: ModelSpec) {
    this.stream = createWriteStream(path, { encoding: 'utf8' });
    this.stream.write(dumpHead(spec));
  }

  /** Queues a record; awaits the stream draining so memory stays bounded. */
  async add(record: string): Promise<void> {
    const ok = this.stream.write(`${this.records++ > 0 ? ',' : ''}${record}`);
    if (!ok) await once(this.stream, 'drain');
  }

  async close(): Promise<number> {
    this.stream.end(DUMP_END);
    await once(this.stream, 'finish');
    return this.records;
  }
}
