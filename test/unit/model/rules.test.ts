/**
 * One case per validation rule: a small broken model, the diagnostic code it must produce, the
 * exact token the diagnostic must underline, and words the message must contain (what is wrong
 * and what would be right).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DiagnosticCode, DiagnosticSeverity } from '../../../src/model/diagnostics';
import { parseModel } from '../../../src/model/parse';

interface Parts {
  name?: string; input?: string; layers?: string; loss?: string; data?: string; training?: string; extra?: string;
}
const DEFAULT_LAYERS = '{ "units": 4, "activation": "tanh" }, { "units": 1, "activation": "sigmoid" }';

/** A model file from raw JSON fragments; `layers` is the array's inner text unless it starts with '!'. */
function model(parts: Parts = {}, omit: (keyof Parts)[] = []): string {
  const fragments: string[] = [];
  const add = (key: keyof Parts, json: string, fallback?: string): void => {
    if (omit.includes(key)) return;
    const value = parts[key] ?? fallback;
    if (value !== undefined) fragments.push(`  "${json}": ${value}`);
  };
  add('name', 'name');
  add('input', 'input');
  if (!omit.includes('layers')) {
    const layers = parts.layers ?? DEFAULT_LAYERS;
    fragments.push(`  "layers": ${layers.startsWith('!') ? layers.slice(1) : `[\n    ${layers}\n  ]`}`);
  }
  add('loss', 'loss', '"binary_cross_entropy"');
  add('data', 'data', '{ "source": "xor" }');
  add('training', 'training', '{}');
  if (parts.extra) fragments.push(`  ${parts.extra}`);
  return `{\n${fragments.join(',\n')}\n}\n`;
}

interface RuleCase {
  readonly name: string;
  readonly text: string;
  readonly code: DiagnosticCode;
  readonly severity?: DiagnosticSeverity;
  /** The exact text the diagnostic underlines; `occurrence` picks among repeats (1-based). */
  readonly token: string;
  readonly occurrence?: number;
  readonly message: RegExp[];
}

function nthIndexOf(text: string, token: string, occurrence: number): number {
  let index = -1;
  for (let i = 0; i < occurrence; i++) {
    index = text.indexOf(token, index + 1);
    assert.ok(index >= 0, `token ${token} occurrence ${occurrence} not in the test text`);
  }
  return index;
}

const tooManyLayers = Array.from({ length: 65 }, () => '{ "units": 2, "activation": "tanh" }').join(', ') + ', { "units": 1, "activation": "sigmoid" }';

