import * as vscode from 'vscode';
import type { GradientCheckReport } from '../../core/gradientCheckReport';
import type { ModelDiagnostic } from '../../model';
import type { ModelSpec } from '../../core/spec';
import { DEFAULTS, PANEL_LIMITS } from '../../core/limits';
import { RUN_STATES, type RunCommand, type RunState, type SnapshotMessage } from '../../protocol/panelMessages';
import type { RunStart, RunStartReason } from '../../protocol/timeline';
import type { StreamSettings } from '../../protocol/workerMessages';
import { NormHistory, type NormHistoryRow } from '../../host/export/normHistory';
import { PanelBinding } from '../../host/panel/panelBinding';
import { gradientCheckMessageOf } from '../../host/panel/gradientCheckMessage';
import { GradientCheckRequest } from '../../host/session/gradientCheckRequest';
import { modelMessageOf, panelTitleOf } from '../../host/session/modelMessage';
import { compareSpecs } from '../../host/session/reloadDiff';
import { SourceRelay } from '../../host/session/sourceRelay';
import { StreamChoice } from '../../host/session/streamChoice';
import type { SnapshotSource, SourceListener, SourceMessage } from '../../host/snapshotSource';
import type { LiveRun } from '../liveFigures';
import type { TrainingSettings } from '../settings';
import type { GradientPanel, PanelExportRequest } from '../panel/gradientPanel';
import type { TrainingDiagnostics } from '../editor/trainingDiagnostics';
import { loadModelWithProgress, rangeIn, unlessCancelled, type LoadedModel, type LoadResult } from './loadModel';
import { SessionPanel, type PanelRequests } from './sessionPanel';

/** Train refused: the model file has a problem at `range` (the validator's first error). */
export class ModelProblemError extends Error {
  constructor(readonly modelUri: vscode.Uri, readonly problem: ModelDiagnostic, readonly range: vscode.Range) {
    super(problem.message);
  }
}

/** The session was disposed (its editor and panel closed) while an operation was under way. */
export class SessionEndedError extends Error {}

/** What a session needs from the manager that owns it. */
export interface SessionHost {
  readonly extensionUri: vscode.Uri;
  /** A new source of snapshots for a run (the built-in worker), reporting to `listener`. */
  createSource(listener: SourceListener): SnapshotSource;
  readonly log: vscode.LogOutputChannel;
  readonly diagnostics: TrainingDiagnostics;
  settings(modelUri: vscode.Uri): TrainingSettings;
  /** State, step or figures changed; `urgent` for state changes, else the manager may throttle. */
  changed(session: TrainingSession): void;
  /** The panel closed; the manager decides whether the session ends. */
  panelClosed(session: TrainingSession): void;
  /** The panel became the active editor: its model is the one commands act on. */
  panelActivated(session: TrainingSession): void;
  /** A panel button: runs the same command as the palette, for this model. */
  runCommand(session: TrainingSession, name: RunCommand): void;
  /** A panel button asked for an export (the exporter asks where to save it). */
  exportRequested(session: TrainingSession, request: PanelExportRequest): void;
}

/**
 * One model file's training: its life cycle and its command queue. It owns a snapshot source
 * (started on demand, replaced after a crash or stop) and its panel (zero or one); the source's
 * news reaches the panel through the relay and the panel binding (src/host), which neither know
 * which source it is. Commands are queued so each sees the state the previous one left.
 */
export class TrainingSession implements vscode.Disposable {
  private link: SnapshotSource | undefined;
  /** What the source runs; the dataset itself was handed to it. */
  private model: (Pick<LoadedModel, 'spec' | 'parsed'> & { readonly imageShape?: readonly [number, number] }) | undefined;
  /** What the panel shows, and the one cache of it for a panel shown (or opened) later. */
  private readonly binding = new PanelBinding();
  private readonly panel: SessionPanel;
  private readonly relay: SourceRelay;
  private readonly checks = new GradientCheckRequest();
  private runState: RunState = 'idle';
  private step = 0;
  private epoch = 0;
  /** Per-layer norms of every snapshot since the run (re)started, for the norm-history export. */
  private readonly history = new NormHistory();
  private snapshotsReceived = 0;
  /** What the source streams, as the settings and the panel chose it. */
  private readonly stream: StreamChoice;
  /** The configured run; its id tells the panel a new run started, and why (see RunStart). */
  private run: RunStart | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private disposed = false;

