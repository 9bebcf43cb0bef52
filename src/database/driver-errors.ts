import { QueryFailedError } from 'typeorm';
import { ConflictError, ValidationError } from '../common/errors';

/**
 * Both drivers' "duplicate key" errors become one ConflictError, here and nowhere
 * else: MySQL/MariaDB ER_DUP_ENTRY (1062), SQLite SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY.
 */
export function isDuplicateKeyError(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; errno?: number } | undefined;
  const code = driverError?.code ?? '';
  return (
    code === 'ER_DUP_ENTRY' || driverError?.errno === 1062 || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

/**
 * MySQL/MariaDB ER_LOCK_DEADLOCK (1213) or ER_LOCK_WAIT_TIMEOUT (1205): the transaction
 * was rolled back and may be run again. On Galera, 1213 is also how a transaction that
 * lost certification to another node's write ends; MySQL Group Replication reports that
 * as ER_TRANSACTION_ROLLBACK_DURING_COMMIT (3101).
 */
export function isDeadlock(error: unknown): boolean {
  const errno = (error as { driverError?: { errno?: number } } | undefined)?.driverError?.errno;
  return errno === 1213 || errno === 1205 || errno === 3101;
}

/**
 * MySQL/MariaDB refusing a value its column cannot hold: ER_DATA_TOO_LONG (1406, e.g. more than a TEXT
 * column's 64 KB) or ER_WARN_DATA_OUT_OF_RANGE (1264). SQLite stores such values. The statement changed
 * nothing and its transaction rolls back: the client's value is refused, naming the field.
 */
function valueDoesNotFit(error: unknown): { field: string; problem: string } | undefined {
  const driverError = (error as { driverError?: { errno?: number; message?: string } } | undefined)?.driverError;
  const errno = driverError?.errno;
  if (errno !== 1406 && errno !== 1264) return undefined;
  const field = /for column '(?:[\w.]+\.)?(\w+)'/.exec(driverError?.message ?? '')?.[1] ?? 'value';
  return { field, problem: errno === 1406 ? 'is too long to store' : 'is out of the range the database can store' };
}

export function translateDriverError(error: unknown): unknown {
  const misfit = valueDoesNotFit(error);
  if (misfit) return new ValidationError('DATABASE.VALUE_DOES_NOT_FIT', `${misfit.field}: ${misfit.problem}`, [misfit]);
  if (isDuplicateKeyError(error)) {
    const message = (error as Error).message;
    const field = duplicateField(message, (error as QueryFailedError).query ?? '');
    const details = field ? [{ field, problem: 'another record already has this value' }] : [];
    return new ConflictError('DATABASE.DUPLICATE_KEY', describeDuplicate(message), { cause: error, details });
  }
  return error;
}

/**
 * The column behind a duplicate: SQLite names it ("res_country.code"); MySQL names the
 * index, which our migrations call `uq_<table>_<column>`.
 */
function duplicateField(message: string, query: string): string | undefined {
  const sqlite = /UNIQUE constraint failed: \w+\.(\w+)$/.exec(message);
  if (sqlite) return sqlite[1];
  const mysql = /for key '(?:\w+\.)?uq_(\w+)'/.exec(message);
  // MariaDB names only the index; the table comes from the failed statement.
  const table = /(?:INSERT INTO|UPDATE)\s+`(\w+)`/i.exec(query)?.[1];
  if (!mysql || !table || !mysql[1].startsWith(`${table}_`)) return undefined;
  return mysql[1].slice(table.length + 1);
}

function describeDuplicate(message: string): string {
  // MySQL: "Duplicate entry 'ES' for key 'res_country.IDX_...'"; SQLite: "UNIQUE constraint failed: res_country.code"
  const sqlite = /UNIQUE constraint failed: ([\w.]+(?:, [\w.]+)*)/.exec(message);
  if (sqlite) return `a record with the same ${sqlite[1]} already exists`;
  const mysql = /Duplicate entry '(.*)' for key/.exec(message);
  if (mysql) return `a record with the same value (${mysql[1]}) already exists`;
  return 'a record with the same unique value already exists';
}
