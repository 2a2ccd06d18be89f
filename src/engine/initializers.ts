/**
 * Weight initializers in PyTorch's definitions (torch.nn.init), drawing from the run's seeded
 * PRNG in row-major order of W⁽ˡ⁾ [fan_out × fan_in]. Biases start at zero.
 */
import type { InitializerName, LayerSpec } from '../core/spec';
import type { FloatArray } from './kernels/kernels';
import type { Random } from '../core/random';

/** Fills `weights` (fanOut·fanIn values) for one layer. */
export function initializeWeights(weights: FloatArray, fanIn: number, fanOut: number, layer: Pick<LayerSpec, 'init' | 'initRange'>, random: Random): void {
  const count = fanIn * fanOut;
  const draw = drawFor(layer.init, fanIn, fanOut, layer.initRange, random);
  for (let i = 0; i < count; i++) weights[i] = draw();
}

function drawFor(init: InitializerName, fanIn: number, fanOut: number, range: number, random: Random): () => number {
  switch (init) {
    case 'xavier_uniform': {
      // gain · √(6/(fan_in + fan_out)), gain 1.
      const bound = Math.sqrt(6 / (fanIn + fanOut));
      return () => random.uniformIn(-bound, bound);
    }
    case 'xavier_normal': {
      const std = Math.sqrt(2 / (fanIn + fanOut));
      return () => std * random.normal();
    }
    case 'he_uniform': {
      // kaiming_uniform_(mode='fan_in', nonlinearity='relu'): gain √2, bound = gain·√(3/fan_in).
      const bound = Math.SQRT2 * Math.sqrt(3 / fanIn);
      return () => random.uniformIn(-bound, bound);
    }
    case 'he_normal': {
      const std = Math.SQRT2 / Math.sqrt(fanIn);
      return () => std * random.normal();
    }
    case 'zeros':
      return () => 0;
    case 'uniform':
      return () => random.uniformIn(-range, range);
  }
}
