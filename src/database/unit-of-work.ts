import { Injectable } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager } from 'typeorm';
import { isDeadlock, translateDriverError } from './driver-errors';
import { isGalera } from './galera';
import { Mutex } from './mutex';

/**
 * The one way Synchro opens a write transaction, and the ambient transaction every
 * repository uses.
 *
 * The convention: services call `unitOfWork.run(() => ...)` and never see an
 * EntityManager (nor import typeorm); repositories take no manager parameter and
 * ask `unitOfWork.manager()`, which is the running transaction's manager (so reads
 * inside a transaction see its writes and use its connection) or, outside one, the
 * default manager. `run`'s callback also receives the manager, for code of the
 * database layer itself (plain-sql statements, tests of this class).
 *
 * - MySQL/MariaDB: a pooled connection per transaction.
 * - SQLite: TypeORM's better-sqlite3 driver shares ONE connection, so two
 *   concurrent transactions would interleave on it. Transactions therefore take
 *   turns through a mutex, and start as writers (`BEGIN IMMEDIATE`, see
 *   `installSqliteImmediateTransactions`) so another process cannot deadlock us.
 * Nested calls inside a running transaction reuse it (AsyncLocalStorage).
 * Driver errors are translated once here into typed errors (duplicate key → ConflictError).
 */
@Injectable()
export class UnitOfWork {
  private readonly sqliteLock: Mutex | undefined;
  private readonly current = new AsyncLocalStorage<Ambient>();
  /** Transactions re-run after a deadlock or (Galera) a lost certification, since start: how often instances collide. */
  conflictRetries = 0;

  constructor(private readonly dataSource: DataSource) {
    this.sqliteLock = dataSource.options.type === 'better-sqlite3' ? new Mutex() : undefined;
  }

  get dialect(): 'sqlite' | 'mysql' {
    return this.sqliteLock ? 'sqlite' : 'mysql';
  }

  /** Whether the database is a Galera cluster node (asked once). */
  onGalera(): Promise<boolean> {
    return isGalera(this.dataSource);
  }

  /** The manager of the transaction this call runs in, if any. */
  get activeManager(): EntityManager | undefined {
    return this.current.getStore()?.manager;
  }

  /**
   * The manager repositories use: the running transaction's (so reads inside a
   * transaction see its own writes, on MySQL too), else the default.
   */
  manager(): EntityManager {
    return this.current.getStore()?.manager ?? this.dataSource.manager;
  }

  /**
   * Run `work` with a transaction Synchro did not open as the ambient one: TypeORM
   * entity subscribers get the manager of a plain `repository.save`'s transaction,
   * and what they write must commit with it. Its after-commit callbacks run at once
   * (Synchro cannot see that commit), outside its context.
   */
  join<R>(manager: EntityManager, work: () => Promise<R>): Promise<R> {
    return this.current.run({ manager, afterCommit: undefined, locals: new Map() }, work);
  }

  /** Run `work` outside any transaction context (background work started from inside one). */
  outside<R>(work: () => R): R {
    return this.current.exit(work);
  }

  /**
   * Run `callback` once the current transaction has committed (nothing happens on
   * rollback); outside a transaction it runs at once. Used to wake the outbox
   * dispatcher only for changes that really exist.
   */
  afterCommit(callback: () => void): void {
    const afterCommit = this.current.getStore()?.afterCommit;
    if (afterCommit) afterCommit.push(callback);
    // Outside the (joined) transaction's context: work the callback starts must not join it.
    else this.current.exit(callback);
  }

  /**
   * `compute` once per running transaction (a value that holds for the transaction's
   * lifetime, e.g. a locking read); outside a transaction every call computes afresh.
   */
  perTransaction<T>(key: object, compute: () => Promise<T>): Promise<T> {
    const locals = this.current.getStore()?.locals;
    if (!locals) return compute();
    let value = locals.get(key) as Promise<T> | undefined;
    if (!value) {
      value = compute();
      locals.set(key, value);
      // A failed read is not remembered: the transaction is failing anyway, or the caller may retry.
      value.catch(() => locals.delete(key));
    }
    return value;
  }

  /** Whether `perTransaction(key, ...)` ran in the running transaction. */
  hasPerTransaction(key: object): boolean {
    return this.current.getStore()?.locals.has(key) ?? false;
  }

