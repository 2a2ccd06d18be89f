import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineIndex, formatDiagnostic } from '../../../src/model/diagnostics';
import { parseModel } from '../../../src/model/parse';
import { rangeOf } from '../../../src/model/ranges';
import type { ModelSpec } from '../../../src/core/spec';
import { slice } from './sourceRange';

describe('LineIndex', () => {
  it('gives 1-based lines and columns for LF, CRLF and lone CR', () => {
    const index = new LineIndex('ab\ncd\r\nef\rgh');
    assert.deepEqual(index.positionAt(0), { line: 1, column: 1 });
    assert.deepEqual(index.positionAt(4), { line: 2, column: 2 });
    assert.deepEqual(index.positionAt(7), { line: 3, column: 1 });
    assert.deepEqual(index.positionAt(10), { line: 4, column: 1 });
  });
});

describe('parseModel: positions', () => {
  const lines = ['{', '  "layers": [{ "units": 0 }],', '  "data": { "source": "xor" }', '}'];

  for (const [eol, label] of [['\n', 'LF'], ['\r\n', 'CRLF']] as const) {
    it(`a diagnostic's line and column point at the bad value (${label})`, () => {
      const text = lines.join(eol);
      const diagnostic = parseModel(text).diagnostics.find((d) => d.code === 'out-of-range');
      assert.ok(diagnostic);
      // Counted by hand: line 2 is `  "layers": [{ "units": 0 }],`, the 0 is its 25th character.
      assert.equal(diagnostic.line, 2);
      assert.equal(diagnostic.column, 25);
      assert.equal(slice(text, diagnostic.range), '0');
      assert.equal(formatDiagnostic('m.nn.json', diagnostic).split(': error: ')[0], 'm.nn.json:2:25');
    });
  }

  it('records every layer object and every key/value by dotted path', () => {
    const text = '{ "layers": [ { "units": 4 },\n { "units": 1, "activation": "sigmoid" } ],\n "data": { "source": "csv", "path": "a.csv", "target": "y", "features": ["p", "q"] },\n "training": { "learningRate": 0.5 } }';
    const { ranges } = parseModel(text);
    assert.deepEqual(ranges.layers.map((range) => slice(text, range)), ['{ "units": 4 }', '{ "units": 1, "activation": "sigmoid" }']);
    const activation = ranges.properties.get('layers.1.activation');
    assert.ok(activation);
    assert.equal(slice(text, activation.key), '"activation"');
    assert.equal(slice(text, activation.value), '"sigmoid"');
    assert.equal(slice(text, activation.property), '"activation": "sigmoid"');
    assert.equal(slice(text, rangeOf(ranges, 'training.learningRate')), '0.5');
    assert.equal(slice(text, rangeOf(ranges, 'data.features.1')), '"q"');
    // Absent keys fall back to the nearest present ancestor.
    assert.equal(slice(text, rangeOf(ranges, 'training.batchSize')), '{ "learningRate": 0.5 }');
    assert.equal(slice(text, rangeOf(ranges, 'layers.0.activation')), '{ "units": 4 }');
  });

  it('locates syntax errors and reports nothing else while the syntax is broken', () => {
    const text = '{\n  "layers": [ { "units": 0 } ]\n  "data": { "source": "xor" }\n}';
    const parsed = parseModel(text);
    assert.deepEqual(parsed.diagnostics.map((d) => d.code), ['syntax']);
    assert.equal(parsed.diagnostics[0].line, 3);
    assert.equal(parsed.diagnostics[0].column, 3);
    assert.match(parsed.diagnostics[0].message, /Expected ","/);
    // Ranges are still read from the tolerant tree, for hover.
    assert.equal(parsed.ranges.layers.length, 1);
  });

  it('an empty file and a non-object root are errors', () => {
    assert.equal(parseModel('').diagnostics[0].code, 'syntax');
    const array = parseModel('[1, 2]');
    assert.equal(array.diagnostics[0].code, 'wrong-type');
    assert.match(array.diagnostics[0].message, /one JSON object/);
  });

  it('accepts comments and trailing commas (JSONC)', () => {
    const parsed = parseModel('// model\n{ "layers": [{ "units": 1, }, ], /* data */ "data": { "source": "xor", }, }');
    assert.deepEqual(parsed.diagnostics, []);
    assert.ok(parsed.spec);
  });
});

