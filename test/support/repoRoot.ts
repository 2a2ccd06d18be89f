// Where the repository is, for tests and launchers bundled into out/ at any depth.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

function findRepoRoot(start: string): string {
  for (let dir = start; dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'gradient-lens') return dir;
  }
  throw new Error(`no gradient-lens package.json above ${start}`);
}

/** The repository root: the nearest folder above this bundle whose package.json is the extension's. */
export const REPO_ROOT = findRepoRoot(__dirname);
