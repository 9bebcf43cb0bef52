import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { boolean, createTable, datetime, idColumn, integer, text, varchar } from '../../database/schema-helpers';

export class SyncObjects1764300500000 implements MigrationInterface {
  name = 'SyncObjects1764300500000';

  async up(runner: QueryRunner): Promise<void> {
    await createTable(
      runner,
      new Table({
        name: 'sync_object',
        columns: [
          idColumn(),
          varchar('name', 128, false),
          varchar('direction', 32, false),
          integer('web_service_id', false),
          varchar('mode', 16, false),
          varchar('priority', 16, false),
          varchar('odoo_model', 64, false),
          varchar('odoo_ref_field', 64, false),
          boolean('propagate_deletes', false),
          integer('sync_model_id', false),
          varchar('external_ref_field', 64, false),
          text('domain', false),
          integer('record_limit', false),
          boolean('drain', false),
          text('fields', false),
          text('endpoints', false),
          integer('schedule_interval', false),
          varchar('schedule_unit', 16, false),
          datetime('next_run_at'),
          boolean('active', true),
          datetime('created_at', false),
          datetime('updated_at', false),
        ],
        indices: [
          { name: 'uq_sync_object_name', columnNames: ['name'], isUnique: true },
          { name: 'ix_sync_object_model', columnNames: ['odoo_model'] },
          { name: 'ix_sync_object_sync_model', columnNames: ['sync_model_id'] },
          { name: 'ix_sync_object_due', columnNames: ['active', 'mode', 'next_run_at'] },
        ],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('sync_object', true);
  }
}
