import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { DataSource, QueryRunner } from 'typeorm';
import { isDeadlock, isDuplicateKeyError } from './driver-errors';

/**
 * The migration lock: ONE row (id 1) in `synchro_migration_lock`, taken by inserting
 * it, renewed by its holder, deleted on release. A row write is what every engine
 * Synchro runs on orders across clients — SQLite's single writer, InnoDB's primary
 * key, and Galera's certification (two nodes inserting the row at once: one commit
 * fails with 1213) — whereas MySQL `GET_LOCK` is local to one server and Galera does
 * not replicate it. A holder that crashed stops renewing; once `expires_at` (epoch
 * milliseconds on the holder's clock) has passed, the next instance takes the row over
 * with a conditional UPDATE, itself a certified write.
 *
 * The table is created here, not by a migration: the lock must exist before the first
 * migration runs. `CREATE TABLE IF NOT EXISTS` is safe to race (Galera runs DDL in
 * total order).
 */
export const LOCK_TABLE = 'synchro_migration_lock';

export interface LockTiming {
  /** How long the row stays ours without a renewal (a crashed holder's lock lasts this long). */
  ttlMs: number;
  /** How long to wait for a live holder before giving up. */
  waitMs: number;
  /** Pause between attempts while another instance holds the lock. */
  pollMs: number;
}

export const DEFAULT_LOCK_TIMING: LockTiming = { ttlMs: 30_000, waitMs: 600_000, pollMs: 250 };

export class MigrationLockTimeout extends Error {
  constructor(holder: string, waitMs: number) {
    super(`Could not take the migration lock within ${Math.round(waitMs / 1000)}s: held by ${holder}`);
    this.name = 'MigrationLockTimeout';
  }
}

export interface HeldLock {
  holder: string;
  /** Stop renewing and delete the row (only if it is still ours). */
  release(): Promise<void>;
}

export async function ensureLockTable(runner: QueryRunner): Promise<void> {
  const engine = runner.connection.options.type === 'mysql' ? ' ENGINE=InnoDB' : '';
  await runner.query(
    `CREATE TABLE IF NOT EXISTS ${LOCK_TABLE} (id INTEGER NOT NULL PRIMARY KEY, holder VARCHAR(200) NOT NULL, expires_at BIGINT NOT NULL)` +
      engine,
  );
}

/** Take the lock through `runner`, renew it every ttl/3 through the data source's pool, until released. */
export async function acquireMigrationLock(
  dataSource: DataSource,
  runner: QueryRunner,
  timing: LockTiming = DEFAULT_LOCK_TIMING,
): Promise<HeldLock> {
  await ensureLockTable(runner);
  const holder = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  const deadline = Date.now() + timing.waitMs;
  while (!(await tryAcquire(runner, holder, timing.ttlMs))) {
    if (Date.now() > deadline) throw new MigrationLockTimeout(await currentHolder(runner), timing.waitMs);
    // Jittered, so waiters on several nodes do not retry in step.
    await new Promise((resolve) => setTimeout(resolve, timing.pollMs * (0.5 + Math.random())));
  }
  const renew = setInterval(() => {
    dataSource
      .query(`UPDATE ${LOCK_TABLE} SET expires_at = ? WHERE id = 1 AND holder = ?`, [Date.now() + timing.ttlMs, holder])
      .catch(() => undefined);
  }, timing.ttlMs / 3);
  renew.unref();
  return {
    holder,
    release: async () => {
      clearInterval(renew);
      await runner.query(`DELETE FROM ${LOCK_TABLE} WHERE id = 1 AND holder = ?`, [holder]);
    },
  };
}

/** One attempt: insert the row, else take it over if its holder stopped renewing it. */
export async function tryAcquire(runner: QueryRunner, holder: string, ttlMs: number): Promise<boolean> {
  const now = Date.now();
  try {
    await runner.query(`INSERT INTO ${LOCK_TABLE} (id, holder, expires_at) VALUES (1, ?, ?)`, [holder, now + ttlMs]);
    return true;
  } catch (error) {
    // Held (duplicate key), or another node's insert certified first (1213): not ours.
    if (!isDuplicateKeyError(error) && !isDeadlock(error)) throw error;
  }
  try {
    const result = await runner.query(
      `UPDATE ${LOCK_TABLE} SET holder = ?, expires_at = ? WHERE id = 1 AND expires_at < ?`,
      [holder, now + ttlMs, now],
      true,
    );
    return (result as { affected?: number }).affected === 1;
  } catch (error) {
    if (isDeadlock(error)) return false;
    throw error;
  }
}

async function currentHolder(runner: QueryRunner): Promise<string> {
  const rows = (await runner.query(`SELECT holder, expires_at FROM ${LOCK_TABLE} WHERE id = 1`)) as {
    holder: string;
    expires_at: unknown;
  }[];
  return rows[0] ? `${rows[0].holder} (until ${new Date(Number(rows[0].expires_at)).toISOString()})` : 'nobody (released meanwhile)';
}
