import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { boolean, createTable, datetime, integer, text, varchar } from '../../database/schema-helpers';

export class Outbox1764300600000 implements MigrationInterface {
  name = 'Outbox1764300600000';

  async up(runner: QueryRunner): Promise<void> {
    const mysql = runner.connection.options.type === 'mysql';
    await createTable(
      runner,
      new Table({
        name: 'sync_outbox',
        columns: [
          // SQLite only auto-increments INTEGER PRIMARY KEY; MySQL gets a BIGINT.
          { name: 'id', type: mysql ? 'bigint' : 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          integer('sync_object_id', false),
          integer('web_service_id', false),
          varchar('model', 64, false),
          integer('record_id', false),
          varchar('kind', 8, false),
          varchar('status', 16, false),
          varchar('external_id', 128),
          text('changed_fields', false),
          text('snapshot'),
          integer('attempts', false, 0),
          datetime('next_attempt_at', false),
          varchar('lease_owner', 64),
          datetime('lease_until'),
          text('last_error'),
          integer('last_http_status'),
          datetime('created_at', false),
          datetime('delivered_at'),
        ],
        indices: [
          // The dispatcher's claim: due rows by status and time, oldest first.
          { name: 'ix_outbox_claim', columnNames: ['status', 'next_attempt_at', 'id'] },
          // Per-record order and coalescing: the rows of one record of one object.
          { name: 'ix_outbox_record', columnNames: ['sync_object_id', 'record_id', 'status'] },
          // A cron run drains its object's rows; the API filters by object.
          { name: 'ix_outbox_object', columnNames: ['sync_object_id', 'status', 'id'] },
          { name: 'ix_outbox_web_service', columnNames: ['web_service_id', 'status'] },
        ],
      }),
    );
    await createTable(
      runner,
      new Table({
        name: 'sync_record_state',
        columns: [
          { ...integer('sync_object_id', false), isPrimary: true },
          { ...integer('record_id', false), isPrimary: true },
          varchar('external_id', 128),
          boolean('exists_remote', false),
          text('synced_values'),
          datetime('synced_at', false),
        ],
        indices: [{ name: 'ix_record_state_external', columnNames: ['sync_object_id', 'external_id'] }],
      }),
    );
    await createTable(
      runner,
      new Table({
        name: 'delivery_health',
        columns: [
          { ...integer('web_service_id', false), isPrimary: true },
          integer('consecutive_failures', false, 0),
          datetime('paused_until'),
          text('last_error'),
          datetime('last_error_at'),
          datetime('last_success_at'),
        ],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['delivery_health', 'sync_record_state', 'sync_outbox']) await runner.dropTable(table, true);
  }
}
