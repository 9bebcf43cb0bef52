/**
 * Every e2e test file gets its own fresh database: a temp SQLite file by
 * default, or — when DATABASE_URL points at MySQL/MariaDB — a new database
 * created next to the one named in the URL and dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createConnection } from 'mysql2/promise';
import { parseDatabaseUrl } from '../../src/config/app.config';

export interface TestDatabase {
  url: string;
  dataDir: string;
  kind: 'sqlite' | 'mysql';
  drop(): Promise<void>;
}

export const baseDatabaseUrl = (): string | undefined => process.env.TEST_BASE_DATABASE_URL ?? process.env.DATABASE_URL;

export function isMysqlRun(): boolean {
  return (baseDatabaseUrl() ?? '').startsWith('mysql');
}

/** A fresh database next to `base` (default: the suite's DATABASE_URL; SQLite when it names none). */
export async function createTestDatabase(base?: string): Promise<TestDatabase> {
  // Remember the suite's target before tests overwrite DATABASE_URL for the app.
  process.env.TEST_BASE_DATABASE_URL ??= process.env.DATABASE_URL ?? '';
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'synchro-test-'));
  base ??= baseDatabaseUrl();
  if (!base || !base.startsWith('mysql')) {
    return {
      url: `sqlite:${path.join(dataDir, 'synchro.db')}`,
      dataDir,
      kind: 'sqlite',
      drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const config = parseDatabaseUrl(base);
  if (config.type !== 'mysql') throw new Error('unreachable');
  const name = `${config.database}_t${randomBytes(4).toString('hex')}`;
  const admin = await createConnection({ host: config.host, port: config.port, user: config.username, password: config.password });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dataDir,
    kind: 'mysql',
    drop: async () => {
      const conn = await createConnection({ host: config.host, port: config.port, user: config.username, password: config.password });
      await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await conn.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
