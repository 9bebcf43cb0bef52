import { Logger } from '@nestjs/common';
import { DataSource, MigrationExecutor } from 'typeorm';
import { syncReads } from './galera';
import { acquireMigrationLock, DEFAULT_LOCK_TIMING, LockTiming } from './migration-lock';

/**
 * Runs pending migrations under the migration lock (a row in a table, see
 * migration-lock.ts), so several instances starting together — on one server or on
 * several nodes of a Galera cluster — apply each migration exactly once. Used at
 * start-up and by `synchro migrate`. Answers the names of the migrations applied.
 */
export async function runMigrationsLocked(dataSource: DataSource, timing: LockTiming = DEFAULT_LOCK_TIMING): Promise<string[]> {
  const logger = new Logger('Migrations');
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    // The holder must see every migration the previous holder recorded, even from another node.
    await syncReads(runner);
    const lock = await acquireMigrationLock(dataSource, runner, timing);
    try {
      const executor = new MigrationExecutor(dataSource, runner);
      executor.transaction = 'each';
      const applied = (await executor.executePendingMigrations()).map((m) => m.name);
      if (applied.length) logger.log(`Applied ${applied.join(', ')}`);
      return applied;
    } finally {
      await lock.release();
    }
  } finally {
    // SQLite's runner is the data source's one shared connection: it stays open.
    if (dataSource.options.type === 'mysql') await runner.release();
  }
}
