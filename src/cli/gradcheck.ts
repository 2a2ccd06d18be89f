import { createTrainer } from '../engine';
import type { CliCommand } from './args';
import { createKernels } from '../engine/kernels/select';
import { loadValidModel, withOverrides } from './load';
import { formatValue } from '../core/numberFormat';

type GradcheckCommand = Extract<CliCommand, { kind: 'gradcheck' }>;

/** `gradient-lens gradcheck`: per-layer central-difference errors; exit 1 when any layer fails. */
export async function gradcheck(command: GradcheckCommand, out: (line: string) => void, err: (line: string) => void): Promise<number> {
  const loaded = await loadValidModel(command.model, err);
  const spec = withOverrides(loaded.spec, command);
  const report = createTrainer(spec, loaded.dataset, { kernels: createKernels(spec.training.precision) }).gradientCheck();
  out(`gradient check, ${report.precision}, ε = ${report.epsilon}, batch of ${report.rows}`);
  out(`${'layer'.padStart(5)} ${'param'.padStart(5)} ${'checked'.padStart(8)} ${'max rel err'.padStart(12)} ${'mean rel err'.padStart(12)}`);
  for (const layer of report.layers) {
    for (const [name, check] of [['W', layer.weights], ['b', layer.bias]] as const) {
      out(`${String(layer.layer).padStart(5)} ${name.padStart(5)} ${String(check.checked).padStart(8)} ${formatValue(check.maxRelativeError).padStart(12)} ${formatValue(check.meanRelativeError).padStart(12)}`);
    }
  }
  out(`${report.passed ? 'PASS' : 'FAIL'}: max ${formatValue(report.maxRelativeError)}, mean ${formatValue(report.meanRelativeError)}`);
  return report.passed ? 0 : 1;
}
