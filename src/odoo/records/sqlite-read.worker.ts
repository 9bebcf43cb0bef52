/**
 * A SQLite reader off the main thread (BoundedReads): its own connection to the database file
 * (WAL lets it read beside the writer), the same SQL functions, one statement at a time. A heavy
 * records-API read runs here, so it never blocks the event loop (`/health`, every other request).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { registerSqliteFunctions } from '../../database/sqlite-functions';

/** The part of better-sqlite3 (which ships no types) used here. */
interface SqliteConnection {
  pragma(source: string): unknown;
  prepare(sql: string): { all(...params: unknown[]): unknown[] };
  function(name: string, options: { deterministic: boolean }, fn: (...args: never[]) => unknown): unknown;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- untyped CommonJS driver, loaded as TypeORM loads it
const Database = require('better-sqlite3') as new (file: string, options: { fileMustExist: boolean; timeout: number }) => SqliteConnection;

export interface ReadRequest {
  id: number;
  sql: string;
  params: unknown[];
}

export type ReadAnswer = { id: number; rows: unknown[] } | { id: number; error: string; code?: string };

const db = new Database((workerData as { path: string }).path, { fileMustExist: true, timeout: 10_000 });
db.pragma('busy_timeout = 10000');
db.pragma('query_only = ON');
registerSqliteFunctions(db);

parentPort!.on('message', ({ id, sql, params }: ReadRequest) => {
  let answer: ReadAnswer;
  try {
    answer = { id, rows: db.prepare(sql).all(...params) };
  } catch (error) {
    answer = { id, error: (error as Error).message, code: (error as { code?: string }).code };
  }
  parentPort!.postMessage(answer);
});
