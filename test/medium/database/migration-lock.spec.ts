import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { DataSource, QueryRunner } from 'typeorm';
import { parseDatabaseUrl } from '../../../src/config/app.config';
import { buildDataSourceOptions } from '../../../src/database/data-source.options';
import { ensureLockTable, LOCK_TABLE, MigrationLockTimeout } from '../../../src/database/migration-lock';
import { runMigrationsLocked } from '../../../src/database/migration.runner';
import { createTestDatabase, TestDatabase } from '../../support/test-database';

const ROOT = path.resolve(__dirname, '../../..');
const FAST = { ttlMs: 30_000, waitMs: 600, pollMs: 50 };

/** The migration lock row and the migration record, on the suite's database (SQLite or MariaDB). */
describe('migrations: the lock row and the record', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let runner: QueryRunner;

  beforeEach(async () => {
    db = await createTestDatabase();
    ds = await new DataSource(buildDataSourceOptions(parseDatabaseUrl(db.url))).initialize();
    runner = ds.createQueryRunner();
  });
  afterEach(async () => {
    await ds.destroy();
    await db.drop();
  });

  const recorded = async () => ((await ds.query('SELECT name FROM synchro_migrations')) as { name: string }[]).map((r) => r.name);
  const lockRows = async () => (await ds.query(`SELECT holder FROM ${LOCK_TABLE}`)) as { holder: string }[];
  const holdLock = async (holder: string, expiresAt: number) => {
    await ensureLockTable(runner);
    await ds.query(`INSERT INTO ${LOCK_TABLE} (id, holder, expires_at) VALUES (1, ?, ?)`, [holder, expiresAt]);
  };

  it('takes over the lock of a holder that stopped renewing it (crashed), migrates, and releases it', async () => {
    await holdLock('crashed-instance', Date.now() - 1_000);
    const applied = await runMigrationsLocked(ds, FAST);
    expect([...applied].sort()).toEqual(ds.migrations.map((m) => m.name).sort());
    expect(new Set(await recorded()).size).toBe(ds.migrations.length);
    expect(await lockRows()).toEqual([]);
  });

  it('waits for a live holder and gives up naming it, applying nothing', async () => {
    await holdLock('busy-instance', Date.now() + 60_000);
    await expect(runMigrationsLocked(ds, FAST)).rejects.toThrow(MigrationLockTimeout);
    await expect(runMigrationsLocked(ds, FAST)).rejects.toThrow(/held by busy-instance/);
    expect(await ds.query(`SELECT COUNT(*) AS n FROM ${LOCK_TABLE}`)).toEqual([expect.objectContaining({ n: 1 })]);
    expect(await runner.hasTable('synchro_migrations')).toBe(false);
  });

  it('runs once the live holder releases the lock', async () => {
    await holdLock('busy-instance', Date.now() + 60_000);
    const run = runMigrationsLocked(ds, { ...FAST, waitMs: 10_000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await runner.hasTable('synchro_migrations')).toBe(false);
    await ds.query(`DELETE FROM ${LOCK_TABLE} WHERE holder = ?`, ['busy-instance']);
    expect((await run).length).toBe(ds.migrations.length);
  });

  it('never records one migration twice, and drops the double records of an earlier race', async () => {
    await runMigrationsLocked(ds, FAST);
    const insert = (name: string) => ds.query('INSERT INTO synchro_migrations (timestamp, name) VALUES (?, ?)', [1764300000000, name]);
    await expect(insert('CoreModels1764300000000')).rejects.toThrow();
    // A database migrated before the unique name, by instances that raced: some migrations recorded twice.
    await runner.dropIndex('synchro_migrations', 'uq_synchro_migrations_name');
    await ds.query('DELETE FROM synchro_migrations WHERE name = ?', ['UniqueMigrationNames1764309000000']);
    await insert('CoreModels1764300000000');
    await insert('CoreModels1764300000000');
    expect((await recorded()).filter((name) => name === 'CoreModels1764300000000')).toHaveLength(3);
    expect(await runMigrationsLocked(ds, FAST)).toEqual(['UniqueMigrationNames1764309000000']);
    expect((await recorded()).sort()).toEqual(ds.migrations.map((m) => m.name).sort());
  });

  it('`synchro migrate` applies pending migrations once, then has nothing to do', async () => {
    const cli = () =>
      promisify(execFile)(process.execPath, ['-r', '@swc-node/register', 'src/cli.ts', 'migrate'], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: db.url, DATA_DIR: db.dataDir },
      });
    expect((await cli()).stdout).toContain(`Applied ${ds.migrations.length} migration(s): CoreModels1764300000000`);
    expect((await cli()).stdout).toContain('No pending migrations');
    expect((await recorded()).length).toBe(ds.migrations.length);
  }, 180_000);
});
