import { Injectable } from '@nestjs/common';
import { UnitOfWork } from './unit-of-work';

const READ = 'SELECT version FROM config_version WHERE id = 1';
/** InnoDB: a locking read sees the latest committed row (not the transaction's snapshot) and holds it shared. */
const READ_LOCKED = `${READ} LOCK IN SHARE MODE`;
const BUMP = 'UPDATE config_version SET version = version + 1 WHERE id = 1';

/**
 * The configuration version (one row, table `config_version`): every change to what
 * the sync paths capture or accept (sync objects, their mappings, sync models, web
 * services, a config import) bumps it inside its own transaction, and every
 * transaction that captures changes reads it, so caches of the configuration
 * (SyncObjectCatalog) know when another instance changed it.
 *
 * Ordering on MySQL/MariaDB: inside a transaction the read is a locking read
 * (`LOCK IN SHARE MODE`), held until that transaction ends. A change's bump takes
 * the row exclusively, so it waits for the writers that already read the old
 * version (they commit first, with the old configuration), and writers that read
 * after it see the new version once it committed. Writers never block each other
 * (shared locks). A deadlock between a writer and a change is re-run by UnitOfWork.
 * SQLite: writers are serial (BEGIN IMMEDIATE), a plain read is enough.
 * Galera: locks are per node; like every read there, this one does not see a write
 * another node has not certified yet (see galera.ts).
 */
@Injectable()
export class ConfigVersion {
  private readonly listeners: (() => void)[] = [];
  private readonly key = {};
  private readonly changedKey = {};

  constructor(private readonly unitOfWork: UnitOfWork) {}

  /** Called after a change made through this process committed (local caches drop at once). */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /**
   * Bump the version in the running transaction. Call it first in the transaction,
   * before the configuration rows are written, so every change takes the locks in
   * the same order as writers (version row, then configuration rows).
   */
  async change(): Promise<void> {
    if (!this.unitOfWork.activeManager) throw new Error('ConfigVersion.change() must run inside a UnitOfWork transaction');
    await this.unitOfWork.manager().query(BUMP);
    await this.unitOfWork.perTransaction(this.changedKey, () => Promise.resolve(true));
    this.unitOfWork.afterCommit(() => this.listeners.forEach((listener) => listener()));
  }

  /**
   * The committed version: inside a transaction read once (and on MySQL/MariaDB held
   * shared to its end); outside one, a plain read of the latest committed value.
   */
  current(): Promise<number> {
    if (!this.unitOfWork.activeManager) return this.read(READ);
    return this.unitOfWork.perTransaction(this.key, () => this.read(this.unitOfWork.dialect === 'mysql' ? READ_LOCKED : READ));
  }

  /** Whether the running transaction changed the configuration (what it reads is not committed yet). */
  get changedInTransaction(): boolean {
    return this.unitOfWork.hasPerTransaction(this.changedKey);
  }

  /** Whether the caller runs inside a transaction (reads then hold the version, see `current`). */
  get inTransaction(): boolean {
    return this.unitOfWork.activeManager !== undefined;
  }

  private async read(sql: string): Promise<number> {
    const rows = (await this.unitOfWork.manager().query(sql)) as { version: number | string }[];
    return Number(rows[0]?.version ?? 0);
  }
}
