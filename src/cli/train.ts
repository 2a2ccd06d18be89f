import { storedFor } from '../core/dataset';
import { formatValue } from '../core/numberFormat';
import { createTrainer, type StepReport } from '../engine';
import type { CliCommand } from './args';
import { stepRecord } from '../engine/dumpFormat';
import { DumpWriter } from './dump';
import { createKernels } from '../engine/kernels/select';
import { loadValidModel, withOverrides } from './load';
import { ProgressBar } from './progress';

type TrainCommand = Extract<CliCommand, { kind: 'train' }>;

interface EpochRow {
  readonly epoch: number;
  readonly step: number;
  readonly trainLoss: number;
  readonly trainAccuracy: number | null;
  readonly validationLoss: number | null;
  readonly validationAccuracy: number | null;
  /** ‖∂L/∂W⁽ˡ⁾‖ of the row's last step, layer by layer. */
  readonly gradientNorms: readonly number[];
  readonly stepsPerSecond: number;
}

const fixed = (value: number | null, digits: number) => (value === null ? '—' : value.toFixed(digits));

function tableHeader(layers: number): string {
  const norms = Array.from({ length: layers }, (_, i) => `‖dW${i + 1}‖`.padStart(9)).join(' ');
  return `${'epoch'.padStart(6)} ${'step'.padStart(8)} ${'loss'.padStart(9)} ${'acc'.padStart(6)} ${'val loss'.padStart(9)} ${'val acc'.padStart(7)} ${norms} ${'steps/s'.padStart(9)}`;
}

function tableRow(row: EpochRow): string {
  const norms = row.gradientNorms.map((n) => formatValue(n).padStart(9)).join(' ');
  return `${String(row.epoch).padStart(6)} ${String(row.step).padStart(8)} ${fixed(row.trainLoss, 5).padStart(9)} ${fixed(row.trainAccuracy, 3).padStart(6)} ` +
    `${fixed(row.validationLoss, 5).padStart(9)} ${fixed(row.validationAccuracy, 3).padStart(7)} ${norms} ${row.stepsPerSecond.toFixed(0).padStart(9)}`;
}

/** `gradient-lens train`: trains headless, prints a per-epoch table (or JSON lines), optionally dumps steps. */
export async function train(command: TrainCommand, out: (line: string) => void, err: (line: string) => void): Promise<number> {
  const loaded = await loadValidModel(command.model, err);
  const spec = withOverrides(loaded.spec, command);
  const trainer = createTrainer(spec, storedFor(loaded.dataset, spec.training.precision), { kernels: createKernels(spec.training.precision) });
  const totalSteps = command.steps ?? spec.training.epochs * trainer.stepsPerEpoch;
  const dumpSteps = new Set(command.dumpSteps ?? []);
  const wantsDump = (k: number) => dumpSteps.has(k) || (command.dumpEvery !== undefined && k % command.dumpEvery === 0);
  const dump = command.dump !== undefined ? new DumpWriter(command.dump, spec) : undefined;
  const progress = new ProgressBar(totalSteps);
  const emit = (row: EpochRow) => {
    progress.clear();
    out(command.json ? JSON.stringify({ type: 'epoch', ...row }) : tableRow(row));
  };

  if (!command.json) {
    out(`${spec.name}: ${spec.input}-${spec.layers.map((l) => l.units).join('-')}, ${trainer.network.parameterCount} parameters, ` +
      `${trainer.trainIndices.length} training / ${trainer.validationIndices.length} validation samples, ${spec.training.precision}, ` +
      `${trainer.network.kernels.name}, seed ${spec.training.seed}, ${totalSteps} steps`);
    out(tableHeader(spec.layers.length));
  }

  let report: StepReport | undefined;
  let epochStartedAt = performance.now();
  let epochStartStep = 0;
  for (let k = 0; k < totalSteps; k++) {
    const last = k === totalSteps - 1;
    const endsEpoch = (k + 1) % trainer.stepsPerEpoch === 0;
    let record: string | undefined;
    report = trainer.step({
      stats: endsEpoch || last,
      // Every step, so the report names where the first NaN/±Inf arose, not where it spread to.
      scanNonFinite: true,
      ...(wantsDump(k) ? { inspect: (network, rows, loss) => { record = stepRecord(k, loss, network, rows, spec.training.precision); } } : {}),
    });
    if (record !== undefined) await dump?.add(record);
    if (report.nonFinite) {
      progress.clear();
      const where = report.nonFinite.layer === 0 ? 'the loss' : `layer ${report.nonFinite.layer}, ${report.nonFinite.quantity}[${report.nonFinite.index}]`;
      // Step numbers as the panel shows them (from 1), with the 0-based index --dump-steps takes.
      err(`${command.model}: step ${k + 1} (--dump-steps ${k}): non-finite value ${report.nonFinite.value} in ${where}. ` +
        'Training stopped: try a smaller learning rate or another initialization.');
      await dump?.close();
      return 1;
    }
    if (report.epochEnd || last) {
      const now = performance.now();
      const stepsDone = k + 1 - epochStartStep;
      const validation = report.epochEnd?.validation ?? null;
      emit({
        epoch: report.epochEnd?.epoch ?? trainer.epoch,
        step: k + 1,
        trainLoss: report.epochEnd?.trainLoss ?? report.loss,
        trainAccuracy: report.epochEnd?.trainAccuracy ?? null,
        validationLoss: validation?.loss ?? null,
        validationAccuracy: validation?.accuracy ?? null,
        gradientNorms: report.stats?.map((s) => s.gradientNorm) ?? [],
        stepsPerSecond: (1000 * stepsDone) / Math.max(1e-9, now - epochStartedAt),
      });
      epochStartedAt = now;
      epochStartStep = k + 1;
    }
    progress.update(k + 1, `step ${k + 1}/${totalSteps} loss ${report.loss.toFixed(5)}`);
  }
  progress.clear();
  const written = await dump?.close();
  if (command.json) {
    out(JSON.stringify({ type: 'done', steps: totalSteps, epochs: trainer.epoch, loss: report?.loss ?? null, ...(command.dump ? { dump: command.dump, dumpedSteps: written } : {}) }));
  } else if (command.dump) {
    out(`wrote ${written} step(s) to ${command.dump}`);
  }
  return 0;
}
