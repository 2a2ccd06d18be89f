import { inferShapes } from '../core/shapes';
import { loadModel } from './load';

/** `gradient-lens check`: every problem as `file:line:col: severity: message`; exit 1 on any error. */
export async function check(modelPath: string, out: (line: string) => void, err: (line: string) => void): Promise<number> {
  const { resolved, lines } = await loadModel(modelPath);
  lines.forEach(err);
  const errors = resolved.diagnostics.filter((d) => d.severity === 'error').length;
  if (errors > 0 || !resolved.spec) {
    err(`${modelPath}: ${errors} error(s)`);
    return 1;
  }
  const shapes = inferShapes(resolved.spec);
  out(`${modelPath}: valid — ${resolved.spec.name}, ${shapes.totalParameters} parameters, ${resolved.dataset?.count ?? 0} samples`);
  shapes.layers.forEach((layer) => out(`  layer ${layer.layer}: ${layer.label}`));
  return 0;
}
