// One rule for η: a model file, the panel's η control (through the host's validator of its
// messages) and the trainer accept exactly the same values, so a value one of them set can
// always be set again from another.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LIMITS } from '../../../src/core/limits';
import { learningRateProblem } from '../../../src/core/learningRate';
import { createTrainer } from '../../../src/engine';
import { parseModel, resolveModel } from '../../../src/model';
import { parseWebviewMessage } from '../../../src/host/panel/parseWebviewMessage';
import { noFiles } from '../data/readers';

const CANDIDATES = [-1, 0, 1e-9, 0.001, 1, LIMITS.maxLearningRate, LIMITS.maxLearningRate * 1.0001, 50, Infinity, Number.NaN];

const fileAccepts = (value: number) => parseModel(
  `{ "layers": [{ "units": 1 }], "data": { "source": "xor" }, "training": { "learningRate": ${Number.isFinite(value) ? value : '1e999'} } }`,
).diagnostics.length === 0;
const panelAccepts = (value: number) => parseWebviewMessage({ type: 'setLearningRate', value }).ok;

describe('learningRateProblem', () => {
  it('accepts (0, LIMITS.maxLearningRate] and names the range otherwise', () => {
    assert.equal(learningRateProblem(1e-9), undefined);
    assert.equal(learningRateProblem(LIMITS.maxLearningRate), undefined);
    for (const value of [0, -1, LIMITS.maxLearningRate * 1.0001, 50, Infinity, Number.NaN]) {
      assert.match(learningRateProblem(value) ?? '', /finite number in \(0, 10\] \(LIMITS\.maxLearningRate\)/, String(value));
    }
  });

  it('a model file and the panel accept the same values', () => {
    for (const value of CANDIDATES) {
      if (!Number.isNaN(value)) assert.equal(fileAccepts(value), learningRateProblem(value) === undefined, `file, η = ${value}`);
      assert.equal(panelAccepts(value), learningRateProblem(value) === undefined, `panel, η = ${value}`);
    }
  });

  it('the trainer takes from the panel only what the rule accepts', async () => {
    const { spec, dataset } = await resolveModel('{ "layers": [{ "units": 1 }], "data": { "source": "xor" } }', noFiles);
    assert.ok(spec && dataset);
    const trainer = createTrainer(spec, dataset);
    for (const value of CANDIDATES) {
      if (learningRateProblem(value) === undefined) trainer.setLearningRate(value);
      else assert.throws(() => trainer.setLearningRate(value), /learning rate/, String(value));
    }
  });
});
