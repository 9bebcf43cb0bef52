/* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any --
   bench harness: drivers and src modules loaded lazily, IPC and JSON answers untyped */
/**
 * Direct access to the bench's scratch database from the harness (resetting
 * outbox rows, filling the change log, the B2 baselines): mysql2 or better-sqlite3.
 */
import { ScratchDatabase } from './scratch-db';

export interface DirectDb {
  kind: 'mysql' | 'sqlite';
  query<T = any>(sql: string, params?: unknown[]): Promise<T[]>;
  run(sql: string, params?: unknown[]): Promise<{ affected: number; insertId: number }>;
  /** A datetime parameter as the driver stores it (SQLite: TypeORM's text form). */
  date(d: Date): unknown;
  transaction<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function openDirect(db: ScratchDatabase, poolSize = 1): Promise<DirectDb> {
  if (db.kind === 'sqlite') {
    const Database = require('better-sqlite3');
    const conn = new Database(db.sqlitePath);
    conn.pragma('journal_mode = WAL');
    conn.pragma('busy_timeout = 10000');
    conn.pragma('synchronous = NORMAL');
    const cache = new Map<string, any>();
    const stmt = (sql: string) => {
      let s = cache.get(sql);
      if (!s) cache.set(sql, (s = conn.prepare(sql)));
      return s;
    };
    return {
      kind: 'sqlite',
      query: async (sql, params = []) => stmt(sql).all(...params),
      run: async (sql, params = []) => {
        const r = stmt(sql).run(...params);
        return { affected: r.changes, insertId: Number(r.lastInsertRowid) };
      },
      date: (d) => d.toISOString().replace('T', ' ').replace('Z', ''),
      transaction: async (work) => {
        conn.prepare('BEGIN IMMEDIATE').run();
        try {
          const result = await work();
          conn.prepare('COMMIT').run();
          return result;
        } catch (error) {
          conn.prepare('ROLLBACK').run();
          throw error;
        }
      },
      close: async () => conn.close(),
    };
  }
  const mysql = require('mysql2/promise');
  const m = db.mysql!;
  const conn = await mysql.createConnection({
    host: m.host,
    port: m.port,
    user: m.user,
    password: m.password,
    database: m.database,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    multipleStatements: false,
  });
  void poolSize;
  return {
    kind: 'mysql',
    query: async (sql, params = []) => (await conn.query(sql, params))[0],
    run: async (sql, params = []) => {
      const [r] = await conn.query(sql, params);
      return { affected: r.affectedRows, insertId: Number(r.insertId) };
    },
    date: (d) => d,
    transaction: async (work) => {
      await conn.query('START TRANSACTION');
      try {
        const result = await work();
        await conn.query('COMMIT');
        return result;
      } catch (error) {
        await conn.query('ROLLBACK');
        throw error;
      }
    },
    close: async () => conn.end(),
  };
}
