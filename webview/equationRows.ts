/**
 * Which equations a layer card shows and how each term is written: its KaTeX symbol, its plain
 * text (tooltips, walk-through) and its shape with the live sizes, e.g. for layer 2 of 2-4-3-2
 * `W⁽³⁾ᵀ` is `3×2 = (2×3)ᵀ`. Layout only: the values come from equationTerms.ts.
 */
import type { ActivationName, LossName } from '../src/core/spec';
import type { LayerOutline } from '../src/protocol/panelMessages';
import { outputForm, type TermId } from './equationTerms';
import { layerTag } from '../src/core/notation';

export const EQUATION_IDS = ['forward-z', 'forward-a', 'delta', 'delta-elementwise', 'softmax-chain', 'weight-gradient', 'bias-gradient'] as const;
export type EquationId = (typeof EQUATION_IDS)[number];

/** An operator between terms, in TeX. */
export interface Operator {
  readonly op: string;
}

export interface EquationRow {
  readonly id: EquationId;
  /** One sentence on why the equation has this form. */
  readonly caption: string;
  /** result, '=', then the right-hand side: the sample's terms. */
  readonly items: readonly (TermId | Operator)[];
  /** Batch quantities shown beside the sample's (∂L/∂W⁽ˡ⁾ next to δ a⁽ˡ⁻¹⁾ᵀ). */
  readonly batch?: readonly TermId[];
}

export interface TermLabel {
  readonly tex: string;
  readonly text: string;
  /** Rows×columns with the live sizes; a transposed term also says what it transposes. */
  readonly shape: string;
}

/** The layers around layer l, enough to name and size every term of its equations. */
export interface EquationLayout {
  readonly shape: LayerOutline;
  readonly next: LayerOutline | undefined;
  /** L, the number of layers. */
  readonly layerCount: number;
  readonly loss: LossName | undefined;
}

const EQ: Operator = { op: '=' };
const op = (tex: string): Operator => ({ op: tex });

/** The rows of layer l's equation block, in the order backprop computes them. */
export function equationRows(layout: EquationLayout): EquationRow[] {
  const { shape, next, loss } = layout;
  const l = shape.index;
  const rows: EquationRow[] = [
    { id: 'forward-z', caption: 'Forward: each unit sums its weighted inputs; W has one row per unit, one column per input.', items: ['z', EQ, 'W', op('\\,'), 'aPrev', op('+'), 'b'] },
    { id: 'forward-a', caption: `Forward: f = ${shape.activation} acts on each unit${shape.activation === 'softmax' ? ' row (softmax mixes the units)' : ''}.`, items: ['a', EQ, op(`${activationTex(shape.activation)}\\big(`), 'z', op('\\big)')] },
  ];
  if (next !== undefined) {
    rows.push(
      { id: 'delta', caption: `Backward: ∂z${layerTag(l + 1)}/∂a${layerTag(l)} = W${layerTag(l + 1)}, and the gradient of a scalar is a column, hence the transpose.`, items: ['delta', EQ, 'fPrime', op('\\odot'), 'WnextT', op('\\,'), 'deltaNext'] },
      { id: 'delta-elementwise', caption: `∂a${layerTag(l)}/∂z${layerTag(l)} = diag(f′(z${layerTag(l)})): multiplying by a diagonal matrix is the element-wise product ⊙.`, items: ['delta', EQ, 'fPrime', op('\\odot'), 'backprop'] },
    );
  } else if (loss !== undefined) {
    rows.push(...outputRows(shape, loss));
  }
  rows.push(
    { id: 'weight-gradient', caption: `∂z_i/∂W_ij = a_j${layerTag(l - 1)}: one sample's weight gradient is an outer product; the batch's is its mean over the B samples.`, items: ['sampleWeightGradient', EQ, 'delta', op('\\,'), 'aPrevT'], batch: ['weightGradient'] },
    { id: 'bias-gradient', caption: '∂z_i/∂b_i = 1: the bias gradient is δ itself (batch: the mean of the samples\' δ).', items: [op(`\\frac{\\partial \\ell}{\\partial b^{(${l})}}`), EQ, 'delta'], batch: ['biasGradient'] },
  );
  return rows;
}

