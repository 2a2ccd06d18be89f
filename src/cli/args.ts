import { parseArgs } from 'node:util';
import type { Precision } from '../core/spec';

export const USAGE = `Usage:
  gradient-lens check MODEL
  gradient-lens train MODEL [--steps N | --epochs N] [--seed S] [--precision f32|f64]
                            [--dump FILE] [--dump-steps 0,1,5 | --dump-every K] [--json]
  gradient-lens gradcheck MODEL [--precision f32|f64] [--seed S]
  gradient-lens --help | --version

Steps are counted from 0: --dump-steps 0 dumps the first batch.`;

export type CliCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'check'; readonly model: string }
  | {
      readonly kind: 'train';
      readonly model: string;
      /** Stop after this many batches, or after `epochs` (from the flag or the model file). */
      readonly steps?: number;
      readonly epochs?: number;
      readonly seed?: number;
      readonly precision?: Precision;
      readonly dump?: string;
      /** Which steps to dump: an explicit list, or every K-th step (0, K, 2K, …). */
      readonly dumpSteps?: readonly number[];
      readonly dumpEvery?: number;
      readonly json: boolean;
    }
  | { readonly kind: 'gradcheck'; readonly model: string; readonly precision?: Precision; readonly seed?: number };

/** A mistake on the command line: printed with the usage, exit code 2. */
export class UsageError extends Error {}

function count(name: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min) {
    throw new UsageError(`--${name} takes a whole number ≥ ${min}, got '${text}'`);
  }
  return value;
}

function precision(text: string | undefined): Precision | undefined {
  if (text === undefined || text === 'f32' || text === 'f64') return text;
  throw new UsageError(`--precision takes f32 or f64, got '${text}'`);
}

function stepList(text: string | undefined): number[] | undefined {
  if (text === undefined) return undefined;
  const steps = text.split(',').map((part) => count('dump-steps', part, 0) as number);
  return [...new Set(steps)].sort((a, b) => a - b);
}

/** Parses argv (without `node` and the script) into one command, or throws UsageError. */
export function parseCommandLine(argv: readonly string[]): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
        steps: { type: 'string' },
        epochs: { type: 'string' },
        seed: { type: 'string' },
        precision: { type: 'string' },
        dump: { type: 'string' },
        'dump-steps': { type: 'string' },
        'dump-every': { type: 'string' },
        json: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const [command, model, ...extra] = positionals;
  if (command === undefined) throw new UsageError('no command given');
  if (!['check', 'train', 'gradcheck'].includes(command)) throw new UsageError(`unknown command '${command}'`);
  if (model === undefined) throw new UsageError(`${command} needs a model file`);
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`);

  const trainOnly = ['steps', 'epochs', 'dump', 'dump-steps', 'dump-every', 'json'] as const;
  if (command !== 'train') {
    const misplaced = trainOnly.find((name) => values[name] !== undefined);
    if (misplaced) throw new UsageError(`--${misplaced} belongs to 'train', not '${command}'`);
  }
  if (command === 'check') {
    if (values.seed !== undefined || values.precision !== undefined) throw new UsageError("'check' takes no options");
    return { kind: 'check', model };
  }
  if (command === 'gradcheck') {
    return { kind: 'gradcheck', model, precision: precision(values.precision), seed: count('seed', values.seed, 0) };
  }
  if (values.steps !== undefined && values.epochs !== undefined) throw new UsageError('give --steps or --epochs, not both');
  if (values['dump-steps'] !== undefined && values['dump-every'] !== undefined) throw new UsageError('give --dump-steps or --dump-every, not both');
  const dumpSteps = stepList(values['dump-steps']);
  const dumpEvery = count('dump-every', values['dump-every'], 1);
  if ((dumpSteps || dumpEvery) && values.dump === undefined) throw new UsageError('--dump-steps and --dump-every need --dump FILE');
  return {
    kind: 'train',
    model,
    steps: count('steps', values.steps, 1),
    epochs: count('epochs', values.epochs, 1),
    seed: count('seed', values.seed, 0),
    precision: precision(values.precision),
    dump: values.dump,
    dumpSteps: values.dump !== undefined && !dumpSteps && !dumpEvery ? [0] : dumpSteps,
    dumpEvery,
    json: values.json ?? false,
  };
}
