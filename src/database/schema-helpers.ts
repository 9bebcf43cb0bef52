/**
 * Small helpers so migrations stay portable between SQLite and MySQL/MariaDB
 * while using TypeORM's QueryRunner API (no driver-specific SQL in migrations).
 */
import { QueryRunner, Table, TableColumnOptions } from 'typeorm';

export const idColumn = (): TableColumnOptions => ({
  name: 'id',
  type: 'integer',
  isPrimary: true,
  isGenerated: true,
  generationStrategy: 'increment',
});

export const varchar = (name: string, length: number, nullable = true): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
});

export const text = (name: string, nullable = true): TableColumnOptions => ({ name, type: 'text', isNullable: nullable });

export const integer = (name: string, nullable = true, defaultValue?: number): TableColumnOptions => ({
  name,
  type: 'integer',
  isNullable: nullable,
  default: defaultValue,
});

export const bigint = (name: string, nullable = true): TableColumnOptions => ({ name, type: 'bigint', isNullable: nullable });

export const double = (name: string, defaultValue = 0): TableColumnOptions => ({
  name,
  type: 'double',
  isNullable: false,
  default: defaultValue,
});

export const boolean = (name: string, defaultValue: boolean): TableColumnOptions => ({
  name,
  type: 'boolean',
  isNullable: false,
  default: defaultValue ? 1 : 0,
});

/** Millisecond precision on MySQL (SQLite keeps what it is given). */
export const datetime = (name: string, nullable = true): TableColumnOptions => ({
  name,
  type: 'datetime',
  precision: 3,
  isNullable: nullable,
});

export const date = (name: string, nullable = true): TableColumnOptions => ({ name, type: 'date', isNullable: nullable });

export const auditColumns = (): TableColumnOptions[] => [datetime('create_date'), datetime('write_date')];

/** Create a table; on MySQL/MariaDB force InnoDB + utf8mb4 NO PAD (see noPadCollations) whatever the server's defaults. */
export async function createTable(runner: QueryRunner, table: Table): Promise<void> {
  if (runner.connection.options.type === 'mysql') {
    table.engine = 'InnoDB';
  }
  await runner.createTable(table, true, true, true);
  if (runner.connection.options.type === 'mysql') {
    await convertToNoPad(runner, table.name, await noPadCollations(runner));
  }
}

/**
 * MySQL/MariaDB collations: NO PAD, so `'C7 '` and `'C7'` are two values (in `=`, `IN`, unique
 * indexes), as on SQLite. MariaDB's utf8mb4_unicode_nopad_ci is utf8mb4_unicode_ci without the
 * padding; MySQL 8 has no *_nopad_* collations, its utf8mb4_0900_ai_ci is NO PAD. External-id
 * columns (`x_sys_id`, `external_id`) compare byte for byte, case included: *_nopad_bin / 0900_bin.
 */
export const NO_PAD_COLLATIONS = ['utf8mb4_unicode_nopad_ci', 'utf8mb4_0900_ai_ci'];
export const NO_PAD_BINARY_COLLATIONS = ['utf8mb4_nopad_bin', 'utf8mb4_0900_bin'];
const EXTERNAL_ID_COLUMNS = ['x_sys_id', 'external_id'];

export interface NoPadCollations {
  text: string;
  binary: string;
}

/** The first NO PAD collations this server has (MariaDB's, else MySQL 8's). */
export async function noPadCollations(runner: QueryRunner): Promise<NoPadCollations> {
  const names = [...NO_PAD_COLLATIONS, ...NO_PAD_BINARY_COLLATIONS];
  const rows = (await runner.query(
    `SELECT COLLATION_NAME AS name FROM information_schema.COLLATIONS WHERE COLLATION_NAME IN (${names.map(() => '?').join(', ')})`,
    names,
  )) as { name: string }[];
  const first = (candidates: string[]) => {
    const found = candidates.find((name) => rows.some((row) => row.name === name));
    if (!found) throw new Error(`none of the NO PAD collations ${candidates.join(', ')} exists on this server`);
    return found;
  };
  return { text: first(NO_PAD_COLLATIONS), binary: first(NO_PAD_BINARY_COLLATIONS) };
}

/** One table's columns to the NO PAD collations, its external-id columns to the binary one. */
export async function convertToNoPad(runner: QueryRunner, tableName: string, collations: NoPadCollations): Promise<void> {
  await runner.query(`ALTER TABLE ${quoteMysql(tableName)} CONVERT TO CHARACTER SET utf8mb4 COLLATE ${collations.text}`);
  const idColumns = (await runner.query(
    `SELECT COLUMN_NAME AS name, COLUMN_TYPE AS type, IS_NULLABLE AS nullable FROM information_schema.COLUMNS
      WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND COLUMN_NAME IN (?, ?) AND DATA_TYPE = 'varchar'
        AND (COLUMN_DEFAULT IS NULL OR COLUMN_DEFAULT = 'NULL')`,
    [tableName, ...EXTERNAL_ID_COLUMNS],
  )) as { name: string; type: string; nullable: string }[];
  for (const column of idColumns) {
    if (!/^varchar\(\d+\)$/i.test(column.type)) continue;
    await runner.query(
      `ALTER TABLE ${quoteMysql(tableName)} MODIFY ${quoteMysql(column.name)} ${column.type}` +
        ` CHARACTER SET utf8mb4 COLLATE ${collations.binary} ${column.nullable === 'YES' ? 'NULL' : 'NOT NULL'}`,
    );
  }
}

function quoteMysql(name: string): string {
  return '`' + name.replace(/`/g, '``') + '`';
}
