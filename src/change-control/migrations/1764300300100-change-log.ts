import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from 'typeorm';
import { createTable, datetime, idColumn, integer, text, varchar } from '../../database/schema-helpers';

/**
 * The change log. It is append-heavy and grows to millions of rows, so every
 * secondary index must earn its insert cost. InnoDB and SQLite both append the
 * primary key to secondary-index entries, so an index on (x, synced_at) is really
 * (x, synced_at, id) and serves "WHERE x = ? ORDER BY synced_at DESC, id DESC
 * LIMIT n" (the listing order) without a sort, and the keyset cursor as a range.
 *
 * - (synced_at): the unfiltered newest-first page, the from/to range, and the
 *   retention purge (oldest rows first).
 * - (sync_object_id, synced_at): one sync object's history, the usual drill-down.
 * - (status, synced_at): "show the failures", rare among millions of successes;
 *   without it a page of failures would scan the table.
 * - (external_id), (odoo_id): one record's history — few rows per value, so
 *   sorting them needs no synced_at suffix.
 * Not indexed: direction, action, trigger, model (a handful of values each,
 * useful only combined with the above) and title (`q` is a contains-search no
 * B-tree can serve; it is bounded by the other filters and the capped count).
 */
export class ChangeLog1764300300100 implements MigrationInterface {
  name = 'ChangeLog1764300300100';

  async up(runner: QueryRunner): Promise<void> {
    const mysql = runner.connection.options.type === 'mysql';
    // MySQL TEXT holds 64 KB; the JSON columns are capped at 64 KB of *content*
    // plus the truncation marker, so they get LONGTEXT. SQLite's TEXT is unbounded.
    const json = (name: string): TableColumnOptions => ({ name, type: mysql ? 'longtext' : 'text', isNullable: true });
    await createTable(
      runner,
      new Table({
        name: 'change_log',
        columns: [
          // SQLite's INTEGER primary key is already 64-bit (and must be spelled INTEGER to auto-increment).
          { ...idColumn(), type: mysql ? 'bigint' : 'integer' },
          varchar('direction', 32, false),
          varchar('action', 16, false),
          varchar('external_id', 128),
          integer('odoo_id'),
          varchar('name', 255, false),
          varchar('title', 255),
          json('origin_values'),
          json('destination_values'),
          datetime('modified_at'),
          datetime('synced_at', false),
          varchar('status', 16, false),
          text('error_message'),
          integer('sync_object_id'),
          varchar('model', 64),
          varchar('sync_trigger', 16, false),
          integer('duration_ms'),
        ],
        indices: [
          { name: 'ix_change_log_synced_at', columnNames: ['synced_at'] },
          { name: 'ix_change_log_sync_object', columnNames: ['sync_object_id', 'synced_at'] },
          { name: 'ix_change_log_status', columnNames: ['status', 'synced_at'] },
          { name: 'ix_change_log_external_id', columnNames: ['external_id'] },
          { name: 'ix_change_log_odoo_id', columnNames: ['odoo_id'] },
        ],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('change_log', true);
  }
}