const CASES: RuleCase[] = [
  { name: 'syntax: missing comma between layers', text: '{ "layers": [ { "units": 4 } { "units": 1 } ], "data": { "source": "xor" } }',
    code: 'syntax', token: '{', occurrence: 3, message: [/Expected ","/] },
  { name: 'syntax: unterminated string', text: '{ "name": "oops }', code: 'syntax', token: '"oops }', message: [/Unterminated string/] },
  { name: 'duplicate key', text: model({ layers: '{ "units": 4, "units": 5 }, { "units": 1, "activation": "sigmoid" }' }),
    code: 'duplicate-key', token: '"units"', occurrence: 2, message: [/appears more than once in layer 1/] },
  { name: 'unknown root key, with a suggestion', text: model({ extra: '"lose": "mse"' }), code: 'unknown-key', severity: 'warning',
    token: '"lose"', message: [/Did you mean "loss"\?/, /Valid keys: .*layers/] },
  { name: 'unknown layer key', text: model({ layers: '{ "units": 4, "activaton": "tanh" }, { "units": 1, "activation": "sigmoid" }' }),
    code: 'unknown-key', severity: 'warning', token: '"activaton"', message: [/layer 1/, /Did you mean "activation"\?/] },
  { name: 'unknown training key (snake_case)', text: model({ training: '{ "learning_rate": 0.1 }' }), code: 'unknown-key', severity: 'warning',
    token: '"learning_rate"', message: [/Did you mean "learningRate"\?/] },
  { name: 'key of another data source', text: model({ data: '{ "source": "xor", "path": "a.csv" }' }), code: 'unknown-key', severity: 'warning',
    token: '"path"', message: [/source "xor"/, /Valid keys: source, samples, noise, classes, seed/] },
  { name: 'learningRate as a string', text: model({ training: '{ "learningRate": "0.01" }' }), code: 'wrong-type',
    token: '"0.01"', message: [/finite number in \(0, 10\]/, /not a string/, /Write 0.01 without quotes/] },
  { name: 'boolean as a string', text: model({ training: '{ "shuffle": "false" }' }), code: 'wrong-type',
    token: '"false"', message: [/true or false/, /Write false without quotes/] },
  { name: 'layers is not an array', text: model({ layers: '!{ "units": 4 }' }), code: 'wrong-type', token: '{ "units": 4 }', message: [/must be an array/] },
  { name: 'a layer is not an object', text: model({ layers: '16, { "units": 1, "activation": "sigmoid" }' }), code: 'wrong-type',
    token: '16', message: [/layer 1 must be an object like \{ "units": 16/] },
  { name: 'missing layers', text: model({}, ['layers']), code: 'missing-key', token: model({}, ['layers']).trimEnd(), message: [/needs "layers"/] },
  { name: 'missing data', text: model({}, ['data']), code: 'missing-key', token: model({}, ['data']).trimEnd(), message: [/needs "data"/, /"source": "xor"/] },
  { name: 'missing units', text: model({ layers: '{ "activation": "tanh" }, { "units": 1, "activation": "sigmoid" }' }), code: 'missing-key',
    token: '{ "activation": "tanh" }', message: [/Layer 1 needs "units"/] },
  { name: 'missing source', text: model({ data: '{ "samples": 100 }' }), code: 'missing-key', token: '{ "samples": 100 }', message: [/needs "source"/, /spirals/] },
  { name: 'csv without path', text: model({ input: '2', loss: '"mse"', layers: '{ "units": 1, "activation": "linear" }', data: '{ "source": "csv", "target": "y" }' }),
    code: 'missing-key', token: '{ "source": "csv", "target": "y" }', message: [/needs "path"/] },
  { name: 'idx without labels', text: model({ loss: '"cross_entropy"', layers: '{ "units": 10 }', data: '{ "source": "idx", "images": "i.gz" }' }),
    code: 'missing-key', token: '{ "source": "idx", "images": "i.gz" }', message: [/needs "labels"/] },
  { name: 'misspelt activation', text: model({ layers: '{ "units": 4, "activation": "rellu" }, { "units": 1, "activation": "sigmoid" }' }),
    code: 'invalid-enum', token: '"rellu"', message: [/Did you mean "relu"\?/, /"linear", "sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu", "softplus" or "softmax"/] },
  { name: 'unknown loss', text: model({ loss: '"hinge"' }), code: 'invalid-enum', token: '"hinge"', message: [/"mse", "binary_cross_entropy" or "cross_entropy"/] },
  { name: 'unknown optimizer', text: model({ training: '{ "optimizer": "rmsprop" }' }), code: 'invalid-enum', token: '"rmsprop"', message: [/"sgd" or "adam"/] },
  { name: 'unknown source', text: model({ data: '{ "source": "mnist" }' }), code: 'invalid-enum', token: '"mnist"', message: [/"xor".*"csv", "idx", "iris" or "digits"/] },
  { name: 'unknown initializer', text: model({ layers: '{ "units": 4, "init": "glorot" }, { "units": 1, "activation": "sigmoid" }' }), code: 'invalid-enum',
    token: '"glorot"', message: [/"xavier_uniform"/, /"he_normal"/] },
  { name: 'unknown precision', text: model({ training: '{ "precision": "f16" }' }), code: 'invalid-enum', token: '"f16"', message: [/"f32" or "f64"/] },
  { name: 'unknown normalize', text: model({ loss: '"cross_entropy"', layers: '{ "units": 3 }', data: '{ "source": "iris", "normalize": "zscore" }' }),
    code: 'invalid-enum', token: '"zscore"', message: [/"none", "standard" or "minmax"/] },
  { name: 'unknown layer type', text: model({ layers: '{ "type": "conv2d", "units": 4 }, { "units": 1, "activation": "sigmoid" }' }),
    code: 'invalid-enum', token: '"conv2d"', message: [/Valid values: "dense"/] },
  { name: 'zero units', text: model({ layers: '{ "units": 0 }, { "units": 1, "activation": "sigmoid" }' }), code: 'out-of-range',
    token: '0', occurrence: 1, message: [/integer in \[1, 65,536\]; got 0/] },
  { name: 'negative units', text: model({ layers: '{ "units": -3 }, { "units": 1, "activation": "sigmoid" }' }), code: 'out-of-range', token: '-3', message: [/got -3/] },
  { name: 'units over LIMITS.maxLayerWidth', text: model({ layers: '{ "units": 70000 }, { "units": 1, "activation": "sigmoid" }' }), code: 'out-of-range',
    token: '70000', message: [/at most 65,536 units per layer \(LIMITS\.maxLayerWidth\)/] },
  { name: 'fractional units', text: model({ layers: '{ "units": 2.5 }, { "units": 1, "activation": "sigmoid" }' }), code: 'not-integer',
    token: '2.5', message: [/2\.5 is not a whole number/] },
  { name: 'learningRate overflowing to Infinity', text: model({ training: '{ "learningRate": 1e999 }' }), code: 'out-of-range',
    token: '1e999', message: [/1e999 overflows to Infinity/, /0\.001 for adam/] },
  { name: 'zero learningRate', text: model({ training: '{ "learningRate": 0 }' }), code: 'out-of-range', token: '0', occurrence: 1, message: [/in \(0, 10\]; got 0/] },
  { name: 'learningRate above the limit', text: model({ training: '{ "learningRate": 50 }' }), code: 'out-of-range', token: '50',
    message: [/in \(0, 10\]; got 50/, /the limit is 10 \(LIMITS\.maxLearningRate\)/] },
  { name: 'negative learningRate', text: model({ training: '{ "learningRate": -0.1 }' }), code: 'out-of-range', token: '-0.1', message: [/got -0\.1/] },
  { name: 'zero batchSize', text: model({ training: '{ "batchSize": 0 }' }), code: 'out-of-range', token: '0', occurrence: 1, message: [/\[1, 8,192\]/] },
  { name: 'batchSize over LIMITS.maxBatchSize', text: model({ training: '{ "batchSize": 10000 }' }), code: 'out-of-range', token: '10000',
    message: [/8,192 samples \(LIMITS\.maxBatchSize\)/] },
  { name: 'fractional batchSize', text: model({ training: '{ "batchSize": 1.5 }' }), code: 'not-integer', token: '1.5', message: [/not a whole number/] },
  { name: 'zero epochs', text: model({ training: '{ "epochs": 0 }' }), code: 'out-of-range', token: '0', occurrence: 1, message: [/\[1, 1,000,000\]/] },
  { name: 'validationSplit above 0.9', text: model({ training: '{ "validationSplit": 0.95 }' }), code: 'out-of-range', token: '0.95', message: [/\[0, 0\.9\]/, /e\.g\. 0\.2/] },
  { name: 'momentum of 1', text: model({ training: '{ "optimizer": "sgd", "momentum": 1 }' }), code: 'out-of-range', token: '1', occurrence: 2, message: [/\[0, 1\)/, /0\.9/] },
  { name: 'beta1 of 1', text: model({ training: '{ "beta1": 1 }' }), code: 'out-of-range', token: '1', occurrence: 3, message: [/\[0, 1\)/] },
  { name: 'zero epsilon', text: model({ training: '{ "epsilon": 0 }' }), code: 'out-of-range', token: '0', occurrence: 1, message: [/> 0/, /1e-8/] },
  { name: 'negative weightDecay', text: model({ training: '{ "weightDecay": -1 }' }), code: 'out-of-range', token: '-1', message: [/≥ 0/] },
  { name: 'negative seed', text: model({ training: '{ "seed": -1 }' }), code: 'out-of-range', token: '-1', message: [/32-bit unsigned/] },
  { name: 'zero input', text: model({ input: '0' }), code: 'out-of-range', token: '0', occurrence: 1, message: [/\[1, 65,536\]/] },
  { name: 'too few synthetic samples', text: model({ data: '{ "source": "xor", "samples": 5 }' }), code: 'out-of-range', token: '5', message: [/\[10, 1,000,000\]/] },
  { name: 'negative noise', text: model({ data: '{ "source": "xor", "noise": -1 }' }), code: 'out-of-range', token: '-1', message: [/≥ 0/] },
  { name: 'too many spiral classes', text: model({ loss: '"cross_entropy"', layers: '{ "units": 11 }', data: '{ "source": "spirals", "classes": 11 }' }),
    code: 'out-of-range', token: '11', occurrence: 2, message: [/2 to 10 classes/] },
  { name: 'zero initRange', text: model({ layers: '{ "units": 4, "init": "uniform", "initRange": 0 }, { "units": 1, "activation": "sigmoid" }' }),
    code: 'out-of-range', token: '0', occurrence: 1, message: [/> 0/] },
  { name: 'zero softplus beta', text: model({ layers: '{ "units": 4, "activation": "softplus", "beta": 0 }, { "units": 1, "activation": "sigmoid" }' }),
    code: 'out-of-range', token: '0', occurrence: 1, message: [/PyTorch uses 1/] },
  { name: 'negative elu alpha', text: model({ layers: '{ "units": 4, "activation": "elu", "alpha": -1 }, { "units": 1, "activation": "sigmoid" }' }),
    code: 'out-of-range', token: '-1', message: [/≥ 0/] },
  { name: 'empty csv path', text: model({ input: '1', loss: '"mse"', layers: '{ "units": 1, "activation": "linear" }', data: '{ "source": "csv", "path": "", "target": "y" }' }),
    code: 'out-of-range', token: '""', message: [/must not be empty/] },
  { name: 'empty features', text: model({ input: '1', loss: '"mse"', layers: '{ "units": 1, "activation": "linear" }', data: '{ "source": "csv", "path": "a.csv", "target": "y", "features": [] }' }),
    code: 'out-of-range', token: '[]', message: [/list at least one column/] },
  { name: 'a feature that is not a name', text: model({ input: '1', loss: '"mse"', layers: '{ "units": 1, "activation": "linear" }', data: '{ "source": "csv", "path": "a.csv", "target": "y", "features": [3] }' }),
    code: 'wrong-type', token: '3', message: [/column name in quotes/] },
  { name: 'a feature listed twice', text: model({ input: '1', loss: '"mse"', layers: '{ "units": 1, "activation": "linear" }', data: '{ "source": "csv", "path": "a.csv", "target": "y", "features": ["x", "x"] }' }),
    code: 'duplicate-key', token: '"x"', occurrence: 2, message: [/listed twice/] },
  { name: 'the target as a feature', text: model({ input: '1', loss: '"mse"', layers: '{ "units": 1, "activation": "linear" }', data: '{ "source": "csv", "path": "a.csv", "target": "y", "features": ["y"] }' }),
    code: 'out-of-range', token: '"y"', occurrence: 2, message: [/is the target/] },
  { name: 'empty layers', text: model({ layers: '![]' }), code: 'empty-layers', token: '[]', message: [/add at least the output layer/] },
  { name: 'more layers than LIMITS.maxLayers', text: model({ layers: tooManyLayers }), code: 'too-many-layers', token: `[\n    ${tooManyLayers}\n  ]`,
    message: [/66 layers/, /at most 64 \(LIMITS\.maxLayers\)/, /Remove 2/] },
  { name: 'more parameters than LIMITS.maxParameters', text: model({ layers: '{ "units": 4000 }, { "units": 4001 }, { "units": 1, "activation": "sigmoid" }' }),
    code: 'too-many-parameters', token: '4001', message: [/16,024,003 parameters/, /at most 10,000,000 \(LIMITS\.maxParameters\)/, /Layer 2 alone has 16,008,001 \(W 4001×4000\)/] },
  { name: 'softmax on a hidden layer', text: model({ layers: '{ "units": 4, "activation": "softmax" }, { "units": 1, "activation": "sigmoid" }' }),
    code: 'softmax-not-last', token: '"softmax"', message: [/only valid on the output layer/, /layer 1 of 2/, /"relu" or "tanh"/] },
  { name: 'softmax over one unit', text: model({ loss: '"mse"', layers: '{ "units": 4 }, { "units": 1, "activation": "softmax" }', data: '{ "source": "sine" }' }),
    code: 'softmax-single-unit', severity: 'warning', token: '1', occurrence: 1, message: [/always outputs 1/, /"sigmoid"/] },
  { name: 'cross_entropy without softmax', text: model({ loss: '"cross_entropy"', layers: '{ "units": 4 }, { "units": 3, "activation": "sigmoid" }', data: '{ "source": "spirals" }' }),
    code: 'loss-output-mismatch', token: '"sigmoid"', message: [/Loss "cross_entropy" needs a "softmax" output layer/, /is "sigmoid"/, /Set it to "softmax"/] },
  { name: 'binary_cross_entropy without sigmoid', text: model({ layers: '{ "units": 4 }, { "units": 1, "activation": "tanh" }' }),
    code: 'loss-output-mismatch', token: '"tanh"', message: [/needs a "sigmoid" output layer/, /\(0, 1\)/] },
  { name: 'negativeSlope on a relu layer', text: model({ layers: '{ "units": 4, "activation": "relu", "negativeSlope": 0.2 }, { "units": 1, "activation": "sigmoid" }' }),
    code: 'unused-option', severity: 'warning', token: '"negativeSlope"', message: [/only applies to activation "leaky_relu"/] },
  { name: 'initRange without uniform init', text: model({ layers: '{ "units": 4, "initRange": 0.1 }, { "units": 1, "activation": "sigmoid" }' }),
    code: 'unused-option', severity: 'warning', token: '"initRange"', message: [/only applies to init "uniform"/, /init "he_normal"/] },
  { name: 'momentum with adam', text: model({ training: '{ "optimizer": "adam", "momentum": 0.9 }' }), code: 'unused-option', severity: 'warning',
    token: '"momentum"', message: [/option of "sgd"/] },
  { name: 'beta1 with sgd', text: model({ training: '{ "optimizer": "sgd", "beta1": 0.8 }' }), code: 'unused-option', severity: 'warning',
    token: '"beta1"', message: [/option of "adam"/] },
  { name: 'nesterov without momentum', text: model({ training: '{ "optimizer": "sgd", "nesterov": true }' }), code: 'nesterov-without-momentum',
    token: 'true', message: [/"momentum" > 0/] },
  { name: 'classes on a two-class source', text: model({ data: '{ "source": "xor", "classes": 3 }' }), code: 'fixed-class-count',
    token: '3', message: [/"xor" always has 2 classes/, /"spirals" or "gaussians"/] },
  { name: 'input width not what the data has', text: model({ input: '3' }), code: 'data-input-mismatch', token: '3', occurrence: 1,
    message: [/"input" is 3, but the data has 2 features \(x, y\)/, /Set "input": 2/] },
  { name: 'output units not the class count', text: model({ loss: '"cross_entropy"', layers: '{ "units": 8 }, { "units": 2, "activation": "softmax" }', data: '{ "source": "spirals", "classes": 3 }' }),
    code: 'data-output-mismatch', token: '2', occurrence: 1, message: [/has 2 units/, /3 classes \(0, 1, 2\)/, /set "units": 3/] },
  { name: 'two classes with BCE need one unit', text: model({ layers: '{ "units": 8 }, { "units": 2, "activation": "sigmoid" }' }),
    code: 'data-output-mismatch', token: '2', occurrence: 1, message: [/one 0\/1 column/, /set "units": 1/] },
  { name: 'a validation split that leaves no validation sample', text: model({ data: '{ "source": "xor", "samples": 10 }', training: '{ "validationSplit": 0.04 }' }),
    code: 'data-too-small', token: '0.04', message: [/validation set is empty/] },
  { name: 'batch larger than the training set', text: model({ data: '{ "source": "xor", "samples": 10 }', training: '{ "batchSize": 16 }' }),
    code: 'batch-larger-than-data', severity: 'warning', token: '16', message: [/larger than the 8 training samples/, /≤ 8/] },
];

describe('validation rules', () => {
  for (const rule of CASES) {
    it(`${rule.code}: ${rule.name}`, () => {
      const parsed = parseModel(rule.text);
      const found = parsed.diagnostics.filter((d) => d.code === rule.code);
      assert.ok(found.length > 0, `no ${rule.code} among ${JSON.stringify(parsed.diagnostics.map((d) => `${d.code}: ${d.message}`))}`);
      const expectedOffset = nthIndexOf(rule.text, rule.token, rule.occurrence ?? 1);
      const diagnostic = found.find((d) => d.range.offset === expectedOffset) ?? found[0];
      assert.equal(rule.text.slice(diagnostic.range.offset, diagnostic.range.offset + diagnostic.range.length), rule.token);
      assert.equal(diagnostic.range.offset, expectedOffset);
      assert.equal(diagnostic.severity, rule.severity ?? 'error');
      for (const pattern of rule.message) assert.match(diagnostic.message, pattern);
      if ((rule.severity ?? 'error') === 'error') assert.equal(parsed.spec, undefined);
    });
  }

  it('covers every diagnostic code except those that need loaded data', () => {
    const covered = new Set(CASES.map((c) => c.code));
    const needLoading: DiagnosticCode[] = ['data-load-failed'];
    const all: DiagnosticCode[] = [
      'syntax', 'duplicate-key', 'unknown-key', 'wrong-type', 'missing-key', 'invalid-enum', 'out-of-range', 'not-integer',
      'empty-layers', 'too-many-layers', 'too-many-parameters', 'softmax-not-last', 'softmax-single-unit', 'loss-output-mismatch',
      'unused-option', 'nesterov-without-momentum', 'fixed-class-count', 'data-input-mismatch',
      'data-output-mismatch', 'data-too-small', 'data-load-failed', 'batch-larger-than-data',
    ];
    assert.deepEqual(all.filter((code) => !covered.has(code) && !needLoading.includes(code)), []);
  });

  it('a valid model has no diagnostics at all', () => {
    const parsed = parseModel(model());
    assert.deepEqual(parsed.diagnostics, []);
    assert.ok(parsed.spec);
  });

  it('warnings alone still give a spec', () => {
    const parsed = parseModel(model({ extra: '"comment": "hi"' }));
    assert.equal(parsed.diagnostics.length, 1);
    assert.ok(parsed.spec);
  });
});

describe('layer rules beside other errors', () => {
  const codes = (text: string) => parseModel(text).diagnostics.map((d) => d.code);
  const underlined = (text: string, code: DiagnosticCode) => {
    const found = parseModel(text).diagnostics.find((d) => d.code === code);
    assert.ok(found, `no ${code} diagnostic`);
    return text.slice(found.range.offset, found.range.offset + found.range.length);
  };

  it('a hidden softmax is reported in the same save as a bad "units" elsewhere', () => {
    const text = model({ layers: '{ "units": 4, "activation": "softmax" }, { "units": 0, "activation": "sigmoid" }' });
    assert.deepEqual(codes(text).sort(), ['out-of-range', 'softmax-not-last'].sort());
    assert.equal(underlined(text, 'softmax-not-last'), '"softmax"');
  });

  it('a loss/output mismatch is reported beside an invalid learning rate and a missing data source', () => {
    const text = model({ loss: '"cross_entropy"', training: '{ "learningRate": -1 }', data: '{}' });
    const found = codes(text);
    assert.ok(found.includes('loss-output-mismatch'), found.join(', '));
    assert.ok(found.length >= 3, `the other errors are still reported: ${found.join(', ')}`);
    assert.equal(underlined(text, 'loss-output-mismatch'), '"sigmoid"');
  });

  it('an invalid activation is not mistaken for a mismatch or a hidden softmax', () => {
    const text = model({ loss: '"cross_entropy"', layers: '{ "units": 4, "activation": "tanhh" }, { "units": 2, "activation": "softmaxx" }' });
    assert.deepEqual(codes(text).filter((code) => code === 'loss-output-mismatch' || code === 'softmax-not-last'), []);
  });
});
