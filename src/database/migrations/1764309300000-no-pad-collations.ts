import { MigrationInterface, QueryRunner } from 'typeorm';
import { convertToNoPad, noPadCollations } from '../schema-helpers';

/**
 * MySQL/MariaDB: NO PAD collations everywhere, so `'C7 '` and `'C7'` are two values (in `=`,
 * `IN`, unique indexes), as on SQLite (issue 11 point 5); external-id columns binary as well
 * (see noPadCollations in schema-helpers.ts, which createTable uses for later tables). Tables
 * created before (utf8mb4_unicode_ci, PAD SPACE on MariaDB) are converted: a one-time rebuild of
 * each. The database default changes too. SQLite compares exactly already: nothing to do.
 */

/** The migration bookkeeping tables: ASCII names, and the lock row is held while this runs. */
const SKIPPED = new Set(['synchro_migrations', 'synchro_migration_lock']);

export class NoPadCollations1764309300000 implements MigrationInterface {
  name = 'NoPadCollations1764309300000';

  async up(runner: QueryRunner): Promise<void> {
    if (runner.connection.options.type !== 'mysql' && runner.connection.options.type !== 'mariadb') return;
    const collations = await noPadCollations(runner);
    const [{ db }] = (await runner.query('SELECT DATABASE() AS db')) as { db: string }[];
    await runner.query(`ALTER DATABASE \`${db.replace(/`/g, '``')}\` CHARACTER SET utf8mb4 COLLATE ${collations.text}`);
    const tables = (await runner.query(
      "SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'",
    )) as { name: string }[];
    // Columns on both ends of a foreign key change together only with the checks off.
    await runner.query('SET FOREIGN_KEY_CHECKS = 0');
    try {
      for (const { name } of tables) if (!SKIPPED.has(name)) await convertToNoPad(runner, name, collations);
    } finally {
      await runner.query('SET FOREIGN_KEY_CHECKS = 1');
    }
  }

  async down(): Promise<void> {
    // Going back to PAD SPACE could make distinct values of unique columns collide: not reversible.
  }
}
