/**
 * The synthetic host, run inside the page: snapshots of a 784-256-128-10 net (batch 64) with every
 * quantity the panel draws, posted with window.postMessage so each one arrives as a message event
 * like a real webview message (buffers transferred, see below), at a fixed rate, never more than LIMITS.maxUnacknowledgedSnapshots
 * ahead of the panel's acks (a tick that would exceed it is skipped, as the worker coalesces).
 * Self-contained: Playwright sends the function's source into the page.
 */
import type { BenchGlobals } from './benchPage';

export interface FeederOptions {
  readonly rate: number;
  readonly maxInFlight: number;
}

export function startFeeder(options: FeederOptions): void {
  const page = globalThis as unknown as BenchGlobals;
  const sizes = [784, 256, 128, 10];
  const batch = 64;
  const activations = ['relu', 'relu', 'softmax'];
  let seed = 12345;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648 - 0.5;
  };
  const fill = (length: number, amplitude: number, positive: boolean) => {
    const data = new Float32Array(length);
    for (let i = 0; i < length; i++) data[i] = positive ? Math.abs(random()) * amplitude : random() * amplitude;
    return data;
  };
  // Four variants, cycled, so consecutive snapshots differ and every heatmap redraws.
  const variants = [0, 1, 2, 3].map(() => sizes.slice(1).map((units, l) => {
    const inputs = sizes[l];
    return {
      a: { shape: [batch, units], data: fill(batch * units, 1, true) },
      delta: { shape: [batch, units], data: fill(batch * units, 0.01, false) },
      dW: { shape: [units, inputs], data: fill(units * inputs, 0.05, false) },
      db: { shape: [units], data: fill(units, 0.02, false) },
      W: { shape: [units, inputs], data: fill(units * inputs, 0.2, false) },
    };
  }));
  const summary = { mean: 0, std: 0.1, min: -0.5, max: 0.5 };
  page.postMessage({
    type: 'model', name: 'W1 784-256-128-10', input: 784, batchSize: batch,
    layers: sizes.slice(1).map((units, l) => ({ index: l + 1, units, inputs: sizes[l], activation: activations[l] })),
  }, '*');

  const feeder = { sent: 0, skipped: 0, stop: () => { stopped = true; } };
  page.__benchFeeder = feeder;
  let stopped = false;
  const interval = 1000 / options.rate;
  const start = performance.now();
  let tick = 0;
  const send = () => {
    if (stopped) return;
    if (feeder.sent - page.__benchAcked >= options.maxInFlight) feeder.skipped++;
    else {
      const seq = ++feeder.sent;
      // Fresh copies, transferred: the panel gets new buffers every time (as from VS Code) without
      // this page also paying a serialisation VS Code does in another process.
      const transfer: ArrayBuffer[] = [];
      const tensors = variants[seq % variants.length].map((layer) => Object.fromEntries(Object.entries(layer).map(([name, tensor]) => {
        const data = tensor.data.slice();
        transfer.push(data.buffer);
        return [name, { shape: tensor.shape, data }];
      })));
      page.postMessage({
        type: 'snapshot', seq,
        run: {
          state: 'training', step: seq, epoch: Math.floor(seq / 900), loss: 2.3 * Math.exp(-seq / 3000) + 0.05, accuracy: Math.min(0.98, seq / 3000),
          stepsPerSecond: options.rate, learningRate: 0.01, sampleIndex: seq % batch, batchSize: batch,
        },
        layers: sizes.slice(1).map((units, l) => ({
          index: l + 1, units, inputs: sizes[l], activation: activations[l],
          stats: {
            weightNorm: 10, gradientNorm: 0.1 * (l + 1) * (1 + 0.2 * Math.sin(seq / 50)), deltaNorm: 0.01, activation: summary, delta: summary,
            weightGradient: summary, deadFraction: 0, saturatedFraction: 0, updateRatio: 0.001,
          },
          tensors: tensors[l],
        })),
      }, '*', transfer);
    }
    // Scheduled against the start time, so timer lateness does not lower the average rate.
    tick++;
    setTimeout(send, Math.max(0, start + tick * interval - performance.now()));
  };
  send();
}
