import { DEFAULT_THRESHOLDS, type GradientCheckReport, type ParameterCheck } from '../../core/gradientCheckReport';
import type { GradientCheckMessage, ParameterCheckView } from '../../protocol/panelMessages';

function parameterView(check: ParameterCheck): ParameterCheckView {
  return {
    checked: check.checked,
    maxRelativeError: check.maxRelativeError,
    meanRelativeError: check.meanRelativeError,
    worstAnalytic: check.worstAnalytic,
    worstNumerical: check.worstNumerical,
  };
}

/**
 * The panel's message for a worker's gradient check: plain data only (fields copied, so nothing of
 * the engine's report object reaches the webview), with the thresholds of the report's precision.
 */
export function gradientCheckMessageOf(report: GradientCheckReport): GradientCheckMessage {
  const thresholds = DEFAULT_THRESHOLDS[report.precision];
  return {
    type: 'gradientCheck',
    report: {
      precision: report.precision,
      epsilon: report.epsilon,
      rows: report.rows,
      passed: report.passed,
      maxRelativeError: report.maxRelativeError,
      meanRelativeError: report.meanRelativeError,
      thresholds: { maxRelativeError: thresholds.maxRelativeError, meanRelativeError: thresholds.meanRelativeError },
      layers: report.layers.map((layer) => ({ layer: layer.layer, weights: parameterView(layer.weights), bias: parameterView(layer.bias) })),
    },
  };
}
