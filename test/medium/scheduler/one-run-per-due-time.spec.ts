import { DataSource } from 'typeorm';
import { parseDatabaseUrl } from '../../../src/config/app.config';
import { buildDataSourceOptions } from '../../../src/database/data-source.options';
import { runMigrationsLocked } from '../../../src/database/migration.runner';
import { createTestDatabase, TestDatabase } from '../../support/test-database';

/** sync_run holds at most one run per object and due time (a unique key every Galera node certifies). */
describe('sync_run: one run per due time', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await new DataSource(buildDataSourceOptions(parseDatabaseUrl(db.url))).initialize();
    await runMigrationsLocked(ds);
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  const insertRun = (objectId: number, trigger: string, plannedAt: string | null) =>
    ds.query('INSERT INTO sync_run (sync_object_id, sync_trigger, status, planned_at, started_at) VALUES (?, ?, ?, ?, ?)', [
      objectId,
      trigger,
      'success',
      plannedAt,
      '2026-12-01 10:00:01.000',
    ]);

  it('refuses a second cron run of one object for one planned time, and allows any number of manual runs', async () => {
    // Datetimes as both drivers store them.
    const planned = '2026-12-01 10:00:00.000';
    await insertRun(1, 'cron', planned);
    await expect(insertRun(1, 'cron', planned)).rejects.toThrow();
    await insertRun(2, 'cron', planned);
    await insertRun(1, 'cron', '2026-12-01 10:05:00.000');
    await insertRun(1, 'manual', null);
    await insertRun(1, 'manual', null);
    const [row] = (await ds.query('SELECT COUNT(*) AS n FROM sync_run')) as { n: number }[];
    expect(Number(row.n)).toBe(5);
  });
});
