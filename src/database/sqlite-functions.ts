/**
 * SQL functions SQLite lacks, registered on every connection (data-source.options.ts).
 * `x REGEXP pattern` calls regexp(pattern, x): case-insensitive and Unicode-aware, like
 * MySQL/MariaDB's REGEXP on the *_ci columns Synchro creates. Patterns are always bound
 * parameters built by Synchro (text-search.ts), never user text.
 */
const compiled = new Map<string, RegExp>();

export function sqliteRegexp(pattern: string, value: unknown): number {
  if (typeof value !== 'string') return 0;
  let regexp = compiled.get(pattern);
  if (!regexp) {
    if (compiled.size >= 256) compiled.clear();
    regexp = new RegExp(pattern, 'iu');
    compiled.set(pattern, regexp);
  }
  return regexp.test(value) ? 1 : 0;
}

/**
 * `unicode_lower(x)`: lower case by Unicode rules (SQLite's LOWER folds ASCII only), so a
 * domain's `ilike` folds `Ó` as PostgreSQL and MySQL/MariaDB do. Non-text passes through.
 */
export function sqliteUnicodeLower(value: unknown): unknown {
  return typeof value === 'string' ? value.toLowerCase() : value;
}

interface SqliteDatabase {
  function(name: string, options: { deterministic: boolean }, fn: (...args: never[]) => unknown): unknown;
}

export function registerSqliteFunctions(db: SqliteDatabase): void {
  db.function('regexp', { deterministic: true }, sqliteRegexp);
  db.function('unicode_lower', { deterministic: true }, sqliteUnicodeLower);
}
