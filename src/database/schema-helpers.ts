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

/** Create a table; on MySQL/MariaDB force InnoDB + utf8mb4 whatever the server's defaults. */
export async function createTable(runner: QueryRunner, table: Table): Promise<void> {
  if (runner.connection.options.type === 'mysql') {
    table.engine = 'InnoDB';
  }
  await runner.createTable(table, true, true, true);
  if (runner.connection.options.type === 'mysql') {
    await runner.query(`ALTER TABLE \`${table.name}\` CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  }
}
