/**
 * The phases of one training step, in the order the engine runs them: forward layer by layer, the
 * loss, then going backward δ⁽ˡ⁾ and ∂L/∂W⁽ˡ⁾, ∂L/∂b⁽ˡ⁾ of each layer, and the optimizer's update.
 * Each phase says what it highlights and explains itself in one line with the selected sample's
 * values. Pure: the walk-through view applies it, the tests read it.
 */
import type { LossName } from '../src/core/spec';
import type { LayerOutline, OptimizerSettings, RunHeader } from '../src/protocol/panelMessages';
import type { LayerFocus } from './equationsView';
import { outputForm, sampleLoss, type LayerTerms, type TermId } from './equationTerms';
import { layerTag } from '../src/core/notation';
import { formatValue } from '../src/core/numberFormat';

/** What a phase's explanation can read: the snapshot on screen and the model. */
export interface PhaseContext {
  readonly termsOf: (layer: number) => LayerTerms | undefined;
  readonly run: RunHeader | undefined;
  readonly loss: LossName | undefined;
  readonly optimizer: OptimizerSettings | undefined;
}

export interface Phase {
  /** 'forward-1', 'loss', 'delta-3', 'gradient-3', 'update'. */
  readonly id: string;
  readonly title: string;
  readonly focus: readonly LayerFocus[];
  /** The one-line explanation, with the sample's values when they were streamed. */
  explain(context: PhaseContext): string;
}

export function walkthroughPhases(shapes: readonly LayerOutline[]): Phase[] {
  const count = shapes.length;
  const phases: Phase[] = shapes.map((shape) => forwardPhase(shape));
  phases.push(lossPhase(shapes[count - 1]));
  for (let l = count; l >= 1; l--) {
    phases.push(l === count ? outputDeltaPhase(shapes[l - 1]) : hiddenDeltaPhase(shapes[l - 1], shapes[l]));
    phases.push(gradientPhase(shapes[l - 1]));
  }
  phases.push(updatePhase(shapes));
  return phases;
}

function forwardPhase(shape: LayerOutline): Phase {
  const l = shape.index;
  const [n, m] = [shape.units, shape.inputs];
  return {
    id: `forward-${l}`,
    title: `Forward, layer ${l}`,
    focus: [{ layer: l, equations: ['forward-z', 'forward-a'], terms: ['aPrev', 'W', 'b', 'z', 'a'], figures: ['a-sample', 'a-batch'] }],
    explain: (c) => `z${layerTag(l)} = W${layerTag(l)}a${layerTag(l - 1)} + b${layerTag(l)} (${n}×${m} times ${m}×1, plus ${n}×1), then a${layerTag(l)} = ${shape.activation}(z${layerTag(l)})` +
      values(c, l, 'a', `a${layerTag(l)}`),
  };
}

function lossPhase(output: LayerOutline): Phase {
  const L = output.index;
  return {
    id: 'loss',
    title: 'Loss',
    focus: [{ layer: L, equations: ['forward-a', 'delta'], terms: ['a', 'target'], figures: ['a-sample'] }],
    explain: (c) => {
      const terms = c.termsOf(L);
      const formula = c.loss === 'cross_entropy' ? 'ℓ = −Σⱼ tⱼ log oⱼ' : c.loss === 'binary_cross_entropy' ? 'ℓ = −(1/n_L) Σⱼ [yⱼ log aⱼ + (1 − yⱼ) log(1 − aⱼ)]' : 'ℓ = (1/n_L) Σⱼ (aⱼ − yⱼ)²';
      const sample = terms?.a !== undefined && terms.target !== undefined && c.loss !== undefined ? ` = ${formatValue(sampleLoss(c.loss, terms.a.values, terms.target.values))} for this sample` : '';
      const batch = c.run !== undefined ? `; the batch's mean L = ${formatValue(c.run.loss)}` : '';
      return `${formula}${sample}${batch}.`;
    },
  };
}

function outputDeltaPhase(output: LayerOutline): Phase {
  const L = output.index;
  const terms: TermId[] = ['delta', 'a', 'target', 'fPrime', 'lossGradient', 'jacobian', 'chain', 'outputMinusTarget'];
  return {
    id: `delta-${L}`,
    title: `Backward: δ${layerTag(L)} at the output`,
    focus: [{ layer: L, equations: ['delta', 'softmax-chain'], terms, figures: ['delta-sample', 'delta-batch'] }],
    explain: (c) => {
      const form = c.loss === undefined ? undefined : outputForm(output.activation, c.loss);
      const chain = c.termsOf(L);
      if (form === 'softmax-cross-entropy' && chain?.chain !== undefined && chain.outputMinusTarget !== undefined) {
        return `Softmax + cross-entropy: δ${layerTag(L)} = o − t; the full chain through ∂oⱼ/∂zₖ = oⱼ(δⱼₖ − oₖ) gives the same numbers ` +
          `(largest difference ${formatValue(largestDifference(chain.chain.values, chain.outputMinusTarget.values))})` + values(c, L, 'delta', `δ${layerTag(L)}`);
      }
      const how = form === 'sigmoid-binary-cross-entropy' ? '(a − y)/n_L' : form === 'softmax-jacobian' ? '(∂o/∂z)ᵀ ∂ℓ/∂o' : 'f′(z) ⊙ ∂ℓ/∂a';
      return `The error term of the output layer: δ${layerTag(L)} = ∂ℓ/∂z${layerTag(L)} = ${how}` + values(c, L, 'delta', `δ${layerTag(L)}`);
    },
  };
}

