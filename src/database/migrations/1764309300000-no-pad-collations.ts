import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * MySQL/MariaDB: NO PAD collations everywhere, so `'C7 '` and `'C7'` are two values (in `=`,
 * `IN`, unique indexes), as on SQLite (issue 11 point 5). MariaDB's utf8mb4_unicode_ci (the
 * collation Synchro created its tables with) is PAD SPACE; utf8mb4_unicode_nopad_ci has the same
 * rules without the padding. MySQL 8 has no *_nopad_* collations: its utf8mb4_0900_ai_ci is NO PAD.
 * Every table is converted (a one-time rebuild) and the database default changes, so tables
 * created by later migrations are NO PAD too. SQLite compares exactly already: nothing to do.
 */
export const NO_PAD_COLLATIONS = ['utf8mb4_unicode_nopad_ci', 'utf8mb4_0900_ai_ci'];
/** External ids (`x_sys_id`, `external_id` columns) compare byte for byte, case included, as on SQLite. */
export const NO_PAD_BINARY_COLLATIONS = ['utf8mb4_nopad_bin', 'utf8mb4_0900_bin'];
const EXTERNAL_ID_COLUMNS = ['x_sys_id', 'external_id'];

/** The migration bookkeeping tables: ASCII names, and the lock row is held while this runs. */
const SKIPPED = new Set(['synchro_migrations', 'synchro_migration_lock']);

export class NoPadCollations1764309300000 implements MigrationInterface {
  name = 'NoPadCollations1764309300000';

  async up(runner: QueryRunner): Promise<void> {
    if (runner.connection.options.type !== 'mysql' && runner.connection.options.type !== 'mariadb') return;
    const collation = await firstAvailable(runner, NO_PAD_COLLATIONS);
    const binary = await firstAvailable(runner, NO_PAD_BINARY_COLLATIONS);
    const [{ db }] = (await runner.query('SELECT DATABASE() AS db')) as { db: string }[];
    await runner.query(`ALTER DATABASE ${quote(db)} CHARACTER SET utf8mb4 COLLATE ${collation}`);
    const tables = (await runner.query(
      "SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'",
    )) as { name: string }[];
    // Columns on both ends of a foreign key change together only with the checks off.
    await runner.query('SET FOREIGN_KEY_CHECKS = 0');
    try {
      for (const { name } of tables) {
        if (SKIPPED.has(name)) continue;
        await runner.query(`ALTER TABLE ${quote(name)} CONVERT TO CHARACTER SET utf8mb4 COLLATE ${collation}`);
      }
      const idColumns = (await runner.query(
        `SELECT TABLE_NAME AS tableName, COLUMN_NAME AS columnName, COLUMN_TYPE AS columnType, IS_NULLABLE AS nullable
           FROM information_schema.COLUMNS
          WHERE TABLE_SCHEMA = DATABASE() AND COLUMN_NAME IN (?, ?) AND DATA_TYPE = 'varchar'
            AND (COLUMN_DEFAULT IS NULL OR COLUMN_DEFAULT = 'NULL')`,
        EXTERNAL_ID_COLUMNS,
      )) as { tableName: string; columnName: string; columnType: string; nullable: string }[];
      for (const column of idColumns) {
        if (SKIPPED.has(column.tableName) || !/^varchar\(\d+\)$/i.test(column.columnType)) continue;
        await runner.query(
          `ALTER TABLE ${quote(column.tableName)} MODIFY ${quote(column.columnName)} ${column.columnType}` +
            ` CHARACTER SET utf8mb4 COLLATE ${binary} ${column.nullable === 'YES' ? 'NULL' : 'NOT NULL'}`,
        );
      }
    } finally {
      await runner.query('SET FOREIGN_KEY_CHECKS = 1');
    }
  }

  async down(): Promise<void> {
    // Going back to PAD SPACE could make distinct values of unique columns collide: not reversible.
  }
}

async function firstAvailable(runner: QueryRunner, names: string[]): Promise<string> {
  const rows = (await runner.query(
    `SELECT COLLATION_NAME AS name FROM information_schema.COLLATIONS WHERE COLLATION_NAME IN (${names.map(() => '?').join(', ')})`,
    names,
  )) as { name: string }[];
  const found = names.find((name) => rows.some((row) => row.name === name));
  if (!found) throw new Error(`none of the NO PAD collations ${names.join(', ')} exists on this server`);
  return found;
}

function quote(name: string): string {
  return '`' + name.replace(/`/g, '``') + '`';
}
