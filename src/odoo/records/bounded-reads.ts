import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { SynchroError } from '../../common/errors';
import { UnitOfWork } from '../../database/unit-of-work';
import { OdooConfig, odooConfig } from '../odoo.config';
import type { ReadAnswer } from './sqlite-read.worker';

/** 503: a records-API read ran past RECORDS_QUERY_TIMEOUT_MS and was stopped. */
export class QueryTimeoutError extends SynchroError {
  constructor(timeoutMs: number) {
    super(
      'unavailable',
      'RECORDS.QUERY_TIMEOUT',
      `the query ran longer than ${timeoutMs} ms (RECORDS_QUERY_TIMEOUT_MS) and was stopped; narrow the domain`,
    );
  }
}

/** MariaDB ER_STATEMENT_TIMEOUT, MySQL ER_QUERY_TIMEOUT. */
const TIMEOUT_ERRNOS = new Set([1969, 3024]);

/**
 * What one records-API read may cost (issue 16 point 1): on MySQL/MariaDB a statement timeout
 * (`SET STATEMENT max_statement_time=… FOR` on MariaDB, the `MAX_EXECUTION_TIME` hint on MySQL);
 * on SQLite, whose driver is synchronous, the statement runs in a worker thread with its own
 * connection (SqliteReadPool), so the event loop never waits for it, and a worker that runs past
 * the timeout is stopped and replaced. Inside a transaction (or on an in-memory SQLite database)
 * reads stay on the ambient connection.
 */
@Injectable()
export class BoundedReads implements OnModuleDestroy {
  private readonly log = new Logger('BoundedReads');
  private pool: SqliteReadPool | undefined;
  private mariadb: Promise<boolean> | undefined;

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly dataSource: DataSource,
    @Inject(odooConfig.KEY) private readonly config: OdooConfig,
  ) {}

  async rows(query: SelectQueryBuilder<ObjectLiteral>): Promise<Record<string, unknown>[]> {
    const [sql, params] = query.getQueryAndParameters();
    const manager = this.unitOfWork.manager();
    if (this.unitOfWork.activeManager) return manager.query(sql, params) as Promise<Record<string, unknown>[]>;
    const timeoutMs = this.config.queryTimeoutMs;
    if (this.unitOfWork.dialect === 'sqlite') {
      const pool = this.sqlitePool();
      if (!pool) return manager.query(sql, params) as Promise<Record<string, unknown>[]>;
      return (await pool.run(sql, params, timeoutMs)) as Record<string, unknown>[];
    }
    const bounded = (await this.onMariadb())
      ? `SET STATEMENT max_statement_time=${(timeoutMs / 1000).toFixed(3)} FOR ${sql}`
      : sql.replace(/^SELECT /, `SELECT /*+ MAX_EXECUTION_TIME(${timeoutMs}) */ `);
    try {
      return (await manager.query(bounded, params)) as Record<string, unknown>[];
    } catch (error) {
      const errno =
        (error as { errno?: number; driverError?: { errno?: number } }).driverError?.errno ?? (error as { errno?: number }).errno;
      if (errno !== undefined && TIMEOUT_ERRNOS.has(errno)) throw new QueryTimeoutError(timeoutMs);
      throw error;
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool?.close();
  }

  private sqlitePool(): SqliteReadPool | undefined {
    if (this.pool) return this.pool;
    const file = String(this.dataSource.options.database ?? '');
    if (file === '' || file === ':memory:') return undefined;
    this.pool = new SqliteReadPool(path.resolve(file), this.config.readWorkers, this.log);
    return this.pool;
  }

  private onMariadb(): Promise<boolean> {
    this.mariadb ??= this.dataSource
      .query('SELECT VERSION() AS version')
      .then((rows: { version: string }[]) => /mariadb/i.test(rows[0]?.version ?? ''));
    return this.mariadb;
  }
}

interface Job {
  id: number;
  sql: string;
  params: unknown[];
  timeoutMs: number;
  resolve: (rows: unknown[]) => void;
  reject: (error: Error) => void;
  timer?: NodeJS.Timeout;
}

interface Slot {
  worker: Worker;
  job?: Job;
}

/** Worker threads reading one SQLite file, one statement each at a time, the rest queued. */
export class SqliteReadPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private sequence = 0;
  private closed = false;

  constructor(
    private readonly file: string,
    private readonly size: number,
    private readonly log: Logger,
  ) {}

  run(sql: string, params: unknown[], timeoutMs: number): Promise<unknown[]> {
    if (this.closed) return Promise.reject(new Error('the SQLite read pool is closed'));
    // better-sqlite3 binds no booleans (TypeORM's own runner converts them the same way).
    const bound = params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: ++this.sequence, sql, params: bound, timeoutMs, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('the SQLite read pool is closed'));
    await Promise.all(this.slots.splice(0).map((slot) => slot.worker.terminate()));
  }

  private pump(): void {
    while (this.queue.length) {
      let slot = this.slots.find((s) => !s.job);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      const job = this.queue.shift()!;
      slot.job = job;
      // The whole wait counts: queued behind other reads or running, the answer is due in time.
      job.timer = setTimeout(() => this.timedOut(slot, job), job.timeoutMs);
      job.timer.unref();
      slot.worker.postMessage({ id: job.id, sql: job.sql, params: job.params });
    }
  }

  private spawn(): Slot {
    const worker = startWorker(this.file);
    const slot: Slot = { worker };
    worker.unref();
    worker.on('message', (answer: ReadAnswer) => {
      const job = slot.job;
      if (!job || job.id !== answer.id) return;
      clearTimeout(job.timer);
      slot.job = undefined;
      if ('rows' in answer) job.resolve(answer.rows);
      else job.reject(Object.assign(new Error(answer.error), { code: answer.code }));
      this.pump();
    });
    worker.on('error', (error) => this.lost(slot, error));
    worker.on('exit', () => this.lost(slot, new Error('the SQLite read worker stopped')));
    this.slots.push(slot);
    return slot;
  }

  /** A statement past its time: its worker is stopped (the thread, not the event loop, was busy) and replaced. */
  private timedOut(slot: Slot, job: Job): void {
    if (slot.job !== job) return;
    slot.job = undefined;
    this.remove(slot);
    void slot.worker.terminate();
    job.reject(new QueryTimeoutError(job.timeoutMs));
    this.pump();
  }

  private lost(slot: Slot, error: Error): void {
    if (!this.remove(slot)) return;
    const job = slot.job;
    slot.job = undefined;
    if (job) {
      clearTimeout(job.timer);
      job.reject(error);
    }
    if (!this.closed) {
      this.log.warn(`SQLite read worker lost: ${error.message}`);
      this.pump();
    }
  }

  private remove(slot: Slot): boolean {
    const index = this.slots.indexOf(slot);
    if (index < 0) return false;
    this.slots.splice(index, 1);
    return true;
  }
}

/** The compiled worker (dist) or, from the TypeScript sources (tests, ts tooling), compiled on load by @swc/core. */
function startWorker(file: string): Worker {
  const compiled = path.join(__dirname, 'sqlite-read.worker.js');
  if (fs.existsSync(compiled)) return new Worker(compiled, { workerData: { path: file } });
  const source = path.join(__dirname, 'sqlite-read.worker.ts');
  const loader = `
    const { transformFileSync } = require('@swc/core');
    require.extensions['.ts'] = (module, filename) => module._compile(transformFileSync(filename, {
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' },
    }).code, filename);
    require(${JSON.stringify(source)});`;
  return new Worker(loader, { eval: true, workerData: { path: file } });
}