  /**
   * SQLite: when `BEGIN IMMEDIATE` fails (SQLITE_BUSY: another process held the write lock past
   * busy_timeout), TypeORM has already marked the shared runner's transaction active and its
   * ROLLBACK then fails too, so the flag stays set and every later transaction would wait for it in
   * `foreignTransactionDone` forever. The connection itself says whether a transaction is open.
   */
  private settleSqliteRunner(): void {
    const runner = this.dataSource.createQueryRunner() as unknown as { isTransactionActive: boolean; transactionDepth: number };
    const connection = (this.dataSource.driver as unknown as { databaseConnection?: { inTransaction?: boolean } }).databaseConnection;
    if (runner.isTransactionActive && connection?.inTransaction === false) {
      runner.isTransactionActive = false;
      runner.transactionDepth = 0;
    }
  }

  /**
   * SQLite: code outside Synchro's write path (a plain `repository.save`) may have
   * opened a transaction on the shared connection; starting ours now would nest
   * inside it. Wait until it is finished (such transactions are short and rare).
   */
  private async foreignTransactionDone(): Promise<void> {
    const shared = this.dataSource.createQueryRunner();
    while (shared.isTransactionActive) await new Promise((resolve) => setTimeout(resolve, 1));
  }

  /**
   * Run `work` in one transaction (or in the running one). `readCommitted` is for
   * bookkeeping transactions that touch many rows beside live writers (claiming and
   * recording outbox deliveries): on MySQL/MariaDB they then take no gap locks and an
   * UPDATE ... WHERE id IN (...) does not lock rows it scans but does not change, so
   * they cannot deadlock with a writer inserting a new record. SQLite has one writer
   * at a time anyway.
   */
  async run<T>(work: (manager: EntityManager) => Promise<T>, options: { readCommitted?: boolean } = {}): Promise<T> {
    const active = this.current.getStore();
    if (active) return work(active.manager);
    const isolation: IsolationLevel | undefined = options.readCommitted && !this.sqliteLock ? 'READ COMMITTED' : undefined;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(work, isolation);
      } catch (error) {
        // InnoDB resolves a deadlock by rolling one transaction back: run it again (it changed nothing).
        if (!isDeadlock(error) || attempt >= DEADLOCK_ATTEMPTS) throw translateDriverError(error);
        this.conflictRetries += 1;
        await new Promise((resolve) => setTimeout(resolve, deadlockPauseMs(attempt)));
      }
    }
  }

  private async attempt<T>(work: (manager: EntityManager) => Promise<T>, isolation: IsolationLevel | undefined): Promise<T> {
    const release = this.sqliteLock ? await this.sqliteLock.lock() : undefined;
    const afterCommit: (() => void)[] = [];
    let result: T;
    try {
      if (this.sqliteLock) await this.foreignTransactionDone();
      const body = (manager: EntityManager) => this.current.run({ manager, afterCommit, locals: new Map() }, () => work(manager));
      result = await (isolation ? this.dataSource.transaction(isolation, body) : this.dataSource.transaction(body));
    } catch (error) {
      if (this.sqliteLock) this.settleSqliteRunner();
      throw error;
    } finally {
      release?.();
    }
    for (const callback of afterCommit) callback();
    return result;
  }
}

type IsolationLevel = 'READ COMMITTED';

/** The running transaction; `afterCommit` is undefined for a joined one (see `join`). */
interface Ambient {
  manager: EntityManager;
  afterCommit: (() => void)[] | undefined;
  /** Values kept for this transaction only (`perTransaction`). */
  locals: Map<object, unknown>;
}

const DEADLOCK_ATTEMPTS = 8;

/** Randomised and growing, so the transactions that collided do not collide again in step. */
function deadlockPauseMs(attempt: number): number {
  return Math.random() * Math.min(400, 10 * 2 ** attempt);
}

/**
 * Make TypeORM's SQLite `BEGIN TRANSACTION` a `BEGIN IMMEDIATE TRANSACTION`: the
 * transaction takes the write lock at once (waiting up to busy_timeout) instead of
 * failing with SQLITE_BUSY when it upgrades from reader to writer halfway.
 */
export function installSqliteImmediateTransactions(dataSource: DataSource): void {
  if (dataSource.options.type !== 'better-sqlite3') return;
  // The driver hands out one shared query runner; patch that instance only.
  const runner = dataSource.createQueryRunner();
  const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
  runner.query = ((sql: string, ...rest: unknown[]) =>
    query(sql === 'BEGIN TRANSACTION' ? 'BEGIN IMMEDIATE TRANSACTION' : sql, ...rest)) as typeof runner.query;
}
