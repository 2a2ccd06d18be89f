// Micro-benchmark of the dense products: the wasm SIMD kernels against a naive Float32Array i-k-j
// loop, on 1024³ and on the shapes a training step of the 784-256-128-10 (batch 64) and
// 2-16-16-3 (batch 32) nets runs. Backends alternate within every round (this machine swings ~2× in
// speed every few seconds), each sample runs ≥ the target time, and we print medians.
//   npx esbuild bench/kernels.ts --bundle --platform=node --loader:.wasm=binary --outfile=/tmp/kb.js && node /tmp/kb.js [--quick] [--filter=TEXT]
import { Random } from '../src/core/random';
import { createWasmKernels } from '../src/engine/kernels/wasm/wasmKernels';

type Op = 'NT' | 'TN' | 'NN';
interface Case { label: string; op: Op; m: number; n: number; k: number; bias?: boolean }

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const filter = args.find((a) => a.startsWith('--filter='))?.slice('--filter='.length);
const rounds = quick ? 3 : 7;
const sampleMs = quick ? 60 : 150;

// One training step: forward Z = A Wᵀ + b per layer (NT), ∂W = Δᵀ A (TN), δ back through W (NN).
function stepCases(tag: string, batch: number, sizes: number[]): Case[] {
  const cases: Case[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const [inp, out] = [sizes[l], sizes[l + 1]];
    cases.push({ label: `${tag} fwd L${l + 1}`, op: 'NT', m: batch, n: out, k: inp, bias: true });
    cases.push({ label: `${tag} dW L${l + 1}`, op: 'TN', m: out, n: inp, k: batch });
    if (l > 0) cases.push({ label: `${tag} δ L${l + 1}`, op: 'NN', m: batch, n: inp, k: out });
  }
  return cases;
}

const allCases: Case[] = [
  { label: '1024³', op: 'NT', m: 1024, n: 1024, k: 1024 },
  { label: '1024³', op: 'TN', m: 1024, n: 1024, k: 1024 },
  { label: '1024³', op: 'NN', m: 1024, n: 1024, k: 1024 },
  ...stepCases('W1', 64, [784, 256, 128, 10]),
  ...stepCases('W2', 32, [2, 16, 16, 3]),
];
const cases = allCases.filter((c) => !filter || `${c.label} ${c.op}`.includes(filter));

// Naive reference: i-k-j over Float32Array (the inner loop is contiguous for each op's layout where possible).
function naive(op: Op, m: number, n: number, k: number, a: Float32Array, b: Float32Array, c: Float32Array, bias?: Float32Array): void {
  if (op === 'NT') {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = bias ? bias[j] : 0;
        for (let p = 0; p < k; p++) s += a[i * k + p] * b[j * k + p];
        c[i * n + j] = s;
      }
    }
    return;
  }
  c.fill(0, 0, m * n);
  for (let i = 0; i < m; i++) {
    for (let p = 0; p < k; p++) {
      const x = op === 'TN' ? a[p * m + i] : a[i * k + p];
      const row = p * n;
      for (let j = 0; j < n; j++) c[i * n + j] += x * b[row + j];
    }
  }
}

const kernels = createWasmKernels();
const random = new Random(42);

interface Setup { run: () => void; flops: number }
function setup(cs: Case): { wasm: Setup; js: Setup; check: number } {
  const { m, n, k, op } = cs;
  const sizeA = m * k, sizeB = n * k, sizeC = m * n;
  const arena = kernels.allocate(sizeA + sizeB + sizeC + n);
  const a = arena.subarray(0, sizeA), b = arena.subarray(sizeA, sizeA + sizeB);
  const c = arena.subarray(sizeA + sizeB, sizeA + sizeB + sizeC), bias = arena.subarray(sizeA + sizeB + sizeC);
  for (let i = 0; i < arena.length; i++) arena[i] = random.uniform() - 0.5;
  const ja = Float32Array.from(a), jb = Float32Array.from(b), jc = new Float32Array(sizeC), jbias = Float32Array.from(bias);
  const flops = 2 * m * n * k;
  const wasm = {
    flops,
    run: op === 'NT' ? () => kernels.gemmNT(m, n, k, a, b, c, cs.bias ? bias : undefined)
      : op === 'TN' ? () => kernels.gemmTN(m, n, k, a, b, c) : () => kernels.gemmNN(m, n, k, a, b, c),
  };
  const js = { flops, run: () => naive(op, m, n, k, ja, jb, jc, cs.bias ? jbias : undefined) };
  wasm.run();
  js.run();
  let worst = 0;
  for (let i = 0; i < sizeC; i++) worst = Math.max(worst, Math.abs(c[i] - jc[i]) / (1 + Math.abs(jc[i])));
  return { wasm, js, check: worst };
}

/** Seconds per call: repeats until the sample lasts ≥ sampleMs. */
function sample(s: Setup, reps: number): number {
  const t0 = performance.now();
  for (let r = 0; r < reps; r++) s.run();
  return (performance.now() - t0) / 1000 / reps;
}
function calibrate(s: Setup, budgetMs: number): number {
  let reps = 1;
  for (;;) {
    const t0 = performance.now();
    for (let r = 0; r < reps; r++) s.run();
    const ms = performance.now() - t0;
    if (ms >= budgetMs / 4 || reps > 1e7) return Math.max(1, Math.ceil((reps * budgetMs) / Math.max(ms, 1e-3)));
    reps *= 4;
  }
}
const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[xs.length >> 1];

console.log(`kernels bench: ${kernels.name} vs naive JS, medians of ${rounds} interleaved rounds (≥${sampleMs} ms each)`);
console.log('case            op      m     n     k   wasm GFLOP/s  (time)      JS GFLOP/s  ratio  maxrelerr');
const skipJsAbove = quick ? 2e8 : 3e9; // naive JS on 1024³ takes ~1 s a call
for (const cs of cases) {
  const { wasm, js, check } = setup(cs);
  const runJs = wasm.flops <= skipJsAbove;
  const wasmReps = calibrate(wasm, sampleMs);
  const jsReps = runJs ? calibrate(js, sampleMs) : 0;
  const tw: number[] = [], tj: number[] = [];
  for (let r = 0; r < rounds; r++) {
    tw.push(sample(wasm, wasmReps));
    if (runJs) tj.push(sample(js, jsReps));
  }
  const gw = wasm.flops / median(tw) / 1e9;
  const gj = runJs ? js.flops / median(tj) / 1e9 : NaN;
  const time = median(tw) * 1e6;
  console.log(`${cs.label.padEnd(14)}  ${cs.op}  ${String(cs.m).padStart(5)} ${String(cs.n).padStart(5)} ${String(cs.k).padStart(5)}   ${gw.toFixed(2).padStart(8)}  (${time < 1000 ? `${time.toFixed(2)} µs` : `${(time / 1000).toFixed(2)} ms`})`.padEnd(70)
    + `${runJs ? gj.toFixed(2).padStart(8) : '       –'}  ${runJs ? (gw / gj).toFixed(1).padStart(5) : '    –'}  ${check.toExponential(1)}`);
}
