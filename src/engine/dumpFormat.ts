/**
 * The dump file format, `gradient-lens/dump@1`: every quantity of chosen steps, at the run's
 * precision, for comparing with other frameworks. One serializer for everyone who writes it: the
 * CLI's `train --dump` (streamed, many steps) and the extension's "Export Snapshot" (one step,
 * serialized in the worker). Format (README, "Dump format"):
 * {"format","precision","model","steps":[{"step","loss","input","target","layers":[{"index","units",
 *  "activation","W","b","z","a","delta","dW","db"}]}]}, tensors as {"shape":[…],"data":[row-major]}.
 */
import type { FloatArray } from './kernels/kernels';
import type { Network } from './network';
import type { ModelSpec, Precision } from '../core/spec';

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

/**
 * One step's record, from the network's buffers after the backward pass and before the update.
 * `step` is 0-based: the record of the k-th batch trained on has step k − 1.
 */
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

/** What a dump file starts with; records follow, comma-separated, then `DUMP_END`. */
export function dumpHead(spec: ModelSpec): string {
  return `{"format":"${DUMP_FORMAT}","precision":"${spec.training.precision}","model":${JSON.stringify(spec)},"steps":[`;
}

export const DUMP_END = ']}';

/** A whole dump file of the given step records. */
export function dumpFile(spec: ModelSpec, records: readonly string[]): string {
  return `${dumpHead(spec)}${records.join(',')}${DUMP_END}`;
}

/** A tensor of a parsed dump: row-major `data`, null where the value was NaN or ±Infinity. */
export interface DumpTensor {
  readonly shape: readonly number[];
  readonly data: readonly (number | null)[];
}

/** Quantities of one layer in a step record, in the order `stepRecord` writes them. */
export const DUMP_LAYER_QUANTITIES = ['W', 'b', 'z', 'a', 'delta', 'dW', 'db'] as const;

/** One layer of a parsed step record. */
export type DumpLayerRecord = { readonly index: number; readonly units: number; readonly activation: string } &
  Readonly<Record<(typeof DUMP_LAYER_QUANTITIES)[number], DumpTensor>>;

/** One element of a parsed dump's `steps`. */
export interface DumpStepRecord {
  readonly step: number;
  readonly loss: number | null;
  readonly input: DumpTensor;
  readonly target: DumpTensor;
  readonly layers: readonly DumpLayerRecord[];
}
