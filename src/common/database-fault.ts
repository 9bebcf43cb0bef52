import { SynchroError } from './errors';

/**
 * A database that is down, busy or in a lock conflict is a passing state of the server, not a
 * bug: the request is answered 503 with a stable code and Retry-After (never a 500), and the
 * client may send it again — nothing of it was committed (a failed transaction rolls back).
 */
export type DatabaseFaultCode = 'DATABASE.UNAVAILABLE' | 'DATABASE.LOCK_TIMEOUT' | 'DATABASE.DEADLOCK' | 'DATABASE.BUSY';

/** 503 for a database fault; `retryAfterSeconds` becomes the Retry-After header. */
export class DatabaseFaultError extends SynchroError {
  constructor(
    code: DatabaseFaultCode,
    message: string,
    readonly retryAfterSeconds: number,
    options?: { cause?: unknown },
  ) {
    super('unavailable', code, message, [], options);
  }
}

const FAULTS: Record<DatabaseFaultCode, { message: string; retryAfterSeconds: number }> = {
  'DATABASE.UNAVAILABLE': { message: 'the database does not answer; nothing was saved, try again shortly', retryAfterSeconds: 5 },
  'DATABASE.LOCK_TIMEOUT': {
    message: 'a row this request needs stayed locked by another transaction; nothing was saved, try again',
    retryAfterSeconds: 1,
  },
  'DATABASE.DEADLOCK': {
    message: 'the request kept colliding with other transactions (deadlock); nothing was saved, try again',
    retryAfterSeconds: 1,
  },
  'DATABASE.BUSY': { message: 'the database stayed locked by another writer; nothing was saved, try again', retryAfterSeconds: 1 },
};

/** mysql2 / Node socket codes and MySQL/MariaDB client and server errnos that mean "no usable connection". */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
]);
// 1040 too many connections, 1053 server shutdown, 1047 Galera node not ready (WSREP), 1927 connection
// killed, 2002/2003 cannot connect, 2006 server gone away, 2013 connection lost during a query.
const UNAVAILABLE_ERRNOS = new Set([1040, 1053, 1047, 1927, 2002, 2003, 2006, 2013]);
// mysql2 errors without a code, raised on a connection that already failed.
const UNAVAILABLE_MESSAGES = [/can't add new command when connection is in closed state/i, /pool is closed/i, /connection lost/i];

/** The database fault behind `error` (itself, TypeORM's `driverError` or a `cause`), if it is one. */
export function databaseFaultOf(error: unknown): DatabaseFaultCode | undefined {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 4; depth++) {
    // An outbound HTTP call's socket error (axios) is the external system's, not the database's.
    if ((current as { isAxiosError?: unknown }).isAxiosError) return undefined;
    const fault = classify(current as { code?: unknown; errno?: unknown; message?: unknown });
    if (fault) return fault;
    const { driverError, cause } = current as { driverError?: unknown; cause?: unknown };
    current = driverError ?? cause;
  }
  return undefined;
}

function classify(error: { code?: unknown; errno?: unknown; message?: unknown }): DatabaseFaultCode | undefined {
  const code = typeof error.code === 'string' ? error.code : '';
  const errno = typeof error.errno === 'number' ? error.errno : undefined;
  if (errno === 1213 || code === 'ER_LOCK_DEADLOCK') return 'DATABASE.DEADLOCK';
  if (errno === 1205 || code === 'ER_LOCK_WAIT_TIMEOUT') return 'DATABASE.LOCK_TIMEOUT';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'DATABASE.BUSY';
  if (UNAVAILABLE_CODES.has(code) || (errno !== undefined && UNAVAILABLE_ERRNOS.has(errno))) return 'DATABASE.UNAVAILABLE';
  const message = typeof error.message === 'string' ? error.message : '';
  if (!code && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message))) return 'DATABASE.UNAVAILABLE';
  return undefined;
}

/** `error` as a DatabaseFaultError when it is a database fault; otherwise undefined. */
export function asDatabaseFault(error: unknown): DatabaseFaultError | undefined {
  if (error instanceof DatabaseFaultError) return error;
  const code = databaseFaultOf(error);
  if (!code) return undefined;
  return new DatabaseFaultError(code, FAULTS[code].message, FAULTS[code].retryAfterSeconds, { cause: error });
}

/** Rethrows `error` as a DatabaseFaultError when it is one: code that turns errors into per-item outcomes must not swallow it. */
export function throwIfDatabaseFault(error: unknown): void {
  const fault = asDatabaseFault(error);
  if (fault) throw fault;
}
