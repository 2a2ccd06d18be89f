import { parseCommandLine, UsageError, USAGE } from './args';
import { check } from './check';
import { gradcheck } from './gradcheck';
import { CliFailure } from './load';
import { train } from './train';

declare const __VERSION__: string | undefined;

const out = (line: string) => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

/** Exit codes: 0 success, 1 invalid model / failed check / training failure, 2 usage error. */
async function main(argv: readonly string[]): Promise<number> {
  try {
    const command = parseCommandLine(argv);
    switch (command.kind) {
      case 'help':
        out(USAGE);
        return 0;
      case 'version':
        out(typeof __VERSION__ === 'string' ? __VERSION__ : 'development');
        return 0;
      case 'check':
        return await check(command.model, out, err);
      case 'train':
        return await train(command, out, err);
      case 'gradcheck':
        return await gradcheck(command, out, err);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      err(`gradient-lens: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof CliFailure) {
      err(error.message);
      return 1;
    }
    // Anything else is a defect, but the user still gets one line, not a stack trace.
    err(`gradient-lens: internal error: ${(error as Error).message ?? String(error)}`);
    if (process.env.GRADIENT_LENS_DEBUG) err((error as Error).stack ?? '');
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
