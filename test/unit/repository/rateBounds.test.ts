// The bounds the JSON files declare (the model schema, the settings schema in package.json) are
// the ones core/limits.ts holds, which the model reader, the panel and the worker enforce.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULTS, LIMITS } from '../../../src/core/limits';

const root = resolve(__dirname, '../../../..');
const readJson = <T>(path: string): T => JSON.parse(readFileSync(resolve(root, path), 'utf8')) as T;

describe('declared bounds match core/limits.ts', () => {
  it('schema/nn.schema.json: training.learningRate in (0, LIMITS.maxLearningRate]', () => {
    const schema = readJson<{ definitions: { training: { properties: { learningRate: Record<string, unknown> } } } }>('schema/nn.schema.json');
    const learningRate = schema.definitions.training.properties.learningRate;
    assert.equal(learningRate.exclusiveMinimum, 0);
    assert.equal(learningRate.minimum, undefined);
    assert.equal(learningRate.maximum, LIMITS.maxLearningRate);
  });

  it('package.json: gradientLens.snapshotRate in [LIMITS.minSnapshotRate, LIMITS.maxSnapshotRate], default DEFAULTS.snapshotRate', () => {
    const manifest = readJson<{ contributes: { configuration: { properties: Record<string, Record<string, unknown>> } } }>('package.json');
    const setting = manifest.contributes.configuration.properties['gradientLens.snapshotRate'];
    assert.equal(setting.minimum, LIMITS.minSnapshotRate);
    assert.equal(setting.maximum, LIMITS.maxSnapshotRate);
    assert.equal(setting.default, DEFAULTS.snapshotRate);
  });
});
