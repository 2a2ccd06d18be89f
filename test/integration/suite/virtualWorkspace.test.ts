// Remote and virtual file systems: a model and its CSV that exist only in an in-memory
// file-system provider train, because every data file is read through vscode.workspace.fs; a
// missing CSV there is refused with a diagnostic on "path", as on disk, and so is one whose `stat`
// is over the size limit, before a byte of it is read.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, LONG, waitFor } from './fixture';

const SCHEME = 'gradient-lens-memfs';

/** The smallest FileSystemProvider that holds files in a Map: enough to open, read and stat. */
class MemoryFileSystem implements vscode.FileSystemProvider {
  private readonly files = new Map<string, Uint8Array>();
  /** Sizes `stat` reports instead of the real one, as a provider may for a file it has not fetched. */
  private readonly statedSizes = new Map<string, number>();
  /** Paths whose bytes were asked for, in order. */
  readonly reads: string[] = [];
  private readonly changes = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changes.event;

  put(path: string, text: string): vscode.Uri {
    this.files.set(path, new TextEncoder().encode(text));
    return vscode.Uri.from({ scheme: SCHEME, path });
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    if (uri.path === '/') return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    const bytes = this.files.get(uri.path);
    if (!bytes) throw vscode.FileSystemError.FileNotFound(uri);
    return { type: vscode.FileType.File, ctime: 0, mtime: 0, size: this.statedSizes.get(uri.path) ?? bytes.length };
  }

  stateSize(path: string, size: number): void {
    this.statedSizes.set(path, size);
  }

  readFile(uri: vscode.Uri): Uint8Array {
    this.reads.push(uri.path);
    const bytes = this.files.get(uri.path);
    if (!bytes) throw vscode.FileSystemError.FileNotFound(uri);
    return bytes;
  }

  writeFile(uri: vscode.Uri, content: Uint8Array): void {
    this.files.set(uri.path, content);
    this.changes.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }

  readDirectory(): [string, vscode.FileType][] {
    return [...this.files.keys()].map((path) => [path.slice(1), vscode.FileType.File]);
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  createDirectory(): void { throw vscode.FileSystemError.NoPermissions('read-only test file system'); }
  delete(): void { throw vscode.FileSystemError.NoPermissions('read-only test file system'); }
  rename(): void { throw vscode.FileSystemError.NoPermissions('read-only test file system'); }
}

/** Two separable classes in a CSV, as a workspace file would hold them. */
function pointsCsv(rows: number): string {
  const lines = ['x,y,label'];
  for (let i = 0; i < rows; i++) {
    const side = i % 2;
    lines.push(`${side * 2 - 1 + (i % 7) * 0.01},${(i % 5) * 0.1},${side ? 'b' : 'a'}`);
  }
  return `${lines.join('\n')}\n`;
}

const model = (csv: string) => JSON.stringify({
  name: 'memfs points',
  layers: [{ units: 4, activation: 'tanh' }, { units: 2, activation: 'softmax' }],
  data: { source: 'csv', path: csv, target: 'label', normalize: 'standard' },
  training: { optimizer: 'adam', learningRate: 0.05, batchSize: 8, epochs: 50, seed: 3 },
}, undefined, 2);

describe('virtual workspaces', function () {
  this.timeout(60_000);
  const memory = new MemoryFileSystem();
  let registration: vscode.Disposable;

  before(() => {
    registration = vscode.workspace.registerFileSystemProvider(SCHEME, memory, { isCaseSensitive: true });
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    registration.dispose();
  });

  it('trains a model whose CSV exists only in a virtual file system', async () => {
    const lens = await api();
    memory.put('/points.csv', pointsCsv(64));
    const uri = memory.put('/points.nn.json', model('points.csv'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
    await vscode.commands.executeCommand('gradientLens.train', uri);
    await waitFor('steps on the virtual model', () => (lens.liveRun(uri)?.step ?? 0) > 3, LONG);
    assert.ok(['training', 'finished'].includes(lens.sessionState(uri) ?? ''), `state ${lens.sessionState(uri)}`);
    await vscode.commands.executeCommand('gradientLens.stop', uri);
    await waitFor('the worker to end', () => lens.liveWorkerCount() === 0, LONG);
  });

  it('refuses a virtual model whose CSV is missing, with a diagnostic on "path"', async () => {
    const lens = await api();
    const text = model('absent.csv');
    const uri = memory.put('/absent.nn.json', text);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: false });
    await vscode.commands.executeCommand('gradientLens.train', uri);
    assert.equal(lens.sessionState(uri), undefined, 'nothing started: no session is left behind');
    const diagnostic = await waitFor('a diagnostic on the data path', () =>
      vscode.languages.getDiagnostics(uri).find((d) => d.source === 'Gradient Lens' && /absent\.csv/.test(d.message)), LONG);
    assert.equal(document.getText(diagnostic.range), '"absent.csv"');
    assert.equal(lens.liveWorkerCount(), 0);
  });

  it('refuses a virtual CSV that stat says is over the size limit without reading it', async () => {
    const lens = await api();
    memory.put('/huge.csv', pointsCsv(8));
    memory.stateSize('/huge.csv', 300 * 1024 * 1024);
    const uri = memory.put('/huge.nn.json', model('huge.csv'));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: false });
    await vscode.commands.executeCommand('gradientLens.train', uri);
    const diagnostic = await waitFor('a diagnostic on the data path', () =>
      vscode.languages.getDiagnostics(uri).find((d) => d.source === 'Gradient Lens' && /huge\.csv is 300\.0 MiB/.test(d.message)), LONG);
    assert.equal(document.getText(diagnostic.range), '"huge.csv"');
    assert.ok(!memory.reads.includes('/huge.csv'), `read anyway: ${memory.reads.join(', ')}`);
    assert.equal(lens.liveWorkerCount(), 0);
  });
});
