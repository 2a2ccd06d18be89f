/**
 * The dump file, `gradient-lens/dump@1`: every quantity of chosen steps, at the run's precision,
 * for comparing with other frameworks. Written incrementally so a long run never holds the whole
 * file in memory. Format (README, "Dump format"):
 * {"format","precision","model","steps":[{"step","loss","input","target","layers":[{"index","units",
 *  "activation","W","b","z","a","delta","dW","db"}]}]}, tensors as {"shape":[…],"data":[row-major]}.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { FloatArray } from '../engine';
import type { Network } from '../engine';
import type { ModelSpec, Precision } from '../model/spec';

export const DUMP_FORMAT = 'gradient-lens/dump@1';

/** Numbers as JSON: f32 values with the 9 significant digits that round-trip a float32; non-finite as null. */
function numbers(values: FloatArray, length: number, precision: Precision): string {
  const parts = new Array<string>(length);
  for (let i = 0; i < length; i++) {
    const v = values[i];
    parts[i] = !Number.isFinite(v) ? 'null' : precision === 'f32' ? String(Number(v.toPrecision(9))) : String(v);
  }
  return parts.join(',');
}

function tensor(shape: readonly number[], values: FloatArray, precision: Precision): string {
  const length = shape.reduce((p, d) => p * d, 1);
  return `{"shape":${JSON.stringify(shape)},"data":[${numbers(values, length, precision)}]}`;
}

/** One step's record, from the network's buffers after the backward pass and before the update. */
export function stepRecord(step: number, loss: number, network: Network<FloatArray>, rows: number, precision: Precision): string {
  const layers = network.layers.map((layer, i) => {
    const fields = [
      `"index":${i + 1}`, `"units":${layer.units}`, `"activation":${JSON.stringify(layer.spec.activation)}`,
      `"W":${tensor([layer.units, layer.inputs], layer.weights, precision)}`,
      `"b":${tensor([layer.units], layer.bias, precision)}`,
      `"z":${tensor([rows, layer.units], layer.z, precision)}`,
      `"a":${tensor([rows, layer.units], layer.a, precision)}`,
      `"delta":${tensor([rows, layer.units], layer.delta, precision)}`,
      `"dW":${tensor([layer.units, layer.inputs], layer.weightGradient, precision)}`,
      `"db":${tensor([layer.units], layer.biasGradient, precision)}`,
    ];
    return `{${fields.join(',')}}`;
  });
  return `{"step":${step},"loss":${Number.isFinite(loss) ? loss : 'null'},` +
    `"input":${tensor([rows, network.inputWidth], network.input, precision)},` +
    `"target":${tensor([rows, network.outputWidth], network.target, precision)},` +
    `"layers":[${layers.join(',')}]}`;
}

/** Streams a dump file: header, then records as they come, then the closing brackets. */
export class DumpWriter {
  private readonly stream: WriteStream;
  private records = 0;

  constructor(path: string, spec: ModelSpec) {
    this.stream = createWriteStream(path, { encoding: 'utf8' });
    this.stream.write(`{"format":"${DUMP_FORMAT}","precision":"${spec.training.precision}","model":${JSON.stringify(spec)},"steps":[`);
  }

  /** Queues a record; awaits the stream draining so memory stays bounded. */
  async add(record: string): Promise<void> {
    const ok = this.stream.write(`${this.records++ > 0 ? ',' : ''}${record}`);
    if (!ok) await once(this.stream, 'drain');
  }

  async close(): Promise<number> {
    this.stream.end(']}');
    await once(this.stream, 'finish');
    return this.records;
  }
}
