// The NumPy and PyTorch peers: bench/python/peer.py in a child process of the bench, fed the
// workload's initial weights and batches as raw little-endian float32 on stdin (no pickle), then
// driven by one-line commands. The child times its own steps, so the rate has no pipe in it.
// Both run on one thread: OPENBLAS_NUM_THREADS / OMP_NUM_THREADS / MKL_NUM_THREADS = 1, and
// torch.set_num_threads(1). For NumPy the machine's OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are left
// out, so OpenBLAS picks the kernel it would for a user; the peer's detail names the kernel that ran.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import type { Peer, PeerId } from './peers';
import { LEARNING_RATE, type SharedData, type Workload } from './workloads';

type Framework = 'numpy' | 'torch';

/** bench/python/peer.py, found upwards from this bundle (out/bench/ for the bench, deeper for tests). */
function locateScript(): string | undefined {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'bench', 'python', 'peer.py');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}
/** Interpreters tried in order; the first that imports the framework runs it (PATH's may lack Debian's torch). */
const INTERPRETERS = ['python3', '/usr/bin/python3'];
const ONE_THREAD = { OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };

function interpreterFor(framework: Framework): string | undefined {
  return INTERPRETERS.find((python) => spawnSync(python, ['-c', `import ${framework}`], { stdio: 'ignore', timeout: 60_000 }).status === 0);
}

function environmentFor(framework: Framework): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...ONE_THREAD };
  if (framework === 'numpy') {
    delete env.OPENBLAS_CORETYPE;
    delete env.OPENBLAS_L2_SIZE;
  }
  return env;
}

function float32Bytes(values: ArrayLike<number>): Buffer {
  const array = Float32Array.from(values);
  // Little-endian on every platform Node runs the bench on; say so rather than assume it.
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error('the bench\'s Python peers need a little-endian machine');
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}

class PythonPeer implements Peer {
  private readonly replies: ((line: string) => void)[] = [];
  private exitMessage = '';
  readonly inProcess = false;

  constructor(readonly id: PeerId, readonly detail: string, private readonly child: ChildProcessWithoutNullStreams, lines: Interface) {
    lines.on('line', (line) => this.replies.shift()?.(line));
    child.on('exit', (code, signal) => {
      this.exitMessage = `the ${id} peer exited (${code ?? signal})`;
      for (const reply of this.replies.splice(0)) reply('');
    });
  }

  async enter(): Promise<void> {}

  private async ask<T>(command: string): Promise<T> {
    const line = await new Promise<string>((done) => {
      this.replies.push(done);
      this.child.stdin.write(`${command}\n`);
    });
    if (line === '') throw new Error(this.exitMessage || `the ${this.id} peer gave no answer to "${command}"`);
    return JSON.parse(line) as T;
  }

  async losses(steps: number): Promise<number[]> {
    return (await this.ask<{ losses: number[] }>(`losses ${steps}`)).losses;
  }

  async run(ms: number): Promise<{ rate: number; steps: number }> {
    const { steps, seconds } = await this.ask<{ steps: number; seconds: number }>(`run ${ms}`);
    return { rate: steps / seconds, steps };
  }

  dispose(): void {
    if (this.child.exitCode === null) this.child.stdin.end('quit\n');
  }
}

/** Starts the peer and sends it the workload, or says why it cannot run here. */
export async function startPythonPeer(framework: Framework, workload: Workload, data: SharedData): Promise<Peer | string> {
  const script = locateScript();
  if (!script) return `bench/python/peer.py not found above ${__dirname}`;
  const python = interpreterFor(framework);
  if (!python) return `no Python with ${framework} (tried ${INTERPRETERS.join(', ')}; Debian: python3-${framework === 'numpy' ? 'numpy' : 'torch'})`;
  const child = spawn(python, [script], { env: environmentFor(framework), stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
  const lines = createInterface({ input: child.stdout });
  const ready = new Promise<string>((done) => {
    lines.once('line', done);
    child.once('exit', () => done(''));
  });
  const { sizes, hidden, batch, batches } = workload;
  child.stdin.write(`${JSON.stringify({ framework, sizes, hidden, batch, batches, learningRate: LEARNING_RATE })}\n`);
  for (let l = 0; l < sizes.length - 1; l++) {
    child.stdin.write(float32Bytes(data.initial.weights[l]));
    child.stdin.write(float32Bytes(data.initial.biases[l]));
  }
  child.stdin.write(float32Bytes(data.dataset.inputs));
  child.stdin.write(float32Bytes(data.dataset.targets));
  const first = await ready;
  if (first === '') return `the ${framework} peer (${python}) failed to start: ${stderr.trim()}`;
  const { detail } = JSON.parse(first) as { detail: string };
  return new PythonPeer(framework, `${detail} (${python})`, child, lines);
}
