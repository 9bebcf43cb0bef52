import { asDatabaseFault, databaseFaultOf, DatabaseFaultError } from '../../../src/common/database-fault';
import { ConflictError } from '../../../src/common/errors';

/** What TypeORM throws: a QueryFailedError-like wrapper holding the driver's error. */
const wrapped = (driverError: object) => Object.assign(new Error('query failed'), { driverError });
const driver = (fields: { code?: string; errno?: number; message?: string }) => Object.assign(new Error(fields.message ?? 'x'), fields);

describe('databaseFaultOf', () => {
  it.each<[string, unknown, string | undefined]>([
    ['MariaDB deadlock (1213)', wrapped({ code: 'ER_LOCK_DEADLOCK', errno: 1213 }), 'DATABASE.DEADLOCK'],
    ['Galera lost certification, reported as 1213', wrapped({ errno: 1213 }), 'DATABASE.DEADLOCK'],
    ['lock wait timeout (1205)', wrapped({ code: 'ER_LOCK_WAIT_TIMEOUT', errno: 1205 }), 'DATABASE.LOCK_TIMEOUT'],
    ['SQLite busy', wrapped({ code: 'SQLITE_BUSY' }), 'DATABASE.BUSY'],
    ['SQLite busy snapshot', wrapped({ code: 'SQLITE_BUSY_SNAPSHOT' }), 'DATABASE.BUSY'],
    ['SQLite locked table', driver({ code: 'SQLITE_LOCKED' }), 'DATABASE.BUSY'],
    ['server refused the connection', driver({ code: 'ECONNREFUSED', errno: -111 }), 'DATABASE.UNAVAILABLE'],
    ['connection lost mid-query', wrapped({ code: 'PROTOCOL_CONNECTION_LOST' }), 'DATABASE.UNAVAILABLE'],
    ['server shutting down (1053)', wrapped({ code: 'ER_SERVER_SHUTDOWN', errno: 1053 }), 'DATABASE.UNAVAILABLE'],
    ['connection killed (1927)', wrapped({ errno: 1927 }), 'DATABASE.UNAVAILABLE'],
    ['too many connections', driver({ code: 'ER_CON_COUNT_ERROR', errno: 1040 }), 'DATABASE.UNAVAILABLE'],
    ['Galera node not ready (1047)', wrapped({ errno: 1047 }), 'DATABASE.UNAVAILABLE'],
    [
      'mysql2 on a closed connection',
      driver({ message: "Can't add new command when connection is in closed state" }),
      'DATABASE.UNAVAILABLE',
    ],
    ['the fault as a cause', Object.assign(new Error('outer'), { cause: driver({ code: 'ECONNRESET' }) }), 'DATABASE.UNAVAILABLE'],
    ['duplicate key is not a fault', wrapped({ code: 'ER_DUP_ENTRY', errno: 1062 }), undefined],
    ['syntax error is a bug, not a fault', wrapped({ code: 'ER_PARSE_ERROR', errno: 1064 }), undefined],
    ['SQLite constraint', wrapped({ code: 'SQLITE_CONSTRAINT_UNIQUE' }), undefined],
    ['an outbound call reset by the external system', Object.assign(driver({ code: 'ECONNRESET' }), { isAxiosError: true }), undefined],
    ['a plain error', new Error('boom'), undefined],
    ['a string', 'boom', undefined],
    ['nothing', undefined, undefined],
  ])('%s', (_name, error, expected) => {
    expect(databaseFaultOf(error)).toBe(expected);
  });
});

describe('asDatabaseFault', () => {
  it('is a 503 error with a Retry-After and the driver error as its cause', () => {
    const cause = wrapped({ code: 'ER_LOCK_WAIT_TIMEOUT', errno: 1205 });
    const fault = asDatabaseFault(cause);
    expect(fault).toBeInstanceOf(DatabaseFaultError);
    expect(fault).toMatchObject({ kind: 'unavailable', code: 'DATABASE.LOCK_TIMEOUT', retryAfterSeconds: 1, cause });
    expect(fault!.message).toMatch(/nothing was saved/);
  });

  it('waits longer for a database that is down than for a lock', () => {
    expect(asDatabaseFault(driver({ code: 'ECONNREFUSED' }))!.retryAfterSeconds).toBeGreaterThan(1);
  });

  it('leaves other errors alone', () => {
    expect(asDatabaseFault(new ConflictError('DATABASE.DUPLICATE_KEY', 'dup'))).toBeUndefined();
  });
});
