import { DataSource } from 'typeorm';
import { parseDatabaseUrl } from '../../../src/config/app.config';
import { buildDataSourceOptions } from '../../../src/database/data-source.options';
import { runMigrationsLocked } from '../../../src/database/migration.runner';
import { createTestDatabase, TestDatabase } from '../../support/test-database';

/**
 * Every migration's `down()` really undoes its `up()` (issue #15: CI runs each down() on a scratch
 * database, then up() again), on the suite's database (SQLite or MariaDB). The schema after
 * up → down-all → up must be the schema after the first up, table by table and column by column.
 */
describe('migrations: every down() undoes its up()', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await new DataSource(buildDataSourceOptions(parseDatabaseUrl(db.url))).initialize();
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  /** Table → sorted column descriptions, read through TypeORM's own schema loader. */
  async function schema(): Promise<Record<string, string[]>> {
    const runner = ds.createQueryRunner();
    try {
      const tables = await runner.getTables(await tableNames());
      return Object.fromEntries(
        tables
          .filter((t) => !/synchro_migrations$|synchro_migration_lock$/.test(t.name))
          .map((t) => [
            t.name.replace(/^.*\./, ''),
            [
              ...t.columns.map((c) => `${c.name} ${c.type}${c.length ? `(${c.length})` : ''}${c.isNullable ? ' null' : ''}`),
              ...t.indices.map((i) => `index ${i.isUnique ? 'unique ' : ''}(${i.columnNames.join(', ')})`),
            ].sort(),
          ]),
      );
    } finally {
      await runner.release();
    }
  }

  /** This database's own tables (not the server's other schemas, not SQLite's internal ones). */
  async function tableNames(): Promise<string[]> {
    const sql =
      ds.options.type === 'mysql'
        ? "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'"
        : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'";
    return ((await ds.query(sql)) as { name: string }[]).map((r) => r.name);
  }

  async function recorded(): Promise<number> {
    const rows = (await ds.query('SELECT COUNT(*) AS n FROM synchro_migrations')) as { n: number | string }[];
    return Number(rows[0].n);
  }

  it('goes up, all the way down, and up again to the same schema', async () => {
    await runMigrationsLocked(ds);
    const first = await schema();
    expect(Object.keys(first).length).toBeGreaterThan(5);
    expect(await recorded()).toBe(ds.migrations.length);

    for (let left = ds.migrations.length; left > 0; left -= 1) {
      await ds.undoLastMigration({ transaction: 'each' });
      expect(await recorded()).toBe(left - 1);
    }
    expect(await schema()).toEqual({});

    await runMigrationsLocked(ds);
    expect(await recorded()).toBe(ds.migrations.length);
    expect(await schema()).toEqual(first);
  }, 240_000);
});
