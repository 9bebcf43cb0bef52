import { Logger } from '@nestjs/common';
import * as fs from 'node:fs';
import { DataSource } from 'typeorm';

const LOCK_NAME = 'synchro_migrations';
const LOCK_WAIT_SECONDS = 120;

/**
 * Runs pending migrations at start-up under a lock, so several instances
 * starting together apply each migration exactly once:
 * MySQL/MariaDB `GET_LOCK` on a dedicated connection; SQLite a lock file next to
 * the database (an exclusive create, stale after LOCK_WAIT_SECONDS).
 */
export async function runMigrationsLocked(dataSource: DataSource): Promise<void> {
  const logger = new Logger('Migrations');
  const release = dataSource.options.type === 'mysql' ? await mysqlLock(dataSource) : await fileLock(dataSource);
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length) logger.log(`Applied ${applied.map((m) => m.name).join(', ')}`);
  } finally {
    await release();
  }
}

async function mysqlLock(dataSource: DataSource): Promise<() => Promise<void>> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  const rows = (await runner.query('SELECT GET_LOCK(?, ?) AS got', [LOCK_NAME, LOCK_WAIT_SECONDS])) as { got: number }[];
  if (Number(rows[0]?.got) !== 1) {
    await runner.release();
    throw new Error(`Could not take the migration lock within ${LOCK_WAIT_SECONDS}s`);
  }
  return async () => {
    try {
      await runner.query('SELECT RELEASE_LOCK(?)', [LOCK_NAME]);
    } finally {
      await runner.release();
    }
  };
}

async function fileLock(dataSource: DataSource): Promise<() => Promise<void>> {
  const database = String(dataSource.options.database);
  if (database === ':memory:') return async () => undefined;
  const file = `${database}.migrate.lock`;
  const deadline = Date.now() + LOCK_WAIT_SECONDS * 1000;
  for (;;) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return async () => fs.rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = Date.now() - statMtime(file);
      if (age > LOCK_WAIT_SECONDS * 1000) fs.rmSync(file, { force: true });
      else if (Date.now() > deadline) throw new Error(`Migration lock ${file} is held by another process`);
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

function statMtime(file: string): number {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return Date.now();
  }
}
