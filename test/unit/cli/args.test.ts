import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCommandLine, UsageError } from '../../../src/cli/args';

test('train with every option', () => {
  const command = parseCommandLine(['train', 'm.nn.json', '--steps', '50', '--seed', '7', '--precision', 'f64', '--dump', 'out.json', '--dump-steps', '5,0,1,5', '--json']);
  assert.deepEqual(command, {
    kind: 'train', model: 'm.nn.json', steps: 50, epochs: undefined, seed: 7, precision: 'f64',
    dump: 'out.json', dumpSteps: [0, 1, 5], dumpEvery: undefined, json: true,
  });
});

test('--dump alone dumps the first step (steps count from 0)', () => {
  const command = parseCommandLine(['train', 'm.nn.json', '--dump', 'd.json']);
  assert.equal(command.kind, 'train');
  assert.deepEqual(command.kind === 'train' && command.dumpSteps, [0]);
});

test('check and gradcheck', () => {
  assert.deepEqual(parseCommandLine(['check', 'a.nn.json']), { kind: 'check', model: 'a.nn.json' });
  assert.deepEqual(parseCommandLine(['gradcheck', 'a.nn.json', '--precision', 'f32']), { kind: 'gradcheck', model: 'a.nn.json', precision: 'f32', seed: undefined });
});

const mistakes: [string[], RegExp][] = [
  [[], /no command/],
  [['fly', 'm'], /unknown command 'fly'/],
  [['train'], /needs a model file/],
  [['train', 'm', 'n'], /unexpected argument 'n'/],
  [['train', 'm', '--steps', '-3'], /--steps' argument is ambiguous/],
  [['train', 'm', '--steps=-3'], /--steps takes a whole number/],
  [['train', 'm', '--steps', '1.5'], /--steps takes a whole number/],
  [['train', 'm', '--steps', '0'], /≥ 1/],
  [['train', 'm', '--steps', '3', '--epochs', '2'], /not both/],
  [['train', 'm', '--precision', 'f16'], /f32 or f64, got 'f16'/],
  [['train', 'm', '--dump-every', '2'], /need --dump FILE/],
  [['train', 'm', '--dump', 'x', '--dump-steps', '1,a'], /--dump-steps takes a whole number/],
  [['check', 'm', '--steps', '3'], /belongs to 'train'/],
  [['train', 'm', '--bogus'], /Unknown option '--bogus'/],
];
for (const [argv, message] of mistakes) {
  test(`usage error: ${argv.join(' ') || '(nothing)'}`, () => {
    assert.throws(() => parseCommandLine(argv), (error: unknown) => error instanceof UsageError && message.test(error.message));
  });
}
