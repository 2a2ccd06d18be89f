// The equations read the selected sample's row within the rows a snapshot carries: a snapshot
// cut to a window of the batch gives the same terms as the whole batch, δ still scaled by B.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LayerSnapshot, SnapshotMessage } from '../../../src/protocol/panelMessages';
import { modelMessageOf } from '../../../src/host/session/modelMessage';
import { layerTerms } from '../../../webview/equationTerms';
import { engineStep } from '../../fixtures/snapshots/engineSnapshot';
import { layer, model, randomData } from '../engine/helpers';

const spec = model(2, [layer(4, 'tanh'), layer(3, 'softmax')], 'cross_entropy', { batchSize: 8, shuffle: false, precision: 'f32' });
const whole = engineStep(spec, randomData(8, 2, 3, 'cross_entropy', 5), 6).snapshot;

/** The snapshot as if it carried only batch rows first…first+count−1 of z, a and Δ. */
function windowOf(snapshot: SnapshotMessage, first: number, count: number): SnapshotMessage {
  const cut = (layerSnapshot: LayerSnapshot): LayerSnapshot => ({
    ...layerSnapshot,
    tensors: Object.fromEntries(Object.entries(layerSnapshot.tensors).map(([name, tensor]) => [name,
      name === 'z' || name === 'a' || name === 'delta'
        ? { shape: [count, layerSnapshot.units], data: tensor.data.slice(first * layerSnapshot.units, (first + count) * layerSnapshot.units) }
        : tensor])),
  });
  return { ...snapshot, run: { ...snapshot.run, rowWindow: { first, count } }, layers: snapshot.layers.map(cut) };
}

test('the terms of a windowed snapshot are those of the whole batch; a sample outside the window has none', () => {
  const context = { loss: spec.loss, shapes: modelMessageOf(spec).layers };
  const windowed = windowOf(whole, 4, 3);
  for (const index of [1, 2]) {
    const expected = layerTerms(whole, index, context);
    assert.ok(expected.terms, expected.missing);
    assert.deepEqual(layerTerms(windowed, index, context), expected, `layer ${index}`);
  }
  const outside = layerTerms(windowOf(whole, 0, 3), 1, context);
  assert.equal(outside.missing, 'sample 6 is not among the streamed rows');
});
