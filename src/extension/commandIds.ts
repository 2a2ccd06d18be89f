/** Every command the extension contributes; package.json must declare each (a unit test checks both ways). */
export const COMMANDS = {
  train: 'gradientLens.train',
  pause: 'gradientLens.pause',
  resume: 'gradientLens.resume',
  step: 'gradientLens.step',
  step10: 'gradientLens.step10',
  stop: 'gradientLens.stop',
  reset: 'gradientLens.reset',
  openPanel: 'gradientLens.openPanel',
  checkGradients: 'gradientLens.checkGradients',
  walkThroughStep: 'gradientLens.walkThroughStep',
  exportSnapshot: 'gradientLens.exportSnapshot',
  exportNormHistory: 'gradientLens.exportNormHistory',
  newModel: 'gradientLens.newModel',
  showOutput: 'gradientLens.showOutput',
} as const;
export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];