function outputRows(shape: LayerOutline, loss: LossName): EquationRow[] {
  const n = shape.units;
  switch (outputForm(shape.activation, loss)) {
    case 'softmax-cross-entropy':
      return [
        { id: 'delta', caption: 'Softmax + cross-entropy: the softmax Jacobian and −t/o cancel to o τ − t, τ = Σⱼ tⱼ (o − t for one-hot t).', items: ['delta', EQ, 'a', op('\\tau \\;-'), 'target'] },
        { id: 'softmax-chain', caption: 'The full chain through the softmax Jacobian ∂oⱼ/∂zₖ = oⱼ(δⱼₖ − oₖ), summed over every output, equals o τ − t.', items: ['chain', EQ, 'jacobian', op('^{\\!\\top}'), 'lossGradient', op('\\;\\overset{?}{=}\\;'), 'outputMinusTarget'] },
      ];
    case 'sigmoid-binary-cross-entropy':
      return [{ id: 'delta', caption: `Sigmoid + binary cross-entropy: σ′ cancels the loss's denominator, leaving (a − y)/n_L with n_L = ${n}.`, items: ['delta', EQ, op('\\big('), 'a', op('-'), 'target', op(`\\big)\\,/\\,${n}`)] }];
    case 'softmax-jacobian':
      return [{ id: 'delta', caption: 'Softmax output: its Jacobian ∂oⱼ/∂zₖ = oⱼ(δⱼₖ − oₖ) is not diagonal, so the chain is a matrix product.', items: ['delta', EQ, 'jacobian', op('^{\\!\\top}'), 'lossGradient'] }];
    case 'elementwise':
      return [{ id: 'delta', caption: 'Output layer: the loss\'s gradient times f′, element by element.', items: ['delta', EQ, 'fPrime', op('\\odot'), 'lossGradient'] }];
  }
}

function activationTex(activation: ActivationName): string {
  return `\\operatorname{${activation.replace(/_/g, '\\_')}}`;
}

/** Symbol, plain text and live shape of a term of layer `layout.shape.index`. */
export function termLabel(id: TermId, layout: EquationLayout): TermLabel {
  const { shape, next } = layout;
  const l = shape.index;
  const [n, m, k] = [shape.units, shape.inputs, next?.units ?? 0];
  const tag = layerTag(l);
  const prev = layerTag(l - 1);
  const up = layerTag(l + 1);
  const col = (size: number) => `${size}×1`;
  const target = layout.loss === 'cross_entropy' ? 't' : 'y';
  switch (id) {
    case 'aPrev': return { tex: l === 1 ? 'a^{(0)}{=}x' : `a^{(${l - 1})}`, text: `a${prev}`, shape: col(m) };
    case 'W': return { tex: `W^{(${l})}`, text: `W${tag}`, shape: `${n}×${m}` };
    case 'b': return { tex: `b^{(${l})}`, text: `b${tag}`, shape: col(n) };
    case 'z': return { tex: `z^{(${l})}`, text: `z${tag}`, shape: col(n) };
    case 'a': return l === layout.layerCount
      ? { tex: `o{=}a^{(${l})}`, text: `a${tag}`, shape: col(n) }
      : { tex: `a^{(${l})}`, text: `a${tag}`, shape: col(n) };
    case 'delta': return { tex: `\\delta^{(${l})}`, text: `δ${tag}`, shape: col(n) };
    case 'fPrime': return { tex: `f'(z^{(${l})})`, text: `f′(z${tag})`, shape: col(n) };
    case 'WnextT': return { tex: `W^{(${l + 1})\\top}`, text: `W${up}ᵀ`, shape: `${n}×${k} = (${k}×${n})ᵀ` };
    case 'deltaNext': return { tex: `\\delta^{(${l + 1})}`, text: `δ${up}`, shape: col(k) };
    case 'backprop': return { tex: `W^{(${l + 1})\\top}\\delta^{(${l + 1})}`, text: `W${up}ᵀδ${up}`, shape: col(n) };
    case 'target': return { tex: target, text: target, shape: col(n) };
    case 'lossGradient': return { tex: '\\frac{\\partial \\ell}{\\partial o}', text: '∂ℓ/∂o', shape: col(n) };
    case 'jacobian': return { tex: '\\frac{\\partial o}{\\partial z}', text: '∂o/∂z', shape: `${n}×${n}` };
    case 'chain': return { tex: `\\big(\\tfrac{\\partial o}{\\partial z}\\big)^{\\!\\top}\\tfrac{\\partial \\ell}{\\partial o}`, text: '(∂o/∂z)ᵀ ∂ℓ/∂o', shape: col(n) };
    case 'outputMinusTarget': return { tex: 'o\\,\\tau - t', text: 'o τ − t', shape: col(n) };
    case 'aPrevT': return { tex: l === 1 ? 'x^{\\top}' : `a^{(${l - 1})\\top}`, text: `a${prev}ᵀ`, shape: `(${m}×1)ᵀ = 1×${m}` };
    case 'sampleWeightGradient': return { tex: `\\frac{\\partial \\ell}{\\partial W^{(${l})}}`, text: `∂ℓ/∂W${tag}`, shape: `${n}×${m}` };
    case 'weightGradient': return { tex: `\\frac{\\partial L}{\\partial W^{(${l})}} = \\tfrac{1}{B}\\textstyle\\sum_b \\delta_b a_b^{(${l - 1})\\top}`, text: `∂L/∂W${tag}`, shape: `${n}×${m}` };
    case 'biasGradient': return { tex: `\\frac{\\partial L}{\\partial b^{(${l})}} = \\tfrac{1}{B}\\textstyle\\sum_b \\delta_b`, text: `∂L/∂b${tag}`, shape: col(n) };
  }
}