  constructor(readonly modelUri: vscode.Uri, private readonly host: SessionHost) {
    const settings = host.settings(modelUri);
    this.stream = new StreamChoice(settings);
    this.relay = new SourceRelay(this.binding, settings.diagnosis, {
      state: (message) => this.sourceState(message),
      epoch: (message) => this.host.log.trace(`${this.name}: epoch ${message.epoch} done, train loss ${message.trainLoss}`),
      error: (message) => this.sourceError(message),
      snapshot: (snapshot, findings) => {
        this.snapshotsReceived++;
        this.history.record(snapshot);
        if (this.model) this.host.diagnostics.showFindings(this.modelUri, this.model.parsed, findings, snapshot.layers.length);
        this.host.changed(this);
      },
      settled: (snapshot, findings) => {
        if (this.model) this.host.diagnostics.showFindings(this.modelUri, this.model.parsed, findings, snapshot.layers.length, true);
      },
    });
    this.panel = new SessionPanel({
      extensionUri: host.extensionUri,
      modelUri,
      log: host.log,
      binding: this.binding,
      requests: this.panelRequests(),
      pace: () => this.stream.pace,
      lostWebview: () => {
        if (this.latest) this.acknowledge(this.latest.seq);
        this.setStream({ inputSpace: false }); // a re-created webview asks again when it shows the view
      },
      activated: () => this.host.panelActivated(this),
      closed: () => this.host.panelClosed(this),
      changed: () => this.host.changed(this),
    });
  }

  /** The newest snapshot of the run (the panel binding keeps it). */
  private get latest(): SnapshotMessage | undefined {
    return this.binding.snapshot;
  }

  get name(): string {
    return this.model?.spec.name ?? this.modelUri.path.split('/').pop() ?? this.modelUri.toString();
  }

  get state(): RunState {
    return this.runState;
  }

  get hasLiveWorker(): boolean {
    return this.link?.alive ?? false;
  }

  get hasPanel(): boolean {
    return this.panel.current !== undefined;
  }

  get panelStats(): GradientPanel['stats'] | undefined {
    return this.panel.current?.stats;
  }

  get streamSettings(): StreamSettings {
    return this.stream.settings;
  }

  get snapshotCount(): number {
    return this.snapshotsReceived;
  }

  /** A snapshot of the current run arrived (what enables "Export Snapshot…"). */
  get hasSnapshot(): boolean {
    return this.latest !== undefined;
  }

  /** Norms of the snapshots since the run (re)started, oldest first. */
  get normHistory(): NormHistoryRow[] {
    return this.history.rows;
  }

  /** Rows `normHistory` holds, without copying them. */
  get normHistoryLength(): number {
    return this.history.length;
  }

  /**
   * Every quantity of the batch the next step trains on, at the current parameters, as a dump step
   * record (the worker serializes it with the CLI's serializer); trains nothing.
   */
  dumpStep(): Promise<{ spec: ModelSpec; step: number; record: string }> {
    return this.enqueue(async () => {
      await this.ensureWorker();
      const reply = await this.running().dumpStep();
      if (!this.model) throw new Error(`${this.name}: the model was unloaded during the export`);
      return { spec: this.model.spec, step: reply.step, record: reply.record };
    });
  }

  /** The figures the hover and the status bar show. */
  get live(): LiveRun {
    return {
      state: this.runState,
      step: Math.max(this.step, this.latest?.run.step ?? 0),
      epoch: Math.max(this.epoch, this.latest?.run.epoch ?? 0),
      loss: this.latest?.run.loss ?? Number.NaN,
      layers: this.latest?.layers.map((layer) => layer.stats) ?? [],
      findings: this.relay.findings,
    };
  }

