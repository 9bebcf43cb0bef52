/**
 * The medium tier's database: a fresh test database (see test-database.ts) opened the way the app
 * opens it (`openDataSource`: SQLite writers immediate, every migration applied), with no Nest
 * application and no HTTP. Tests build the parts they exercise from it (`new UnitOfWork(dataSource)`).
 */
import { spawnSync } from 'node:child_process';
import { DataSource } from 'typeorm';
import { parseDatabaseUrl } from '../../src/config/app.config';
import { buildDataSourceOptions } from '../../src/database/data-source.options';
import { openDataSource } from '../../src/database/database.module';
import { UnitOfWork } from '../../src/database/unit-of-work';
import { ModelRegistry } from '../../src/odoo/model.registry';
import { coreRegistry } from '../support/core-registry';
import { baseDatabaseUrl, createTestDatabase, isMysqlRun, TestDatabase } from '../support/test-database';

export type Engine = 'sqlite' | 'mysql';

export interface MediumDatabase {
  engine: Engine;
  dataSource: DataSource;
  uow: UnitOfWork;
  registry: ModelRegistry;
  db: TestDatabase;
  close(): Promise<void>;
}

/** Where MariaDB/MySQL is looked for when DATABASE_URL names SQLite (the local server of README "Testing"). */
export const LOCAL_MYSQL_URL = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';

/** The engine DATABASE_URL names: the one `npm test` runs the tiers on. */
export const suiteEngine = (): Engine => (isMysqlRun() ? 'mysql' : 'sqlite');

/**
 * A migrated database on `engine` (default: the suite's). Asking for MariaDB in a SQLite run uses
 * LOCAL_MYSQL_URL; check `mysqlAnswers()` first so an absent server skips rather than fails.
 */
export async function openMediumDatabase(engine: Engine = suiteEngine()): Promise<MediumDatabase> {
  const base = engine === suiteEngine() ? baseDatabaseUrl() : engine === 'mysql' ? LOCAL_MYSQL_URL : '';
  const db = await createTestDatabase(base);
  try {
    const dataSource = await openDataSource(buildDataSourceOptions(parseDatabaseUrl(db.url)));
    return {
      engine,
      dataSource,
      uow: new UnitOfWork(dataSource),
      registry: coreRegistry(),
      db,
      close: async () => {
        await dataSource.destroy();
        await db.drop();
      },
    };
  } catch (error) {
    await db.drop();
    throw error;
  }
}

/**
 * Whether the MariaDB/MySQL cases should run. In a MySQL run (DATABASE_URL names MySQL) always: a
 * server that does not answer there fails the suite instead of skipping it. In a SQLite run, whether
 * LOCAL_MYSQL_URL answers, probed synchronously in a child process, so that a test file can choose
 * `describe` or `describe.skip` while Jest collects it.
 */
export function mysqlAnswers(): boolean {
  if (isMysqlRun()) return true;
  const config = parseDatabaseUrl(LOCAL_MYSQL_URL);
  if (config.type !== 'mysql') return false;
  const options = { host: config.host, port: config.port, user: config.username, password: config.password, connectTimeout: 3000 };
  const probe = spawnSync(
    process.execPath,
    [
      '-e',
      `require('mysql2/promise').createConnection(${JSON.stringify(options)})` +
        `.then((c) => c.end()).then(() => process.exit(0), () => process.exit(1))`,
    ],
    { cwd: process.cwd(), timeout: 10_000 },
  );
  return probe.status === 0;
}