describe('parseModel: defaults', () => {
  it('fills every default of a minimal model', () => {
    const parsed = parseModel('{ "layers": [{ "units": 8 }, { "units": 1 }], "data": { "source": "xor" } }');
    assert.deepEqual(parsed.diagnostics, []);
    const layerDefaults = { type: 'dense', init: 'he_normal', initRange: 0.05, negativeSlope: 0.01, alpha: 1, beta: 1 } as const;
    const expected: ModelSpec = {
      name: 'Untitled model',
      input: 2,
      layers: [
        { ...layerDefaults, units: 8, activation: 'relu', type: 'dense' },
        { ...layerDefaults, units: 1, activation: 'sigmoid', init: 'xavier_uniform', type: 'dense' },
      ],
      loss: 'binary_cross_entropy',
      data: { source: 'xor', samples: 400, noise: 0.1, classes: 2, seed: 42 },
      training: {
        optimizer: 'adam', learningRate: 0.001, momentum: 0, nesterov: false, beta1: 0.9, beta2: 0.999, epsilon: 1e-8,
        weightDecay: 0, batchSize: 32, epochs: 100, seed: 42, precision: 'f32', validationSplit: 0.2, shuffle: true,
      },
    };
    assert.deepEqual(parsed.spec, expected);
  });

  it('sgd defaults to learning rate 0.01; the data seed follows the training seed', () => {
    const { spec } = parseModel('{ "layers": [{ "units": 3 }], "data": { "source": "spirals" }, "training": { "optimizer": "sgd", "seed": 7 } }');
    assert.ok(spec);
    assert.equal(spec.training.learningRate, 0.01);
    assert.equal(spec.loss, 'cross_entropy');
    assert.equal(spec.layers[0].activation, 'softmax');
    assert.deepEqual(spec.data, { source: 'spirals', samples: 400, noise: 0.1, classes: 3, seed: 7 });
  });

  it('the loss follows an explicit output activation when omitted', () => {
    const { spec } = parseModel('{ "layers": [{ "units": 1, "activation": "tanh" }], "data": { "source": "xor" } }');
    assert.equal(spec?.loss, 'mse');
    assert.equal(spec?.layers[0].init, 'xavier_uniform');
  });

  it('sine defaults to mse with a linear output; iris and digits to standard and minmax', () => {
    assert.equal(parseModel('{ "layers": [{ "units": 1 }], "data": { "source": "sine" } }').spec?.layers[0].activation, 'linear');
    assert.deepEqual(parseModel('{ "layers": [{ "units": 3 }], "data": { "source": "iris" } }').spec?.data, { source: 'iris', normalize: 'standard' });
    assert.deepEqual(parseModel('{ "layers": [{ "units": 10 }], "data": { "source": "digits" } }').spec?.input, 64);
  });

  it('csv and idx without "input" give a draft to complete after loading', () => {
    const parsed = parseModel('{ "layers": [{ "units": 1 }], "data": { "source": "csv", "path": "a.csv", "target": "y" } }');
    assert.equal(parsed.spec, undefined);
    assert.ok(parsed.draft);
    assert.equal(parsed.draft.input, undefined);
    assert.equal(parsed.draft.loss, 'mse');
    assert.deepEqual(parsed.draft.data, { source: 'csv', path: 'a.csv', target: 'y', normalize: 'standard' });
    const idx = parseModel('{ "layers": [{ "units": 10 }], "data": { "source": "idx", "images": "i", "labels": "l", "limit": 100 } }');
    assert.deepEqual(idx.draft?.data, { source: 'idx', images: 'i', labels: 'l', limit: 100, normalize: 'minmax' });
    assert.equal(idx.draft?.loss, 'cross_entropy');
  });
});