function hiddenDeltaPhase(shape: LayerOutline, next: LayerOutline): Phase {
  const l = shape.index;
  return {
    id: `delta-${l}`,
    title: `Backward: δ${layerTag(l)}`,
    focus: [
      { layer: l, equations: ['delta', 'delta-elementwise'], terms: ['delta', 'fPrime', 'WnextT', 'deltaNext', 'backprop'], figures: ['delta-sample'] },
      { layer: next.index, equations: [], terms: [], figures: ['delta-sample', 'W'] },
    ],
    explain: (c) => `δ${layerTag(l + 1)} flows back through W${layerTag(l + 1)}ᵀ (${shape.units}×${next.units}) to the ${shape.units} units of layer ${l}, ` +
      `and ⊙ f′(z${layerTag(l)}) scales each unit by its slope` + values(c, l, 'delta', `δ${layerTag(l)}`),
  };
}

function gradientPhase(shape: LayerOutline): Phase {
  const l = shape.index;
  return {
    id: `gradient-${l}`,
    title: `Gradients of layer ${l}`,
    focus: [{
      layer: l, equations: ['weight-gradient', 'bias-gradient'],
      terms: ['sampleWeightGradient', 'delta', 'aPrevT', 'weightGradient', 'biasGradient'], figures: ['dW', 'db'],
    }],
    explain: (c) => `∂ℓ/∂W${layerTag(l)} = δ${layerTag(l)}a${layerTag(l - 1)}ᵀ is an outer product (${shape.units}×1 times 1×${shape.inputs}); ` +
      `the batch's ∂L/∂W${layerTag(l)} averages it over the B = ${c.run?.batchSize ?? 'B'} samples, and ∂ℓ/∂b${layerTag(l)} = δ${layerTag(l)}.`,
  };
}

function updatePhase(shapes: readonly LayerOutline[]): Phase {
  return {
    id: 'update',
    title: 'Update',
    focus: shapes.map((shape) => ({ layer: shape.index, equations: [], terms: [], figures: ['dW', 'db', 'W', 'update'] })),
    explain: (c) => describeUpdate(c.optimizer, c.run?.learningRate),
  };
}

/** What the configured optimizer does with ∂L/∂W, in one line. */
function describeUpdate(optimizer: OptimizerSettings | undefined, learningRate: number | undefined): string {
  const eta = learningRate === undefined ? 'η' : `η = ${formatValue(learningRate)}`;
  if (optimizer === undefined) return `The optimizer updates every W and b from ∂L/∂W and ∂L/∂b (${eta}).`;
  const decay = optimizer.weightDecay !== 0 ? ` (after adding λW, λ = ${formatValue(optimizer.weightDecay)}, to the gradient)` : '';
  if (optimizer.optimizer === 'adam') {
    return `Adam${decay}: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², W ← W − η·m̂/(√v̂ + ε) with ${eta}, β₁ = ${optimizer.beta1}, β₂ = ${optimizer.beta2}: ` +
      'each weight gets its own step size, so the step is not simply −η ∂L/∂W.';
  }
  if (optimizer.momentum === 0) return `SGD${decay}: W ← W − η ∂L/∂W and b ← b − η ∂L/∂b with ${eta}.`;
  const step = optimizer.nesterov ? 'W ← W − η(∂L/∂W + μv)' : 'W ← W − ηv';
  return `SGD with momentum μ = ${optimizer.momentum}${decay}: v ← μv + ∂L/∂W, ${step} with ${eta} (b likewise).`;
}

function values(c: PhaseContext, layer: number, term: TermId, symbol: string): string {
  const grid = c.termsOf(layer)?.[term];
  if (grid === undefined) return '.';
  const shown = Array.from(grid.values.subarray(0, 6), formatValue).join(', ');
  return `; for this sample ${symbol} = [${shown}${grid.values.length > 6 ? ', …' : ''}].`;
}

function largestDifference(a: Float32Array, b: Float32Array): number {
  let largest = 0;
  for (let i = 0; i < a.length; i++) largest = Math.max(largest, Math.abs(a[i] - b[i]));
  return largest;
}
