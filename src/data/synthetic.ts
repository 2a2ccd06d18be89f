/**
 * Seeded 2-D toy datasets (and a 1-D regression), drawn only from the engine's Random so the
 * same spec gives the same bytes everywhere. Coordinates lie roughly in [−1.5, 1.5] (sine: x in
 * [−π, π]); `noise` is the standard deviation of Gaussian noise added to every input coordinate
 * (sine: to y). Classes are balanced: sample i belongs to class i mod k.
 */
import { Random } from '../core/random';
import { LIMITS } from '../core/limits';
import type { LossName, SyntheticDataSpec, SyntheticSourceName } from '../core/spec';
import type { Dataset } from '../core/dataset';
import { labelledToDataset, type LabelledSamples } from './encode';
import { DataError } from './errors';

type Point = readonly [number, number];
/** Draws the noiseless point of sample `index`, which belongs to class `label` of `classes`. */
type PointGenerator = (random: Random, label: number, classes: number) => Point;

/** Radius of the blob centres of `gaussians`, and the spread of each blob before noise. */
const BLOB_RADIUS = 1;
const BLOB_SPREAD = 0.2;
/** Radians a spiral arm turns from the centre to its end. */
const SPIRAL_TURN = 1.75 * Math.PI;
/** Cells per side of `checkerboard`. */
const CHECKERBOARD_CELLS = 4;

const GENERATORS: Record<Exclude<SyntheticSourceName, 'sine'>, PointGenerator> = {
  // Uniform in the square; the class is whether x and y have different signs.
  xor: (random, label) => {
    for (;;) {
      const x = random.uniformIn(-1, 1);
      const y = random.uniformIn(-1, 1);
      if ((x > 0 !== y > 0 ? 1 : 0) === label) return [x, y];
    }
  },
  // sklearn's make_circles with factor 0.5: class 0 on the unit circle, class 1 inside at radius 0.5.
  circles: (random, label) => {
    const angle = random.uniformIn(0, 2 * Math.PI);
    const radius = label === 0 ? 1 : 0.5;
    return [radius * Math.cos(angle), radius * Math.sin(angle)];
  },
  // sklearn's make_moons, shifted so the pair is centred on the origin.
  moons: (random, label) => {
    const t = random.uniformIn(0, Math.PI);
    return label === 0
      ? [Math.cos(t) - 0.5, Math.sin(t) - 0.25]
      : [1 - Math.cos(t) - 0.5, 0.5 - Math.sin(t) - 0.25];
  },
  // k arms from the centre, arm c starting at angle 2πc/k.
  spirals: (random, label, classes) => {
    const t = random.uniform();
    const angle = (2 * Math.PI * label) / classes + SPIRAL_TURN * t;
    return [t * Math.cos(angle), t * Math.sin(angle)];
  },
  // k round blobs with centres evenly spaced on a circle.
  gaussians: (random, label, classes) => {
    const angle = (2 * Math.PI * label) / classes;
    return [
      BLOB_RADIUS * Math.cos(angle) + BLOB_SPREAD * random.normal(),
      BLOB_RADIUS * Math.sin(angle) + BLOB_SPREAD * random.normal(),
    ];
  },
  // Uniform in the square; the class is the colour of a 4×4 board's cell.
  checkerboard: (random, label) => {
    for (;;) {
      const x = random.uniformIn(-1, 1);
      const y = random.uniformIn(-1, 1);
      const cell = Math.floor(((x + 1) / 2) * CHECKERBOARD_CELLS) + Math.floor(((y + 1) / 2) * CHECKERBOARD_CELLS);
      if (cell % 2 === label) return [x, y];
    }
  },
};

/** Class names of a synthetic source, in label order ("0", "1", …). */
export function syntheticClassNames(spec: Pick<SyntheticDataSpec, 'source' | 'classes'>): string[] {
  return Array.from({ length: spec.classes }, (_, index) => String(index));
}

function checkSpec(spec: SyntheticDataSpec): void {
  if (!Number.isInteger(spec.samples) || spec.samples < 1 || spec.samples > LIMITS.maxSamples) {
    throw new DataError('too-many-samples',
      `"samples" must be an integer from 1 to ${LIMITS.maxSamples.toLocaleString('en-US')} (LIMITS.maxSamples); got ${spec.samples}.`, { key: 'samples' });
  }
  if (spec.source !== 'sine' && (!Number.isInteger(spec.classes) || spec.classes < 2)) {
    throw new DataError('bad-labels', `"${spec.source}" needs at least 2 classes; got ${spec.classes}.`, { key: 'classes' });
  }
}

/** Inputs and class labels of a classification source, before encoding. */
export function generateLabelled(spec: SyntheticDataSpec): LabelledSamples {
  checkSpec(spec);
  if (spec.source === 'sine') throw new DataError('bad-labels', '"sine" is a regression set; it has no class labels.', { key: 'source' });
  const generate = GENERATORS[spec.source];
  const random = new Random(spec.seed);
  const classes = spec.classes;
  const inputs = new Float64Array(spec.samples * 2);
  const labels = new Int32Array(spec.samples);
  for (let i = 0; i < spec.samples; i++) {
    const label = i % classes;
    const [x, y] = generate(random, label, classes);
    inputs[2 * i] = x + spec.noise * random.normal();
    inputs[2 * i + 1] = y + spec.noise * random.normal();
    labels[i] = label;
  }
  return { inputs, inputWidth: 2, labels, classNames: syntheticClassNames(spec), featureNames: ['x', 'y'] };
}

/** y = sin x + noise, x uniform in [−π, π]. */
function generateSine(spec: SyntheticDataSpec): Dataset {
  checkSpec(spec);
  const random = new Random(spec.seed);
  const inputs = new Float64Array(spec.samples);
  const targets = new Float64Array(spec.samples);
  for (let i = 0; i < spec.samples; i++) {
    const x = random.uniformIn(-Math.PI, Math.PI);
    inputs[i] = x;
    targets[i] = Math.sin(x) + spec.noise * random.normal();
  }
  return { inputs, targets, count: spec.samples, inputWidth: 1, targetWidth: 1, task: 'regression', featureNames: ['x'] };
}

/**
 * The dataset of a synthetic spec. Class targets follow `loss` as encodeTargets describes
 * (two classes with binary_cross_entropy or mse: one 0/1 column; cross_entropy: one-hot).
 * `sine` is regression whatever the loss.
 */
export function generateSynthetic(spec: SyntheticDataSpec, loss: LossName = 'cross_entropy'): Dataset {
  return spec.source === 'sine' ? generateSine(spec) : labelledToDataset(generateLabelled(spec), loss);
}
