/* eslint-disable @typescript-eslint/no-require-imports --
   bench harness: drivers and src modules loaded lazily, IPC and JSON answers untyped */
/**
 * A fresh database per bench run: a scratch MariaDB/MySQL database (dropped
 * afterwards; never `test`), or a temp SQLite file with --sqlite.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createConnection } from 'mysql2/promise';

export interface ScratchDatabase {
  kind: 'mysql' | 'sqlite';
  /** DATABASE_URL for Synchro. */
  url: string;
  /** Folder for Synchro's DATA_DIR (and the SQLite file). */
  dataDir: string;
  mysql?: { host: string; port: number; user: string; password: string; database: string };
  sqlitePath?: string;
  /** Server version string, for the report. */
  version: string;
  drop(): Promise<void>;
}

export const DEFAULT_MYSQL_URL = 'mysql://root@127.0.0.1:3306/synchro_bench';

export async function createScratchDatabase(
  kind: 'mysql' | 'sqlite',
  mysqlUrl = process.env.BENCH_DATABASE_URL || DEFAULT_MYSQL_URL,
): Promise<ScratchDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'synchro-bench-'));
  if (kind === 'sqlite') {
    const sqlitePath = path.join(dataDir, 'synchro.db');
    const Database = require('better-sqlite3');
    const probe = new Database(':memory:');
    const version = `SQLite ${(probe.prepare('select sqlite_version() as v').get() as { v: string }).v} (better-sqlite3)`;
    probe.close();
    return {
      kind,
      url: `sqlite:${sqlitePath}`,
      dataDir,
      sqlitePath,
      version,
      drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const parsed = new URL(mysqlUrl);
  const base = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'synchro_bench';
  if (base === 'test') throw new Error('refusing to use database `test` for the bench: pick another name');
  // One database per run: two runs at once must not drop each other's tables.
  const database = `${base}_${process.pid}`;
  const mysql = {
    host: parsed.hostname,
    port: Number(parsed.port || 3306),
    user: decodeURIComponent(parsed.username || 'root'),
    password: decodeURIComponent(parsed.password),
    database,
  };
  const admin = await createConnection({ host: mysql.host, port: mysql.port, user: mysql.user, password: mysql.password });
  const [rows] = await admin.query('SELECT VERSION() AS v');
  const version = String((rows as { v: string }[])[0].v);
  await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
  await admin.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = new URL(mysqlUrl);
  url.pathname = `/${database}`;
  return {
    kind,
    url: url.toString(),
    dataDir,
    mysql,
    version: /mariadb/i.test(version) ? `MariaDB ${version}` : `MySQL ${version}`,
    drop: async () => {
      const conn = await createConnection({ host: mysql.host, port: mysql.port, user: mysql.user, password: mysql.password });
      await conn.query(`DROP DATABASE IF EXISTS \`${database}\``);
      await conn.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
