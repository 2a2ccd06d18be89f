/**
 * schema/nn.schema.json drives completion and hover in VS Code; the parser drives everything
 * else. These tests keep the two from drifting: same keys per object, same enums, same defaults.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { LAYER_DEFAULTS, SYNTHETIC_DEFAULTS, TRAINING_DEFAULTS } from '../../../src/model/defaults';
import { DATA_KEYS, LAYER_KEYS, ROOT_KEYS, TRAINING_KEYS } from '../../../src/model/keys';
import { DATA_SOURCES, NORMALIZE_MODES } from '../../../src/model/readData';
import { ACTIVATIONS, BUNDLED_SOURCES, INITIALIZERS, LOSSES, OPTIMIZERS, PRECISIONS, SYNTHETIC_SOURCES } from '../../../src/core/spec';
import { LIMITS } from '../../../src/core/limits';

interface SchemaNode {
  type?: string; description?: string; default?: unknown; enum?: unknown[]; const?: unknown;
  minimum?: number; maximum?: number; maxItems?: number;
  properties?: Record<string, SchemaNode>; definitions?: Record<string, SchemaNode>;
  allOf?: { if: SchemaNode; then: SchemaNode }[]; items?: { $ref: string }; $ref?: string; $schema?: string;
  additionalProperties?: boolean; required?: string[];
}

const schema = JSON.parse(readFileSync(resolve(__dirname, '../../../../schema/nn.schema.json'), 'utf8')) as SchemaNode;
const definitions = schema.definitions ?? {};
const keysOf = (node: SchemaNode | undefined): string[] => Object.keys(node?.properties ?? {}).sort();
const sorted = (values: readonly string[]): string[] => [...values].sort();
/** The `then` branch of the data object's allOf that applies to `source`. */
function dataBranch(source: string): SchemaNode {
  const branch = definitions.data.allOf?.find(({ if: condition }) => {
    const rule = condition.properties?.source;
    return rule?.const === source || (rule?.enum ?? []).includes(source);
  });
  assert.ok(branch, `no schema branch for source ${source}`);
  return branch.then;
}

describe('schema/nn.schema.json', () => {
  it('is draft-07 JSON with a title', () => {
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.equal(schema.type, 'object');
  });

  it('lists exactly the keys the parser accepts, per object', () => {
    assert.deepEqual(keysOf(schema), sorted(ROOT_KEYS));
    assert.equal(schema.properties?.layers.items?.$ref, '#/definitions/layer');
    assert.deepEqual(keysOf(definitions.layer), sorted(LAYER_KEYS));
    assert.deepEqual(keysOf(definitions.training), sorted(TRAINING_KEYS));
    assert.deepEqual(keysOf(dataBranch('spirals')), sorted(DATA_KEYS.synthetic));
    assert.deepEqual(keysOf(dataBranch('csv')), sorted(DATA_KEYS.csv));
    assert.deepEqual(keysOf(dataBranch('idx')), sorted(DATA_KEYS.idx));
    assert.deepEqual(keysOf(dataBranch('iris')), sorted(DATA_KEYS.bundled));
  });

  it('every data source has a branch, and every synthetic and bundled source sits in its own', () => {
    assert.deepEqual(definitions.data.properties?.source.enum, [...DATA_SOURCES]);
    for (const source of SYNTHETIC_SOURCES) assert.deepEqual(keysOf(dataBranch(source)), sorted(DATA_KEYS.synthetic));
    for (const source of BUNDLED_SOURCES) assert.deepEqual(keysOf(dataBranch(source)), sorted(DATA_KEYS.bundled));
  });

  it('rejects unknown keys like the parser warns about them', () => {
    for (const node of [schema, definitions.layer, definitions.training, ...(definitions.data.allOf ?? []).map((b) => b.then)]) {
      assert.equal(node.additionalProperties, false);
    }
  });

  it('has the same enums as spec.ts', () => {
    assert.deepEqual(definitions.layer.properties?.activation.enum, [...ACTIVATIONS]);
    assert.deepEqual(definitions.layer.properties?.init.enum, [...INITIALIZERS]);
    assert.deepEqual(schema.properties?.loss.enum, [...LOSSES]);
    assert.deepEqual(definitions.training.properties?.optimizer.enum, [...OPTIMIZERS]);
    assert.deepEqual(definitions.training.properties?.precision.enum, [...PRECISIONS]);
    assert.deepEqual(dataBranch('csv').properties?.normalize.enum, [...NORMALIZE_MODES]);
  });

  it('documents the defaults the parser applies', () => {
    const training = definitions.training.properties ?? {};
    for (const [key, value] of Object.entries(TRAINING_DEFAULTS)) assert.equal(training[key].default, value, `training.${key}`);
    const layer = definitions.layer.properties ?? {};
    for (const [key, value] of Object.entries(LAYER_DEFAULTS)) assert.equal(layer[key].default, value, `layer ${key}`);
    const synthetic = dataBranch('xor').properties ?? {};
    for (const [key, value] of Object.entries(SYNTHETIC_DEFAULTS)) assert.equal(synthetic[key].default, value, `data.${key}`);
    assert.equal(training.optimizer.default, 'adam');
    assert.equal(dataBranch('csv').properties?.normalize.default, 'standard');
    assert.equal(dataBranch('idx').properties?.normalize.default, 'minmax');
  });

  it('states the limits of LIMITS', () => {
    assert.equal(definitions.layer.properties?.units.maximum, LIMITS.maxLayerWidth);
    assert.equal(schema.properties?.input.maximum, LIMITS.maxLayerWidth);
    assert.equal(schema.properties?.layers.maxItems, LIMITS.maxLayers);
    assert.equal(definitions.training.properties?.batchSize.maximum, LIMITS.maxBatchSize);
    assert.equal(definitions.training.properties?.epochs.maximum, LIMITS.maxEpochs);
    assert.equal(dataBranch('xor').properties?.samples.maximum, LIMITS.maxSamples);
  });

  it('describes every key', () => {
    const missing: string[] = [];
    const visit = (node: SchemaNode, path: string): void => {
      for (const [key, child] of Object.entries(node.properties ?? {})) {
        // A branch's `source` only narrows the enum; the description lives on the data object's own `source`.
        const described = child.description !== undefined || child.$ref !== undefined;
        if (!described && !(key === 'source' && path.includes('allOf'))) missing.push(`${path}.${key}`);
        visit(child, `${path}.${key}`);
      }
      (node.allOf ?? []).forEach((branch, index) => visit(branch.then, `${path}.allOf${index}`));
    };
    visit(schema, 'root');
    for (const [name, definition] of Object.entries(definitions)) visit(definition, name);
    assert.deepEqual(missing, []);
  });
});
