/**
 * Read-only SQL on a test database from outside the Synchro processes (counting what they wrote):
 * mysql2 on MySQL/MariaDB, better-sqlite3 on the SQLite file (WAL: readers never block the writer).
 * Placeholders are `?` on both.
 */
import { createConnection } from 'mysql2/promise';
import { parseDatabaseUrl } from '../../../src/config/app.config';
import { TestDatabase } from '../../support/test-database';

/** The little of better-sqlite3 used here (the package ships no types; TypeORM loads it the same way). */
interface SqliteFile {
  prepare(text: string): { all(...params: unknown[]): unknown[]; run(...params: unknown[]): unknown };
  pragma(text: string): unknown;
  close(): void;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Database = require('better-sqlite3') as new (file: string, options?: { fileMustExist?: boolean }) => SqliteFile;

export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs a statement that changes rows (test set-up, e.g. making an object due). */
  execute(text: string, params?: unknown[]): Promise<void>;
  close(): Promise<void>;
}

export async function openSql(db: TestDatabase): Promise<Sql> {
  const config = parseDatabaseUrl(db.url);
  if (config.type === 'sqlite') {
    const file = new Database(config.path, { fileMustExist: true });
    file.pragma('busy_timeout = 10000');
    const bind = (params: unknown[]) => params.map((p) => (p instanceof Date ? p.toISOString().replace('T', ' ').replace('Z', '') : p));
    return {
      query: async <T>(text: string, params: unknown[] = []) => file.prepare(text).all(...bind(params)) as T[],
      execute: async (text, params = []) => void file.prepare(text).run(...bind(params)),
      close: async () => void file.close(),
    };
  }
  const connection = await createConnection({
    host: config.host,
    port: config.port,
    user: config.username,
    password: config.password,
    database: config.database,
    timezone: 'Z',
  });
  return {
    query: async <T>(text: string, params: unknown[] = []) => (await connection.query(text, params))[0] as T[],
    execute: async (text, params = []) => void (await connection.query(text, params)),
    close: () => connection.end(),
  };
}
