/* eslint-disable @typescript-eslint/no-require-imports --
   bench harness: drivers and src modules loaded lazily, IPC and JSON answers untyped */
/**
 * EXPERIMENTAL levers, bench only: patches applied to the Synchro child process
 * (BENCH_LEVERS=a,b) to measure what a proposed src/ change would gain BEFORE it
 * is made. A run with levers is labelled with them in RESULTS.md; the default run
 * measures src/ as it is. Each lever mirrors a change proposed in the bench report.
 *
 *   (swr-caches, measured here first, is now how src/ works: src/common/refreshing-cache.ts.)
 *   pool=N      MySQL pool size N instead of 10 (buildDataSourceOptions).
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- patches reach private members on purpose */

export function applyLevers(spec: string | undefined): string[] {
  const applied: string[] = [];
  for (const lever of (spec ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [name, arg] = lever.split('=');
    if (name === 'pool') {
      const options = require('../../src/database/data-source.options');
      const original = options.buildDataSourceOptions;
      options.buildDataSourceOptions = (db: any) => {
        const built = original(db);
        return built.type === 'mysql' ? { ...built, poolSize: Number(arg) } : built;
      };
      applied.push(lever);
    } else throw new Error(`unknown lever ${lever}`);
  }
  return applied;
}
