// The worker thread's entry: wires the parent port to the training runner. Everything else lives
// in runner.ts so it can be tested in-process.
import { parentPort } from 'node:worker_threads';
import { transferablesOf, type HostToWorkerMessage } from '../protocol/workerMessages';
import { TrainingRunner } from './runner';

if (!parentPort) throw new Error('trainingWorker must run in a worker thread');
const port = parentPort;
const runner = new TrainingRunner((message) => port.postMessage(message, transferablesOf(message)));
port.on('message', (message: HostToWorkerMessage) => runner.handle(message));
