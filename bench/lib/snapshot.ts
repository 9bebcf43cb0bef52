/**
 * Other people build into dist/ while a bench runs; a Synchro restarted mid-run
 * must not pick up different code. The bench therefore runs its children from a
 * snapshot of the compiled tree taken at start (inside the repository, so
 * node_modules still resolves), removed at the end.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const DIST = path.resolve(__dirname, '..', '..');
const SNAPSHOTS = path.resolve(DIST, '..', 'bench', '.snapshot');

export function takeSnapshot(): { root: string; remove(): void } {
  const root = path.join(SNAPSHOTS, `run-${process.pid}`);
  for (const dir of ['src', 'bench', 'test/fake-external']) {
    fs.cpSync(path.join(DIST, dir), path.join(root, 'dist', dir), { recursive: true, filter: (source) => !source.endsWith('.map') });
  }
  return { root: path.join(root, 'dist'), remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}