  get stepsPerSecond(): number {
    return this.runState === 'training' ? (this.latest?.run.stepsPerSecond ?? 0) : 0;
  }

  train(): Promise<void> {
    return this.enqueue(async () => {
      if (this.runState === 'training' && this.hasLiveWorker) return;
      if (this.runState === 'finished' || this.runState === 'diverged' || this.runState === 'error') await this.fresh();
      await this.ensureWorker();
      await this.running().train();
      this.host.log.info(`${this.name}: training started`);
    });
  }

  pause(): Promise<void> {
    return this.enqueue(async () => {
      if (this.runState !== 'training' || !this.hasLiveWorker) return;
      await this.running().pause();
      this.host.log.info(`${this.name}: paused at step ${this.step}`);
    });
  }

  resume(): Promise<void> {
    return this.enqueue(async () => {
      if ((this.runState !== 'paused' && this.runState !== 'idle') || !this.hasLiveWorker) return;
      await this.running().resume();
      this.host.log.info(`${this.name}: resumed at step ${this.step}`);
    });
  }

  /** Runs `count` batches and pauses; resolves once the last one is done. */
  runSteps(count: number): Promise<void> {
    return this.enqueue(async () => {
      if (this.runState === 'finished' || this.runState === 'diverged' || this.runState === 'error') await this.fresh();
      await this.ensureWorker();
      await this.running().step(count);
      this.host.log.info(`${this.name}: stepped ${count} batch${count === 1 ? '' : 'es'} to step ${this.step}`);
    });
  }

  /**
   * Opens the panel on a paused step and starts its walk-through: a training run pauses, a run
   * with no step yet takes one (Step), a paused run keeps its step.
   */
  async walkThroughStep(): Promise<void> {
    await this.openPanel();
    if (this.runState === 'training') await this.pause();
    else if (this.runState !== 'paused' || !this.latest) await this.runSteps(1);
    this.binding.startWalkthrough();
  }

  /** Ends the run and its worker; the panel keeps showing the last snapshot. */
  stop(): Promise<void> {
    return this.enqueue(async () => {
      if (!this.link) return;
      if (this.hasLiveWorker) await this.running().stop();
      await this.endWorker();
      this.setState('finished');
      this.host.log.info(`${this.name}: stopped at step ${this.step}`);
    });
  }

  /** Re-initializes with the seed, at step 0, paused (a fresh worker if the old one is gone). */
  reset(): Promise<void> {
    return this.enqueue(async () => {
      this.host.diagnostics.clear(this.modelUri);
      if (!this.hasLiveWorker) {
        await this.ensureWorker();
      } else {
        await this.running().reset();
      }
      this.host.diagnostics.clear(this.modelUri); // again: snapshots may have arrived while the worker reset
      this.relay.clearRun();
      this.history.clear();
      this.host.log.info(`${this.name}: reset (seed ${this.model?.spec.training.seed ?? '?'})`);
      this.host.changed(this);
    });
  }

  /**
   * The worker's central-difference check at the current weights, also shown in the panel (now, or
   * when it opens later); undefined when cancelled or interrupted by another command. Cancelling
   * stops waiting at once and tells the worker to abandon the check, which it does before its next
   * parameter; a following check first waits for that reply, so it can never pass for its own.
   */
  checkGradients(token: vscode.CancellationToken, progress?: vscode.Progress<{ message?: string }>): Promise<GradientCheckReport | undefined> {
    return this.enqueue(async () => {
      try {
        if (token.isCancellationRequested) return undefined;
        if (!this.hasLiveWorker) progress?.report({ message: 'loading the model…' });
        await this.ensureWorker(token);
        const abandoned = this.checks.abandonedCheck;
        if (abandoned) {
          progress?.report({ message: 'waiting for the cancelled check to end…' });
          await unlessCancelled(abandoned, token);
        }
        if (token.isCancellationRequested) return undefined;
      } catch (error) {
        if (error instanceof vscode.CancellationError) return undefined;
        throw error;
      }
      progress?.report({ message: 'comparing ∂L/∂W⁽ˡ⁾, ∂L/∂b⁽ˡ⁾ with central differences…' });
      const cancelled = new Promise<void>((resolve) => {
        if (token.isCancellationRequested) resolve();
        token.onCancellationRequested(() => resolve());
      });
      const outcome = await this.checks.run(this.running(), DEFAULTS.gradientCheckSamplesPerTensor, cancelled);
      if (outcome.kind === 'cancelled') {
        this.host.log.debug(`${this.name}: asked the worker to abandon the cancelled gradient check`);
        return undefined;
      }
      if (outcome.kind === 'interrupted') {
        this.host.log.info(`${this.name}: the gradient check was interrupted by another command`);
        return undefined;
      }
      this.binding.showGradientCheck(gradientCheckMessageOf(outcome.report));
      return outcome.report;
    });
  }

  /** The file was saved: apply what changed to the running worker (a new η applies at once; any other change reconfigures the worker and restarts the run). */
  reload(): Promise<void> {
    return this.enqueue(async () => {
      if (!this.hasLiveWorker || !this.model) return;
      let result: LoadResult;
      try {
        result = await loadModelWithProgress(this.modelUri, this.host.extensionUri, this.host.settings(this.modelUri), `Gradient Lens: reloading ${this.name}…`);
      } catch (error) {
        if (!(error instanceof vscode.CancellationError)) throw error;
        this.host.log.info(`${this.name}: reload cancelled while loading the model; the last valid run continues`);
        return;
      }
      this.checkNotEnded();
      if (!this.hasLiveWorker) return; // the worker ended (crashed or stopped) while the file was read
      if (!result.ok) {
        this.host.log.warn(`${this.name}: saved model is invalid (${result.problem.message}); the last valid run continues`);
        return;
      }
      const change = compareSpecs(this.model.spec, result.model.spec);
      if (change === 'none') return;
      if (change === 'learningRate') {
        this.link!.setLearningRate(result.model.spec.training.learningRate);
        this.model = { spec: result.model.spec, parsed: result.model.parsed };
        this.host.log.info(`${this.name}: learning rate set to ${result.model.spec.training.learningRate}`);
        return;
      }
      const wasTraining = this.runState === 'training';
      await this.configure(this.link!, result.model, 'edit');
      if (wasTraining) await this.running().train();
      this.host.log.info(`${this.name}: reloaded after save (architecture or data changed)${wasTraining ? ', training restarted' : ''}`);
    });
  }

  /**
   * Resolves when the panel's webview can draw (or after PANEL_LIMITS.maxReadyWaitMs), so a run
   * started next is watched from its first step; at once without a panel.
   */
  panelReady(): Promise<void> {
    return this.panel.whenReady(PANEL_LIMITS.maxReadyWaitMs);
  }

  /**
   * Opens (or reveals) the panel. The model is loaded first, so a model that cannot train gets no
   * panel; then the webview loads while the worker starts, since both take a few hundred
   * milliseconds and the webview is the slowest part of a first Train.
   */
  openPanel(): Promise<void> {
    return this.enqueue(async () => {
      if (this.panel.reveal()) return;
      let created = false;
      const create = (name: string) => {
        created = true;
        this.panel.create(panelTitleOf(name));
      };
      await this.ensureWorker(undefined, (model) => create(model.spec.name));
      if (created) return;
      // A worker was already running (started by Step, say): nothing was loaded.
      create(this.name);
    });
  }

  /** Takes over a panel VS Code restored after a reload, then loads the model into it. */
  adoptPanel(webviewPanel: vscode.WebviewPanel): Promise<void> {
    this.panel.adopt(webviewPanel);
    if (this.model) this.panel.setTitle(panelTitleOf(this.model.spec.name));
    return this.enqueue(async () => {
      try {
        await this.ensureWorker();
      } catch (error) {
        if (error instanceof vscode.CancellationError) return; // logged by ensureWorker
        this.binding.showError({ type: 'error', message: error instanceof Error ? error.message : String(error) });
      }
    });
  }

  revealPanel(): boolean {
    return this.panel.reveal();
  }

  /** The panel, if one is open (the integration tests' API posts messages through its validator). */
  get openPanelView(): GradientPanel | undefined {
    return this.panel.current;
  }

  /** The current source of snapshots, if one is running. */
  get source(): SnapshotSource | undefined {
    return this.link;
  }

  /** New settings: the diagnosis thresholds, the snapshot rate, the pace if its setting changed (and default quantities, unless the panel chose its own). */
  applySettings(settings: TrainingSettings): void {
    this.relay.setThresholds(settings.diagnosis);
    const pace = this.stream.applyDefaults(settings);
    this.streamChanged();
    if (pace) this.binding.setPace(pace);
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.panel.dispose();
    this.host.diagnostics.clear(this.modelUri);
    await this.endWorker();
  }

  // ---------------------------------------------------------------------------------------------

  private enqueue<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.queue.then(() => {
      this.checkNotEnded();
      return operation();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Throws SessionEndedError once the session was disposed. Called after every await of a start-up
   * (loading can take seconds): a session disposed meanwhile must not go on to start a worker.
   */
  private checkNotEnded(): void {
    if (this.disposed) throw new SessionEndedError(`the session of ${this.name} has ended`);
  }

  /** The source, which must be alive for a command. */
  private running(): SnapshotSource {
    if (!this.link?.alive) throw new Error(`${this.name}: the training worker is not running`);
    return this.link;
  }

  /** Drops a finished, diverged or dead worker so the next run starts from a fresh one. */
  private async fresh(): Promise<void> {
    await this.endWorker();
    this.host.diagnostics.clear(this.modelUri);
  }

  /**
   * Starts and configures a worker unless one is alive. Loading the model and its dataset shows a
   * cancellable progress notification when slow (or is cancelled by `token`, an operation's own);
   * cancelling aborts the start with `vscode.CancellationError`. `loaded` runs once the model is
   * known to be valid, before the worker is spawned.
   */
  private async ensureWorker(token?: vscode.CancellationToken, loaded?: (model: LoadedModel) => void): Promise<void> {
    if (this.link?.alive) return;
    const fileName = this.modelUri.path.split('/').pop() ?? this.modelUri.path;
    let result: LoadResult;
    try {
      result = await loadModelWithProgress(this.modelUri, this.host.extensionUri, this.host.settings(this.modelUri), `Gradient Lens: loading ${fileName} and its dataset…`, token);
    } catch (error) {
      if (error instanceof vscode.CancellationError) this.host.log.info(`${this.name}: start cancelled while loading ${this.modelUri.path}`);
      throw error;
    }
    this.checkNotEnded();
    if (!result.ok) throw new ModelProblemError(this.modelUri, result.problem, rangeIn(result.parsed, result.problem.range));
    loaded?.(result.model);
    this.host.log.info(`${result.model.spec.name}: spec loaded from ${this.modelUri.path}: ${result.model.spec.layers.length} layers, dataset ${result.model.spec.data.source} with ${result.model.dataset.count} samples`);
    await this.endWorker();
    this.checkNotEnded();
    const link: SnapshotSource = this.host.createSource({
      message: (message) => { if (link === this.link) this.relay.receive(link, message); }, // else a replaced source's last words
      ended: (cause) => this.sourceEnded(link, cause),
    });
    this.link = link;
    try {
      await this.configure(link, result.model, 'load');
    } catch (error) {
      await this.endWorker();
      throw error;
    }
  }

  private async configure(link: SnapshotSource, model: LoadedModel, reason: RunStartReason): Promise<void> {
    const { spec, parsed } = model;
    const imageShape = model.dataset.imageShape;
    this.relay.beginConfiguration(); // the worker sends this configuration's points before it is configured
    const configured = await link.configure(spec, model.dataset, this.stream.settings);
    // The dataset now belongs to the worker (its buffers were transferred): keep only spec, ranges and image shape.
    this.model = { spec, parsed, ...(imageShape ? { imageShape } : {}) };
    this.history.clear();
    this.host.diagnostics.clear(this.modelUri);
    this.host.log.info(`${spec.name}: worker ready: ${configured.parameterCount} parameters, ${configured.trainSamples} training + ${configured.validationSamples} validation samples, ${configured.stepsPerEpoch} steps/epoch, kernels ${configured.kernels}`);
    this.panel.setTitle(panelTitleOf(spec.name));
    this.run = { id: (this.run?.id ?? 0) + 1, reason };
    // New parameters (and perhaps layers): the old snapshot, scalars and gradient check no longer apply.
    this.relay.showLayout(this.modelMessage());
    this.host.changed(this); // the name shown in the status bar may have changed
  }

  private sourceState(message: Extract<SourceMessage, { type: 'state' }>): void {
    this.step = message.step;
    this.epoch = message.epoch;
    if (message.state === 'finished' && this.runState === 'training') this.host.log.info(`${this.name}: finished at epoch ${message.epoch}, step ${message.step}`);
    this.setState(message.state);
  }

  /** The source's error (already in the panel's banner): logged, and on the model file when the run diverged. */
  private sourceError(error: Extract<SourceMessage, { type: 'error' }>): void {
    if (error.code === 'non-finite') {
      this.host.log.warn(`${this.name}: diverged: ${error.message}`);
      if (this.model) this.host.diagnostics.report(this.modelUri, this.model.parsed, error.layer ?? 0, error.message);
      return;
    }
    this.host.log.error(`${this.name}: worker error (${error.code}): ${error.message}`);
    if (error.code === 'exception' || error.code === 'out-of-memory') {
      void vscode.window.showErrorMessage(`Gradient Lens: training ${this.name} failed: ${error.message}`);
    }
  }

  private sourceEnded(link: SnapshotSource, reason: string): void {
    if (link !== this.link) return;
    this.link = undefined;
    this.checks.forget();
    const cause = `${link.label} for ${this.name} ${reason}`;
    this.host.log.error(`${cause}. Train starts a fresh worker.`);
    this.binding.showError({ type: 'error', message: `${cause}. Train starts a fresh worker.` });
    this.setState('error');
    void vscode.window.showErrorMessage(`Gradient Lens: ${cause}. Run Train to start a fresh worker.`);
    void link.dispose();
  }

  private async endWorker(): Promise<void> {
    const link = this.link;
    this.link = undefined;
    this.checks.forget(); // it settles when its worker exits
    await link?.dispose();
  }

  private setState(state: RunState): void {
    if (!(RUN_STATES as readonly string[]).includes(state)) return;
    this.runState = state;
    this.relay.showState(state);
    this.host.changed(this);
  }

  private modelMessage(): ReturnType<typeof modelMessageOf> {
    return modelMessageOf(this.model!.spec, { run: this.run, timeline: this.host.settings(this.modelUri).timeline, imageShape: this.model!.imageShape });
  }

  private setStream(change: Partial<StreamSettings>): void {
    this.stream.change(change);
    this.streamChanged();
  }

  private streamChanged(): void {
    if (this.link?.alive) this.link.setStream(this.stream.settings);
  }

  private acknowledge(seq: number): void {
    if (this.link?.alive) this.link.acknowledge(seq);
  }

  /** What the panel's buttons and controls ask of this session. */
  private panelRequests(): PanelRequests {
    return {
      command: (name) => this.host.runCommand(this, name),
      acknowledge: (seq) => this.acknowledge(seq),
      setLearningRate: (value) => {
        if (this.link?.alive) this.link.setLearningRate(value);
        this.host.log.info(`${this.name}: learning rate set to ${value} from the panel`);
      },
      selectSample: (index) => this.setStream({ sample: Math.min(index, Math.max(0, (this.model?.spec.training.batchSize ?? 1) - 1)) }),
      setView: (quantities, layers) => {
        this.stream.chooseView(quantities, layers);
        this.streamChanged();
      },
      export: (request) => this.host.exportRequested(this, request),
      setInputSpace: (visible) => this.setStream({ inputSpace: visible }),
      setPace: (pace) => {
        this.binding.pacedByPanel(pace);
        this.setStream({ pace });
        this.host.log.info(`${this.name}: pace set to ${pace} from the panel`);
      },
    };
  }
}
